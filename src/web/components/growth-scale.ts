/**
 * The growth chart's geometry, as numbers: its frame, the x (days) and y (agreements) scales, the stacked area of
 * each model, the y ticks at a round step and the month ticks (the first list of each month).
 */
import type { GrowthPoint } from '../../read/site-data.ts';
import type { Model } from '../../read/timeline.ts';

export const GROWTH_FRAME = { W: 640, H: 260, L: 48, R: 12, T: 12, B: 28 };
/** The models stacked from the bottom. */
export const GROWTH_ORDER: Model[] = ['JEM', 'WSO', 'TFM'];

export interface GrowthScale {
  X: (d: string) => number;
  Y: (v: number) => number;
  areas: { m: Model; d: string }[];
  ticks: number[];
  months: GrowthPoint[];
  xTicks: GrowthPoint[];
  last: GrowthPoint;
}

/** The scales of a non-empty series. */
export function growthScale(growth: GrowthPoint[]): GrowthScale {
  const { W, H, L, R, T, B } = GROWTH_FRAME;
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
  const x0 = day((growth[0] as GrowthPoint).date);
  const x1 = Math.max(day((growth[growth.length - 1] as GrowthPoint).date), x0 + 1);
  const max = Math.max(1, ...growth.map((g) => g.JEM + g.WSO + g.TFM));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const X = (d: string) => L + ((day(d) - x0) / (x1 - x0)) * (W - L - R);
  const Y = (v: number) => T + (1 - v / top) * (H - T - B);
  const order = GROWTH_ORDER;
  const areas = order.map((m, k) => {
    const below = (g: GrowthPoint) => order.slice(0, k).reduce((s, o) => s + g[o], 0);
    const upper = growth.map((g) => `${X(g.date).toFixed(1)},${Y(below(g) + g[m]).toFixed(1)}`);
    const lower = [...growth].reverse().map((g) => `${X(g.date).toFixed(1)},${Y(below(g)).toFixed(1)}`);
    return { m, d: `M${upper.join('L')}L${lower.join('L')}Z` };
  });
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  const months = monthly(growth);
  const xTicks = months.filter((_, i) => i % Math.max(1, Math.ceil(months.length / 6)) === 0);
  const last = growth[growth.length - 1] as GrowthPoint;
  return { X, Y, areas, ticks, months, xTicks, last };
}

function niceStep(max: number): number {
  const raw = max / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (raw <= m * p) return m * p;
  return 10 * p;
}

/** The first list of each month (and the last list). */
function monthly(growth: GrowthPoint[]): GrowthPoint[] {
  const out: GrowthPoint[] = [];
  let month = '';
  for (const g of growth) {
    if (g.date.slice(0, 7) !== month) {
      out.push(g);
      month = g.date.slice(0, 7);
    }
  }
  const last = growth[growth.length - 1];
  if (last && out[out.length - 1] !== last) out.push(last);
  return out;
}
