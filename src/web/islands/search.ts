/**
 * The search box: instant, typo-tolerant (the same SearchIndex class as the API, loaded from the search index
 * JSON), following the ARIA combobox pattern — the input owns a listbox of options; Up/Down move, Enter opens,
 * Escape clears. Works the same on a static host.
 */
import { pageText } from '../../domain/display-text.ts';
import { type CompactSearchIndex, type SearchHit, SearchIndex } from '../../read/search.ts';
import { localized, withBase } from '../paths.ts';
import { hitPath, hitSummary, hitType } from '../search-view.ts';
import { initLang, readJson } from './common.ts';

interface SearchConfig {
  index: string;
  limit: number;
  messages: { results: string; none: string };
}

const page = initLang();
const cfg = readJson<SearchConfig>('search-config');
const input = document.getElementById('q') as HTMLInputElement | null;
const list = document.getElementById('search-results') as HTMLUListElement | null;
const status = document.getElementById('search-status');
const form = input?.form ?? null;

let index: SearchIndex | null = null;
let hits: SearchHit[] = [];
let active = -1;

function urlOf(h: SearchHit): string {
  return withBase(page?.base ?? '', localized(page?.lang ?? 'en', hitPath(h)));
}

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

function render(q: string) {
  if (!list || !input || !status || !cfg) return;
  const lang = page?.lang ?? 'en';
  hits = index && q.trim() ? index.search(q, { limit: cfg.limit }) : [];
  list.textContent = '';
  active = -1;
  input.removeAttribute('aria-activedescendant');
  if (hits.length === 0) {
    list.removeAttribute('role');
    input.setAttribute('aria-expanded', 'false');
    status.textContent = q.trim() && index ? cfg.messages.none.replace('{q}', q) : '';
    return;
  }
  list.setAttribute('role', 'listbox');
  input.setAttribute('aria-expanded', 'true');
  hits.forEach((h, i) => {
    const li = document.createElement('li');
    li.id = `hit-${i}`;
    li.className = `hit hit-${h.type}`;
    li.setAttribute('role', 'option');
    li.setAttribute('aria-selected', 'false');
    li.dataset.href = urlOf(h);
    const name = document.createElement('span');
    name.className = 'hit-label';
    name.textContent = pageText(h.label);
    const type = document.createElement('span');
    type.className = 'hit-type';
    type.textContent = hitType(lang, h);
    const summary = document.createElement('span');
    summary.className = 'hit-summary';
    summary.textContent = hitSummary(lang, h);
    li.append(name, ' ', type, summary);
    li.addEventListener('click', () => {
      location.href = urlOf(h);
    });
    list.append(li);
  });
  status.textContent = cfg.messages.results.replace('{n}', String(hits.length)).replace('{q}', q);
}

async function start() {
  if (!input || !list || !cfg) return;
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', 'search-results');
  const res = await fetch(cfg.index);
  const json = (await res.json()) as CompactSearchIndex | { data: CompactSearchIndex };
  index = SearchIndex.fromJSON('data' in json ? json.data : json);
  const q = new URLSearchParams(location.search).get('q');
  if (q && !input.value) input.value = q;
  render(input.value);
  input.addEventListener('input', () => render(input.value));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (hits.length) setActive((active + 1) % hits.length);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (hits.length) setActive(active <= 0 ? hits.length - 1 : active - 1);
    } else if (e.key === 'Enter') {
      const h = hits[active >= 0 ? active : -1];
      if (h) {
        e.preventDefault();
        location.href = urlOf(h);
      }
    } else if (e.key === 'Escape') {
      input.value = '';
      render('');
    }
  });
  form?.addEventListener('submit', (e) => {
    e.preventDefault();
    const url = new URL(location.href);
    url.searchParams.set('q', input.value);
    history.replaceState(null, '', url.toString());
    render(input.value);
    if (hits.length) setActive(0);
  });
  input.dataset.ready = 'true';
}

start().catch((e) => {
  if (status) status.textContent = String(e);
});
