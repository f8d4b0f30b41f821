/**
 * The evidence page in the static export: filters the records from the same query parameters the server reads
 * (kind, criterion, state, from, to), so a filtered link works on any static host. On the server the page comes
 * filtered already and this does nothing.
 */
import { initLang } from './common.ts';

const cfg = initLang();

function run() {
  if (cfg?.mode !== 'static') return;
  const q = new URLSearchParams(location.search);
  const day = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '');
  const f = {
    kind: q.get('kind') ?? '',
    criterion: q.get('criterion') ?? '',
    state: (q.get('state') ?? '').toUpperCase(),
    from: day(q.get('from')),
    to: day(q.get('to')),
  };
  const form = document.getElementById('evidence-filter') as HTMLFormElement | null;
  if (form)
    for (const [k, v] of Object.entries(f)) {
      const el = form.elements.namedItem(k) as HTMLInputElement | HTMLSelectElement | null;
      if (el) el.value = v;
    }
  const cards = document.querySelectorAll<HTMLElement>('#evidence-list .evidence-card');
  let n = 0;
  for (let i = 0; i < cards.length; i++) {
    const c = cards[i] as HTMLElement;
    const d = c.dataset;
    const ok =
      (!f.kind || d.kind === f.kind) &&
      (!f.criterion || (d.criteria ?? '').split(' ').includes(f.criterion)) &&
      (!f.state || d.state === f.state) &&
      (!f.from || (d.date ?? '') >= f.from) &&
      (!f.to || (d.date ?? '') <= f.to);
    c.hidden = !ok;
    if (ok) n++;
  }
  const count = document.getElementById('evidence-count');
  const lang = cfg.lang === 'es' ? 'es-US' : 'en-US';
  if (count)
    count.textContent = (count.dataset.template ?? '{n}').replace(
      '{n}',
      new Intl.NumberFormat(lang).format(n),
    );
  const none = document.getElementById('evidence-none');
  if (none) none.hidden = n > 0;
}

run();
