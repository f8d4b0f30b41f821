import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from './random.ts';
import {
  layout,
  logPosterior,
  searchAndHitRates,
  type ThresholdData,
  thresholdProbability,
} from './threshold-model.ts';

describe('the threshold signal model (§7)', () => {
  it('forward check: φ 0.3, δ 2, t 1.5 gives search rate 0.254204 and hit rate 0.816033', () => {
    const r = searchAndHitRates(0.3, 2, 1.5);
    expect(Math.abs(r.search - 0.254204)).toBeLessThan(1e-6);
    expect(Math.abs(r.hit - 0.816033)).toBeLessThan(1e-6);
  });

  const params = fc.record({
    phi: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
    delta: fc.double({ min: 0.2, max: 4, noNaN: true }),
    t: fc.double({ min: -2, max: 4, noNaN: true }),
  });

  it('as t rises the search rate falls, the hit rate rises and p rises (property)', () => {
    fc.assert(
      fc.property(params, fc.double({ min: 0.01, max: 1, noNaN: true }), ({ phi, delta, t }, dt) => {
        const a = searchAndHitRates(phi, delta, t);
        const b = searchAndHitRates(phi, delta, t + dt);
        expect(b.search).toBeLessThan(a.search);
        expect(b.hit).toBeGreaterThan(a.hit);
        expect(thresholdProbability(phi, delta, t + dt)).toBeGreaterThan(thresholdProbability(phi, delta, t));
      }),
      { seed: 1, numRuns: 200 },
    );
  });

  it('p = φ exactly at t = δ/2 (property)', () => {
    fc.assert(
      fc.property(params, ({ phi, delta }) => {
        expect(thresholdProbability(phi, delta, delta / 2)).toBeCloseTo(phi, 12);
      }),
      { seed: 2, numRuns: 200 },
    );
  });

  it('the gradient of the log posterior matches finite differences, in both parameterizations', () => {
    for (const parameterization of ['noncentered', 'centered'] as const) {
      const d: ThresholdData = {
        races: 2,
        subgeos: 3,
        priorScale: 1,
        parameterization,
        cells: [0, 1, 2].flatMap((s) =>
          [0, 1].map((r) => ({ race: r, subgeo: s, stops: 500, searches: 40 + 10 * r + s, hits: 12 + s })),
        ),
      };
      const rng = createRng(4);
      const theta = Float64Array.from({ length: layout(d).size }, () => rng.uniform() - 0.5);
      const grad = new Float64Array(theta.length);
      const f0 = logPosterior(d, theta, grad);
      for (let k = 0; k < theta.length; k++) {
        const h = 1e-6;
        const up = Float64Array.from(theta);
        up[k] = (up[k] as number) + h;
        const down = Float64Array.from(theta);
        down[k] = (down[k] as number) - h;
        const fd =
          (logPosterior(d, up, new Float64Array(theta.length)) -
            logPosterior(d, down, new Float64Array(theta.length))) /
          (2 * h);
        expect(Math.abs(fd - (grad[k] as number))).toBeLessThan(1e-4 * Math.max(1, Math.abs(fd)));
      }
      expect(Number.isFinite(f0)).toBe(true);
    }
  });
});
