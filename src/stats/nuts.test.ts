import { describe, expect, it } from 'vitest';
import { effectiveSampleSize, splitRhat } from './mcmc-diagnostics.ts';
import { adaptationWindows, nutsChain } from './nuts.ts';
import { createRng } from './random.ts';

/** A correlated 2-D normal: means (1, −2), sds (1, 3), correlation 0.8. */
function logp(theta: Float64Array, grad: Float64Array): number {
  const x = (theta[0] as number) - 1;
  const y = ((theta[1] as number) + 2) / 3;
  const r = 0.8;
  const q = (x * x - 2 * r * x * y + y * y) / (1 - r * r);
  grad[0] = -(x - r * y) / (1 - r * r);
  grad[1] = -(y - r * x) / (1 - r * r) / 3;
  return -0.5 * q;
}

describe('NUTS', () => {
  it('samples a correlated normal: means, spreads and diagnostics', () => {
    const chains = [1, 2, 3, 4].map((k) =>
      nutsChain(logp, Float64Array.from([0, 0]), {
        warmup: 400,
        draws: 600,
        maxDepth: 10,
        targetAccept: 0.9,
        rng: createRng(k),
      }),
    );
    const xs = chains.map((c) => Float64Array.from(c.draws, (d) => d[0] as number));
    const ys = chains.map((c) => Float64Array.from(c.draws, (d) => d[1] as number));
    const all = (a: Float64Array[]) => a.flatMap((c) => Array.from(c));
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    const sd = (a: number[]) => Math.sqrt(mean(a.map((v) => (v - mean(a)) ** 2)));
    expect(mean(all(xs))).toBeCloseTo(1, 0);
    expect(mean(all(ys))).toBeGreaterThan(-2.5);
    expect(mean(all(ys))).toBeLessThan(-1.5);
    expect(sd(all(xs))).toBeGreaterThan(0.85);
    expect(sd(all(xs))).toBeLessThan(1.15);
    expect(sd(all(ys))).toBeGreaterThan(2.5);
    expect(sd(all(ys))).toBeLessThan(3.5);
    expect(splitRhat(xs)).toBeLessThan(1.05);
    expect(effectiveSampleSize(ys)).toBeGreaterThan(300);
    expect(chains.reduce((s, c) => s + c.divergences, 0)).toBe(0);
  });

  it('is reproducible from its seed', () => {
    const run = () =>
      nutsChain(logp, Float64Array.from([0, 0]), {
        warmup: 50,
        draws: 20,
        maxDepth: 8,
        targetAccept: 0.8,
        rng: createRng(9),
      });
    expect(run().draws).toEqual(run().draws);
  });

  it("uses Stan's adaptation windows", () => {
    expect(adaptationWindows(1000)).toEqual([100, 150, 250, 450, 950]);
  });
});

describe('convergence diagnostics', () => {
  it('R-hat is near 1 for chains from one distribution and large for chains stuck apart', () => {
    const rng = createRng(3);
    const same = [0, 1, 2, 3].map(() => Float64Array.from({ length: 500 }, () => rng.normal()));
    expect(splitRhat(same)).toBeLessThan(1.02);
    expect(effectiveSampleSize(same)).toBeGreaterThan(1500);
    const apart = [0, 5, 10, 15].map((m) => Float64Array.from({ length: 500 }, () => m + rng.normal()));
    expect(splitRhat(apart)).toBeGreaterThan(3);
  });
});
