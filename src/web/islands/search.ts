/**
 * The search box: instant, typo-tolerant (the same SearchIndex class as the API, loaded from the search index
 * JSON), following the ARIA combobox pattern — the input owns a listbox of options; Up/Down move, Enter opens,
 * Escape clears. Five digits are a ZIP code: its counties come from the ZIP file (loaded the first time one is
 * typed). "Use my location" asks the browser for the reader's position and opens the county it falls in (the
 * `locate` bundle, loaded then). The query is kept in the URL. Works the same on a static host.
 */
import { pageText } from '../../domain/display-text.ts';
import { type CompactSearchIndex, SearchIndex } from '../../read/search.ts';
import { formatMessage } from '../message-format.ts';
import { localized, withBase } from '../paths.ts';
import { hitPath, hitSummary, hitType } from '../search-view.ts';
import { type ZipParts, zipHits, zipOf, zipShareText, zipStatus } from '../zip-view.ts';
import { initLang, readJson } from './common.ts';
import { initTables } from './tables.ts';
import { urlState } from './url-state.ts';

interface SearchConfig {
  index: string;
  zips: string;
  geometry: string;
  locate: string;
  limit: number;
  messages: { results: string; none: string; working: string; failed: string; outside: string };
}

interface Option {
  path: string;
  label: string;
  type: string;
  summary: string;
  cls: string;
}

const page = initLang();
initTables(page);
const cfg = readJson<SearchConfig>('search-config');
const input = document.getElementById('q') as HTMLInputElement | null;
const list = document.getElementById('search-results') as HTMLUListElement | null;
const status = document.getElementById('search-status');
const form = input?.form ?? null;
const lang = page?.lang ?? 'en';
const state = urlState();

let index: SearchIndex | null = null;
let zips: Promise<Record<string, ZipParts>> | null = null;
let options: Option[] = [];
let active = -1;
let seq = 0;

const urlOf = (path: string) => withBase(page?.base ?? '', localized(lang, path));

function setActive(i: number) {
  if (!list || !input) return;
  active = i;
  const items = list.querySelectorAll('[role="option"]');
  for (let k = 0; k < items.length; k++) items[k]?.setAttribute('aria-selected', k === i ? 'true' : 'false');
  if (i >= 0) {
    input.setAttribute('aria-activedescendant', `hit-${i}`);
    list.querySelector(`#hit-${i}`)?.scrollIntoView({ block: 'nearest' });
  } else input.removeAttribute('aria-activedescendant');
}

/** The options for a query: a ZIP code's counties, or the index's hits. */
async function optionsFor(q: string): Promise<{ options: Option[]; status: string }> {
  if (!cfg) return { options: [], status: '' };
  const zip = zipOf(q);
  if (zip) {
    zips ??= fetch(cfg.zips).then((r) => r.json() as Promise<Record<string, ZipParts>>);
    const hits = zipHits((await zips)[zip] ?? []);
    return {
      status: zipStatus(lang, zip, hits),
      options: hits.map((h) => ({
        path: h.path,
        label: h.label,
        type: hitType(lang, { type: 'county' }),
        summary: zipShareText(lang, h, hits.length),
        cls: 'hit hit-county',
      })),
    };
  }
  const hits = index && q.trim() ? index.search(q, { limit: cfg.limit }) : [];
  const status =
    !q.trim() || !index
      ? ''
      : formatMessage(lang, hits.length ? cfg.messages.results : cfg.messages.none, { n: hits.length, q });
  return {
    status,
    options: hits.map((h) => ({
      path: hitPath(h),
      label: h.label,
      type: hitType(lang, h),
      summary: hitSummary(lang, h),
      cls: `hit hit-${h.type}`,
    })),
  };
}

function draw(found: Option[], text: string) {
  if (!list || !input || !status) return;
  options = found;
  list.textContent = '';
  active = -1;
  input.removeAttribute('aria-activedescendant');
  status.textContent = text;
  if (found.length === 0) {
    list.removeAttribute('role');
    input.setAttribute('aria-expanded', 'false');
    return;
  }
  list.setAttribute('role', 'listbox');
  input.setAttribute('aria-expanded', 'true');
  found.forEach((h, i) => {
    const li = document.createElement('li');
    li.id = `hit-${i}`;
    li.className = h.cls;
    li.setAttribute('role', 'option');
    li.setAttribute('aria-selected', 'false');
    li.dataset.href = urlOf(h.path);
    const name = document.createElement('span');
    name.className = 'hit-label';
    name.textContent = pageText(h.label);
    const type = document.createElement('span');
    type.className = 'hit-type';
    type.textContent = h.type;
    const summary = document.createElement('span');
    summary.className = 'hit-summary';
    summary.textContent = h.summary;
    li.append(name, ' ', type, summary);
    li.addEventListener('click', () => {
      location.href = urlOf(h.path);
    });
    list.append(li);
  });
}

async function render(q: string) {
  const mine = ++seq;
  const r = await optionsFor(q);
  if (mine === seq) draw(r.options, r.status);
}

/** "Use my location": the browser's position, then the county it falls in. */
function wireLocate() {
  const box = document.getElementById('locate-box');
  const button = document.getElementById('locate');
  if (!box || !button || !cfg || !('geolocation' in navigator)) return;
  box.hidden = false;
  button.addEventListener('click', () => {
    if (status) status.textContent = cfg.messages.working;
    navigator.geolocation.getCurrentPosition(
      async (pos) => {
        const mod = (await import(cfg.locate)) as typeof import('./locate.ts');
        const fips = await mod.countyOf(cfg.geometry, pos.coords.longitude, pos.coords.latitude);
        if (fips) location.href = urlOf(`/county/${fips}/`);
        else if (status) status.textContent = cfg.messages.outside;
      },
      (err) => {
        if (status) status.textContent = formatMessage(lang, cfg.messages.failed, { reason: err.message });
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 600_000 },
    );
  });
}

async function start() {
  if (!input || !list || !cfg) return;
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', 'search-results');
  wireLocate();
  const res = await fetch(cfg.index);
  const json = (await res.json()) as CompactSearchIndex | { data: CompactSearchIndex };
  index = SearchIndex.fromJSON('data' in json ? json.data : json);
  const q = state.get('q');
  if (q && !input.value) input.value = q;
  await render(input.value);
  input.addEventListener('input', () => {
    state.set('q', input.value.trim() ? input.value : null);
    void render(input.value);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (options.length) setActive((active + 1) % options.length);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (options.length) setActive(active <= 0 ? options.length - 1 : active - 1);
    } else if (e.key === 'Enter') {
      // A ZIP code of one county opens it at once; otherwise Enter opens the option chosen, or submits.
      const only = zipOf(input.value) && options.length === 1 ? 0 : -1;
      const h = options[active >= 0 ? active : only];
      if (h) {
        e.preventDefault();
        location.href = urlOf(h.path);
      }
    } else if (e.key === 'Escape') {
      input.value = '';
      state.set('q', null);
      void render('');
    }
  });
  form?.addEventListener('submit', async (e) => {
    e.preventDefault();
    state.set('q', input.value);
    await render(input.value);
    if (options.length) setActive(0);
  });
  input.dataset.ready = 'true';
}

start().catch((e) => {
  if (status) status.textContent = String(e);
});
