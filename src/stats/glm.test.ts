import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDesign, factor, intercept, numeric } from './design.ts';
import { coefficient, fitLogit } from './glm.ts';
import { Z95 } from './intervals.ts';
import { createRng } from './random.ts';
import { naturalSpline, splineKnots } from './spline.ts';

/** Per-stop rows of a small VoD-like world. */
function world(seed: number, n: number, darkEffect: number) {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    const minute = 1000 + Math.floor(rng.uniform() * 260);
    const dark = rng.uniform() < 0.4 ? 1 : 0;
    const eta = -0.2 + 0.4 * Math.sin(minute / 50) + darkEffect * dark;
    return { minute, dark, y: rng.uniform() < 1 / (1 + Math.exp(-eta)) ? 1 : 0 };
  });
}

function fitRows(rows: { minute: number; dark: number; y: number }[]) {
  const knots = splineKnots(Float64Array.from(rows, (r) => r.minute).sort(), 4);
  const design = buildDesign(rows.length, [
    intercept(),
    numeric(
      'is_dark',
      rows.map((r) => r.dark),
    ),
    naturalSpline(
      'ns',
      rows.map((r) => r.minute),
      knots,
    ),
  ]);
  return fitLogit({ design, successes: rows.map((r) => r.y), trials: rows.map(() => 1), mode: 'binomial' });
}

describe('logistic regression (IRLS)', () => {
  it('shuffling the rows changes nothing (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (seed) => {
        const rows = world(seed, 300, 0.3);
        const rng = createRng(seed + 1);
        const shuffled = [...rows].sort(() => rng.uniform() - 0.5);
        const a = coefficient(fitRows(rows), 'is_dark');
        const b = coefficient(fitRows(shuffled), 'is_dark');
        expect(b.estimate).toBeCloseTo(a.estimate as number, 10);
        expect(b.se).toBeCloseTo(a.se as number, 10);
      }),
      { seed: 3, numRuns: 15 },
    );
  });

  it('a dataset with no racial difference between light and dark gives β ≈ 0 inside its interval (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            minute: fc.integer({ min: 1000, max: 1260 }),
            n: fc.integer({ min: 2, max: 30 }),
            share: fc.double({ min: 0.1, max: 0.9, noNaN: true }),
          }),
          { minLength: 12, maxLength: 40 },
        ),
        (cells) => {
          // The same minority share in light and dark at every minute: the MLE of β_dark is exactly 0.
          const rows = cells.flatMap((c) =>
            [0, 1].map((dark) => ({ ...c, dark, s: Math.round(c.n * c.share) })),
          );
          const minutes = Float64Array.from(rows, (r) => r.minute).sort();
          if (new Set(minutes).size < 6) return;
          const design = buildDesign(rows.length, [
            intercept(),
            numeric(
              'is_dark',
              rows.map((r) => r.dark),
            ),
            naturalSpline(
              'ns',
              rows.map((r) => r.minute),
              splineKnots(minutes, 3),
            ),
          ]);
          const fit = fitLogit({
            design,
            successes: rows.map((r) => r.s),
            trials: rows.map((r) => r.n),
            mode: 'binomial',
          });
          const b = coefficient(fit, 'is_dark');
          expect(Math.abs(b.estimate as number)).toBeLessThan(1e-7);
          expect(Math.abs(b.estimate as number)).toBeLessThan(Z95 * (b.se as number));
        },
      ),
      { seed: 5, numRuns: 40 },
    );
  });

  it('bernoulli mode on grouped cells equals the fit on one row per stop (iterations, β, SE, deviance)', () => {
    const rows = world(11, 800, 0.5);
    const perStop = fitRows(rows);
    const cells = new Map<string, { minute: number; dark: number; s: number; n: number }>();
    for (const r of rows) {
      const k = `${r.dark}:${r.minute}`;
      const c = cells.get(k) ?? { minute: r.minute, dark: r.dark, s: 0, n: 0 };
      c.s += r.y;
      c.n += 1;
      cells.set(k, c);
    }
    const cs = [...cells.values()];
    const knots = splineKnots(Float64Array.from(rows, (r) => r.minute).sort(), 4);
    const design = buildDesign(cs.length, [
      intercept(),
      numeric(
        'is_dark',
        cs.map((c) => c.dark),
      ),
      naturalSpline(
        'ns',
        cs.map((c) => c.minute),
        knots,
      ),
    ]);
    const grouped = fitLogit({
      design,
      successes: cs.map((c) => c.s),
      trials: cs.map((c) => c.n),
      mode: 'bernoulli',
    });
    expect(grouped.iterations).toBe(perStop.iterations);
    expect(grouped.deviance).toBeCloseTo(perStop.deviance, 8);
    expect(coefficient(grouped, 'is_dark').estimate).toBeCloseTo(
      coefficient(perStop, 'is_dark').estimate as number,
      9,
    );
    expect(coefficient(grouped, 'is_dark').se).toBeCloseTo(coefficient(perStop, 'is_dark').se as number, 9);
  });

  it('names an aliased column and reports null for it', () => {
    const rows = world(2, 200, 0);
    const design = buildDesign(rows.length, [
      intercept(),
      numeric(
        'x',
        rows.map((r) => r.minute),
      ),
      numeric(
        'x_twice',
        rows.map((r) => 2 * r.minute),
      ),
      factor(
        'd',
        rows.map((r) => String(r.dark)),
      ),
    ]);
    const fit = fitLogit({
      design,
      successes: rows.map((r) => r.y),
      trials: rows.map(() => 1),
      mode: 'binomial',
    });
    expect(fit.aliased).toEqual(['x_twice']);
    expect(coefficient(fit, 'x_twice')).toEqual({ estimate: null, se: null, z: null, p: null });
  });

  it('flags quasi-separation and reports non-convergence when maxit is too small', () => {
    const design = buildDesign(6, [intercept(), numeric('x', [1, 2, 3, 4, 5, 6])]);
    const sep = fitLogit({
      design,
      successes: [0, 0, 0, 1, 1, 1],
      trials: [1, 1, 1, 1, 1, 1],
      mode: 'binomial',
    });
    expect(sep.separation).toBe(true);
    const short = fitLogit({
      design,
      successes: [0, 1, 0, 1, 1, 1],
      trials: [1, 1, 1, 1, 1, 1],
      mode: 'binomial',
      maxit: 1,
    });
    expect(short.converged).toBe(false);
  });
});
