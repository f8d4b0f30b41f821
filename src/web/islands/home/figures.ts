/** The headline numbers for a date: the page's `data-stat` elements (a dash for residents without ACS data). */
import { figuresOn, type TimelineJson } from '../../../read/timeline.ts';
import type { HomeMessages } from './config.ts';

export function showFigures(
  tl: TimelineJson,
  d: number,
  m: HomeMessages,
  fmtN: Intl.NumberFormat,
  day: string,
) {
  const f = figuresOn(tl, d);
  const set = (key: string, text: string) => {
    const e = document.querySelector(`[data-stat="${key}"]`);
    if (e) e.textContent = text;
  };
  const hasPop = Object.keys(tl.pop).length > 0;
  for (const key of ['active', 'agencies', 'states', 'pending'] as const) set(key, fmtN.format(f[key]));
  for (const key of ['residents', 'hispanic'] as const) set(key, hasPop ? fmtN.format(f[key]) : '—');
  set('asof', m.statAsOf.replace('{date}', day));
}
