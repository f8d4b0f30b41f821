/**
 * Intervals and tests for rates (§4, §5, §9): Wald intervals (β ± 1.959964·SE), Wilson score intervals for a
 * proportion, the log-scale delta-method interval for a ratio of two rates, and the pooled two-proportion z-test
 * (no continuity correction).
 */
import { twoSidedP } from './normal.ts';

/** The 97.5% normal quantile the specification fixes for every 95% interval. */
export const Z95 = 1.959964;

export function waldInterval(estimate: number, se: number): [number, number] {
  return [estimate - Z95 * se, estimate + Z95 * se];
}

/** Wilson score interval for k successes in n trials (null when n = 0). */
export function wilsonInterval(k: number, n: number): [number, number] | null {
  if (n <= 0) return null;
  const p = k / n;
  const z2 = Z95 * Z95;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export interface RatioEstimate {
  ratio: number | null;
  seLog: number | null;
  ci: [number, number] | null;
}

/**
 * Ratio r1/r0 with SE(ln ratio) = √(var1/r1² + var0/r0²) and the interval exp(ln ratio ± 1.959964·SE). Nulls
 * when a rate is zero or missing (never Infinity or NaN).
 */
export function ratioDeltaLog(
  r1: number | null,
  var1: number | null,
  r0: number | null,
  var0: number | null,
): RatioEstimate {
  if (r1 === null || r0 === null || !(r0 > 0)) return { ratio: null, seLog: null, ci: null };
  const ratio = r1 / r0;
  if (!(r1 > 0) || var1 === null || var0 === null) return { ratio, seLog: null, ci: null };
  const seLog = Math.sqrt(var1 / (r1 * r1) + var0 / (r0 * r0));
  const ci: [number, number] = [ratio * Math.exp(-Z95 * seLog), ratio * Math.exp(Z95 * seLog)];
  return { ratio, seLog, ci };
}

/** Binomial variance of a proportion: p(1 − p)/n. */
export const proportionVariance = (k: number, n: number) => ((k / n) * (1 - k / n)) / n;

/** Pooled two-proportion z-test of k1/n1 against k0/n0. */
export function twoProportionZ(
  k1: number,
  n1: number,
  k0: number,
  n0: number,
): { z: number; p: number } | null {
  if (n1 <= 0 || n0 <= 0) return null;
  const pooled = (k1 + k0) / (n1 + n0);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0));
  if (!(se > 0)) return null;
  const z = (k1 / n1 - k0 / n0) / se;
  return { z, p: twoSidedP(z) };
}
