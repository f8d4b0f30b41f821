import { describe, expect, it } from 'vitest';
import { createRng } from './random.ts';
import { fitVod, type VodCellInput, vodKnots, vodM0 } from './vod-model.ts';

function stops(seed: number, n: number) {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    const minute = 1011 + Math.floor(rng.uniform() * 252);
    const isDark = rng.uniform() < 0.35 ? 1 : 0;
    const p = 1 / (1 + Math.exp(-(0.1 + 0.3 * isDark + 0.3 * Math.cos(minute / 40))));
    return { minute, isDark, y: rng.uniform() < p ? 1 : 0 };
  });
}

function aggregate(rows: { minute: number; isDark: number; y: number }[], round = 1): VodCellInput[] {
  const cells = new Map<string, VodCellInput>();
  for (const r of rows) {
    const m = round * Math.round(r.minute / round);
    const k = `${r.isDark}|${m}`;
    const c = cells.get(k) ?? { isDark: r.isDark, minute: m, adjust: null, period: null, s: 0, n: 0 };
    c.s += r.y;
    c.n += 1;
    cells.set(k, c);
  }
  return [...cells.values()];
}

describe('veil-of-darkness models', () => {
  const rows = stops(4, 2500);
  const perStop = rows.map((r) => ({
    isDark: r.isDark,
    minute: r.minute,
    adjust: null,
    period: null,
    s: r.y,
    n: 1,
  }));
  const options = { df: 6, adjust: false, period: false };

  it('aggregated by exact (is_dark, minute) with the per-stop knots: β and SE equal the per-stop fit, deviance differs', () => {
    const m1 = fitVod(perStop, { ...options, mode: 'binomial' });
    const agg = fitVod(aggregate(rows), { ...options, mode: 'binomial', knots: m1.knots });
    expect(Math.abs((agg.beta as number) - (m1.beta as number))).toBeLessThan(5e-6);
    expect(Math.abs((agg.se as number) - (m1.se as number))).toBeLessThan(5e-6);
    expect(Math.abs(agg.fit.deviance - m1.fit.deviance)).toBeGreaterThan(1);
  });

  it('per-stop knots weight each stop, aggregated knots count each cell once', () => {
    const cells = aggregate(rows);
    expect(vodKnots(cells, 6, 'bernoulli')).toEqual(fitVod(perStop, { ...options, mode: 'binomial' }).knots);
    expect(vodKnots(cells, 6, 'binomial')).not.toEqual(vodKnots(cells, 6, 'bernoulli'));
  });

  it('rounding minutes to N = 1 equals no rounding', () => {
    const a = fitVod(aggregate(rows, 1), { ...options, mode: 'binomial' });
    const b = fitVod(aggregate(rows), { ...options, mode: 'binomial' });
    expect(a.beta).toBe(b.beta);
    expect(a.se).toBe(b.se);
  });

  it('M0 is the 2×2 log odds ratio with SE √(Σ 1/cell)', () => {
    const m0 = vodM0({ minority: 667, white: 575 }, { minority: 564, white: 248 });
    expect(Math.abs((m0.beta as number) - 0.673206)).toBeLessThan(5e-6);
    expect(Math.abs((m0.se as number) - 0.095098)).toBeLessThan(5e-6);
    expect(vodM0({ minority: 0, white: 5 }, { minority: 3, white: 4 })).toEqual({ beta: null, se: null });
  });

  it('refuses to fit no rows', () => {
    expect(() => fitVod([], { ...options, mode: 'bernoulli' })).toThrow(/no rows/);
  });
});
