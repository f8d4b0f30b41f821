/**
 * The home view's state in the URL: the date shown (`on=2025-05-02`, the list in force that day), and the layers
 * (`model=JEM,WSO`, `status=active`) when they differ from the page's defaults. Pure text and index arithmetic;
 * home.ts reads them once and writes them on every change (url-state.ts).
 */

/** The index of the list in force on `on` (the last list dated on or before it); null for a bad or too early date. */
export function dateIndex(dates: readonly string[], on: string | null): number | null {
  if (!on || !/^\d{4}-\d{2}-\d{2}$/.test(on) || Number.isNaN(Date.parse(`${on}T00:00:00Z`))) return null;
  let found: number | null = null;
  for (let i = 0; i < dates.length; i++) if ((dates[i] ?? '') <= on) found = i;
  return found;
}

/** `on` for a date index: '' for the latest list (the default view). */
export function dateText(dates: readonly string[], d: number): string {
  return d >= dates.length - 1 ? '' : (dates[d] ?? '');
}

/** The checked values as text: '' when they are the defaults, `-` when none is checked. */
export function layerText(checked: ReadonlySet<string>, defaults: ReadonlySet<string>): string {
  const same = checked.size === defaults.size && [...checked].every((v) => defaults.has(v));
  if (same) return '';
  return checked.size === 0 ? '-' : [...checked].sort().join(',');
}

/** The values a layer text checks, among those offered; null (keep the defaults) without one. */
export function parseLayers(text: string | null, offered: readonly string[]): Set<string> | null {
  if (text === null || text === '') return null;
  if (text === '-') return new Set();
  const want = new Set(text.split(','));
  return new Set(offered.filter((v) => want.has(v)));
}
