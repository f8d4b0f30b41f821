import { describe, expect, it } from 'vitest';
import { buildDesign, factor, intercept, numeric } from './design.ts';
import { coefficient, fitLogit } from './glm.ts';
import { ratioDeltaLog, twoProportionZ, wilsonInterval } from './intervals.ts';

describe('the Simpson example of §5', () => {
  // Hits/searches: district A White 10/20, Black 40/100; district B White 30/200, Black 2/20.
  const cells = [
    { d: 'A', black: 0, hits: 10, searches: 20 },
    { d: 'A', black: 1, hits: 40, searches: 100 },
    { d: 'B', black: 0, hits: 30, searches: 200 },
    { d: 'B', black: 1, hits: 2, searches: 20 },
  ];

  it('pooled two-proportion z = 3.464, p = 0.00053', () => {
    const z = twoProportionZ(42, 120, 40, 220);
    expect(z?.z).toBeCloseTo(3.464, 3);
    expect(z?.p).toBeCloseTo(0.00053, 5);
  });

  it('hit ~ race + district: Black −0.4221 (SE 0.4129), district B −1.7511 (SE 0.4117)', () => {
    const design = buildDesign(4, [
      intercept(),
      numeric(
        'black',
        cells.map((c) => c.black),
      ),
      factor(
        'district',
        cells.map((c) => c.d),
      ),
    ]);
    const fit = fitLogit({
      design,
      successes: cells.map((c) => c.hits),
      trials: cells.map((c) => c.searches),
      mode: 'binomial',
    });
    const black = coefficient(fit, 'black');
    const b = coefficient(fit, 'districtB');
    expect(Math.abs((black.estimate as number) + 0.4221)).toBeLessThan(1e-4);
    expect(Math.abs((black.se as number) - 0.4129)).toBeLessThan(1e-4);
    expect(Math.abs((b.estimate as number) + 1.7511)).toBeLessThan(1e-4);
    expect(Math.abs((b.se as number) - 0.4117)).toBeLessThan(1e-4);
  });
});

describe('intervals', () => {
  it('Wilson interval stays inside [0, 1] and covers the estimate', () => {
    const ci = wilsonInterval(0, 10) as [number, number];
    expect(ci[0]).toBe(0);
    expect(ci[1]).toBeGreaterThan(0.2);
    expect(wilsonInterval(1, 0)).toBeNull();
    const [lo, hi] = wilsonInterval(30, 100) as [number, number];
    expect(lo).toBeLessThan(0.3);
    expect(hi).toBeGreaterThan(0.3);
  });

  it('a ratio with a zero or missing reference rate is null, never Infinity', () => {
    expect(ratioDeltaLog(0.2, 0.001, 0, 0)).toEqual({ ratio: null, seLog: null, ci: null });
    expect(ratioDeltaLog(null, null, 0.1, 0.001).ratio).toBeNull();
    const r = ratioDeltaLog(0.2, 0.0001, 0.1, 0.0001);
    expect(r.ratio).toBeCloseTo(2, 12);
    expect(r.ci?.[0]).toBeLessThan(2);
  });
});
