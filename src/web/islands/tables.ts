/**
 * Every `table.data-table` on a page: a sort button in each column head (ascending, then descending; `aria-sort`
 * says which), the filter box above it (rows whose text holds every word typed), the count of rows shown, and
 * CSV and JSON downloads of exactly the rows and columns shown, in the order shown. Sort and filter are kept in
 * the page's URL (`{id}.sort=3-desc`, `{id}.q=…`) and restored from it, so a view can be shared.
 */
import { formatMessage, type MessageLang } from '../message-format.ts';
import { csvText, jsonText } from '../table-export.ts';
import type { PageConfig } from './common.ts';
import { urlState } from './url-state.ts';

const norm = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** A cell's shown text, whitespace collapsed. */
export function cellText(c: Element): string {
  return (c.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function sortValue(c: Element | undefined, kind: string): string | number {
  const raw = c?.getAttribute('data-value') ?? (c ? cellText(c) : '');
  if (kind === 'number') {
    const n = Number(String(raw).replace(/[^\d.-]/g, ''));
    return Number.isFinite(n) && raw !== '' && raw !== '—' ? n : Number.NEGATIVE_INFINITY;
  }
  return kind === 'date' ? String(raw) : norm(String(raw));
}

/** The rows shown and the header, as text. */
export function shownTable(table: HTMLTableElement): { header: string[]; rows: string[][] } {
  const header = Array.from(table.tHead?.rows[0]?.cells ?? []).map(cellText);
  const rows = Array.from(table.tBodies[0]?.rows ?? [])
    .filter((r) => !r.hidden)
    .map((r) => Array.from(r.cells).map(cellText));
  return { header, rows };
}

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function wire(table: HTMLTableElement, lang: MessageLang) {
  const id = table.id;
  const tools = document.querySelector<HTMLElement>(`.table-tools[data-for="${id}"]`);
  const body = table.tBodies[0];
  if (!body) return;
  const all = Array.from(body.rows);
  const heads = Array.from(table.tHead?.rows[0]?.cells ?? []);
  const state = urlState(`${id}.`);
  const input = tools?.querySelector<HTMLInputElement>('.table-filter') ?? null;
  const count = tools?.querySelector<HTMLElement>('.table-count') ?? null;
  const texts = all.map((r) => norm(r.textContent ?? ''));

  const apply = () => {
    const words = norm(input?.value ?? '')
      .split(/\s+/)
      .filter(Boolean);
    let shown = 0;
    all.forEach((r, i) => {
      r.hidden = !words.every((w) => texts[i]?.includes(w));
      if (!r.hidden) shown++;
    });
    if (count)
      count.textContent = formatMessage(lang, count.dataset.template ?? '', { n: shown, total: all.length });
  };
  const sortBy = (col: number, dir: 'ascending' | 'descending') => {
    const kind = heads[col]?.dataset.kind ?? 'text';
    const keyed = all.map((r, i) => ({ r, i, v: sortValue(r.cells[col], kind) }));
    keyed.sort((a, b) => (a.v < b.v ? -1 : a.v > b.v ? 1 : a.i - b.i) * (dir === 'ascending' ? 1 : -1));
    body.append(...keyed.map((k) => k.r));
    heads.forEach((h, i) => {
      if (i === col) h.setAttribute('aria-sort', dir);
      else h.removeAttribute('aria-sort');
    });
  };
  heads.forEach((h, col) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    button.textContent = cellText(h);
    button.title = formatMessage(lang, table.dataset.sortLabel ?? '{column}', { column: cellText(h) });
    h.textContent = '';
    h.append(button);
    button.addEventListener('click', () => {
      const dir = h.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
      sortBy(col, dir);
      state.set('sort', `${col + 1}-${dir === 'ascending' ? 'asc' : 'desc'}`);
    });
  });
  const sort = /^(\d+)-(asc|desc)$/.exec(state.get('sort') ?? '');
  if (sort && heads[Number(sort[1]) - 1])
    sortBy(Number(sort[1]) - 1, sort[2] === 'asc' ? 'ascending' : 'descending');
  if (input) {
    input.value = state.get('q') ?? '';
    input.addEventListener('input', () => {
      apply();
      state.set('q', input.value);
    });
  }
  const name = (b: Element | null, ext: string) => b?.getAttribute('data-file') ?? `${id}.${ext}`;
  tools?.querySelector('.table-csv')?.addEventListener('click', (e) => {
    const t = shownTable(table);
    download(name(e.currentTarget as Element, 'csv'), 'text/csv;charset=utf-8', csvText(t.header, t.rows));
  });
  tools?.querySelector('.table-json')?.addEventListener('click', (e) => {
    const t = shownTable(table);
    download(name(e.currentTarget as Element, 'json'), 'application/json', jsonText(t.header, t.rows));
  });
  apply();
  if (tools) tools.hidden = false;
  table.dataset.ready = 'true';
}

export function initTables(cfg: PageConfig | null) {
  for (const t of Array.from(document.querySelectorAll<HTMLTableElement>('table.data-table')))
    wire(t, cfg?.lang ?? 'en');
}
