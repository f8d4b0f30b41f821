/**
 * The threshold test recovers planted thresholds: data simulated from the signal model (2 races × 4
 * subgeographies, White searched above t = 1.6, Black above t = 1.1, same φ and δ), fitted with the NUTS
 * sampler; the 95% credible interval of the threshold difference covers the planted one and the diagnostics
 * pass. About 20–40 s on one core.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/stats/random.ts';
import { fitThreshold } from '../../src/stats/threshold-fit.ts';
import {
  searchAndHitRates,
  type ThresholdCell,
  thresholdProbability,
} from '../../src/stats/threshold-model.ts';

describe('threshold test, planted world', () => {
  it('recovers the planted difference in thresholds inside its credible interval', () => {
    const rng = createRng(31);
    const t = [1.6, 1.1];
    const cells: ThresholdCell[] = [];
    let truth = 0;
    for (let s = 0; s < 4; s++)
      for (let r = 0; r < 2; r++) {
        const phi = 1 / (1 + Math.exp(-(-0.7 + 0.05 * s)));
        const delta = Math.exp(0.6);
        const pr = searchAndHitRates(phi, delta, t[r] as number);
        const stops = 2500;
        let searches = 0;
        let hits = 0;
        for (let i = 0; i < stops; i++)
          if (rng.uniform() < pr.search) {
            searches++;
            if (rng.uniform() < pr.hit) hits++;
          }
        cells.push({ race: r, subgeo: s, stops, searches, hits });
        truth += ((r === 1 ? 1 : -1) * thresholdProbability(phi, delta, t[r] as number)) / 4;
      }
    const fit = fitThreshold(
      { cells, races: 2, subgeos: 4, priorScale: 1 },
      { chains: 3, warmup: 600, draws: 600, maxDepth: 10, targetAccept: 0.9, seed: 5 },
    );
    const d = fit.differences[0];
    expect(d?.lo).toBeLessThan(truth);
    expect(d?.hi).toBeGreaterThan(truth);
    expect(d?.hi).toBeLessThan(0);
    expect(fit.diagnostics.divergences).toBe(0);
    expect(fit.diagnostics.maxRhat).toBeLessThan(1.1);
    expect(fit.diagnostics.maxSearchRateError).toBeLessThan(0.03);
  }, 300_000);
});
