/**
 * Changes page in the static export: filters the rows from the same query parameters the server reads (from, to,
 * state, model, kind: change-filter.ts), so a filtered link works on any static host, and points the feed link at
 * the state's feed when a state is chosen (a static host cannot filter a feed by query; the live server can).
 */
import { FILTER_KEYS, matches, readFilter } from '../change-filter.ts';
import { formatMessage } from '../message-format.ts';
import { initLang } from './common.ts';

const cfg = initLang();

function run() {
  if (cfg?.mode !== 'static') return;
  const f = readFilter(new URLSearchParams(location.search));
  const form = document.getElementById('changes-filter') as HTMLFormElement | null;
  if (form) {
    for (const k of FILTER_KEYS) {
      const el = form.elements.namedItem(k) as HTMLInputElement | HTMLSelectElement | null;
      if (el) el.value = f[k];
    }
  }
  const rows = document.querySelectorAll<HTMLTableRowElement>('#changes-table tbody tr');
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as HTMLTableRowElement;
    const d = r.dataset;
    // data-model: the event's model, or the models its agency held that day for an event about the agency itself.
    const ok = matches(
      { date: d.date ?? '', state: d.state ?? '', model: null, kind: d.kind ?? '' },
      f,
      (d.model ?? '').split(' '),
    );
    r.hidden = !ok;
    if (ok) n++;
  }
  const count = document.getElementById('changes-count');
  // The template is a message with a plural block ("{n, plural, one {# change} other {# changes}}").
  if (count) count.textContent = formatMessage(cfg.lang, count.dataset.template ?? '{n}', { n });
  const none = document.getElementById('changes-none');
  if (none) none.hidden = n > 0;
  stateFeed(f.state);
}

/** The feed link to `feeds/state/XX.atom` for a state the form offers (the export writes a feed for each). */
function stateFeed(state: string) {
  const link = document.getElementById('changes-feed') as HTMLAnchorElement | null;
  const offered = document.querySelector(`#f-state option[value="${state}"]`);
  if (!link || !state || !offered) return;
  const href = link.getAttribute('href') ?? '';
  link.setAttribute('href', href.replace(/events\.atom$/, `state/${state}.atom`));
}

run();
