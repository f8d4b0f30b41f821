/**
 * Changes page in the static export: filters the rows from the same query parameters the server reads
 * (from, to, state, kind), so a filtered link works on any static host.
 */
import { formatMessage } from '../message-format.ts';
import { initLang } from './common.ts';

const cfg = initLang();

function run() {
  if (cfg?.mode !== 'static') return;
  const q = new URLSearchParams(location.search);
  const date = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '');
  const f = {
    from: date(q.get('from')),
    to: date(q.get('to')),
    state: (q.get('state') ?? '').toUpperCase(),
    kind: q.get('kind') ?? '',
  };
  const form = document.getElementById('changes-filter') as HTMLFormElement | null;
  if (form) {
    for (const [k, v] of Object.entries(f)) {
      const el = form.elements.namedItem(k) as HTMLInputElement | HTMLSelectElement | null;
      if (el) el.value = v;
    }
  }
  const rows = document.querySelectorAll<HTMLTableRowElement>('#changes-table tbody tr');
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as HTMLTableRowElement;
    const d = r.dataset;
    const ok =
      (!f.from || (d.date ?? '') >= f.from) &&
      (!f.to || (d.date ?? '') <= f.to) &&
      (!f.state || d.state === f.state) &&
      (!f.kind || d.kind === f.kind);
    r.hidden = !ok;
    if (ok) n++;
  }
  const count = document.getElementById('changes-count');
  // The template is a message with a plural block ("{n, plural, one {# change} other {# changes}}").
  if (count) count.textContent = formatMessage(cfg.lang, count.dataset.template ?? '{n}', { n });
  const none = document.getElementById('changes-none');
  if (none) none.hidden = n > 0;
}

run();
