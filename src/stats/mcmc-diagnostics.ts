/**
 * Convergence diagnostics of several chains for one scalar quantity (Gelman et al., BDA3 §11.4–11.5): the split
 * R-hat (each chain cut in two halves) and the effective sample size from the combined autocorrelations with
 * Geyer's initial monotone positive sequence, as Stan computes them (without rank normalization).
 */

function meanVar(x: ArrayLike<number>): { mean: number; variance: number } {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i] as number;
  mean /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += ((x[i] as number) - mean) ** 2;
  return { mean, variance: v / (n - 1) };
}

/** Split R-hat of chains (arrays of equal length ≥ 4). */
export function splitRhat(chains: Float64Array[]): number {
  const halves: Float64Array[] = [];
  for (const c of chains) {
    const h = Math.floor(c.length / 2);
    halves.push(c.subarray(0, h), c.subarray(c.length - h));
  }
  const n = halves[0]?.length ?? 0;
  const stats = halves.map(meanVar);
  const grand = stats.reduce((s, x) => s + x.mean, 0) / stats.length;
  const B = (n / (stats.length - 1)) * stats.reduce((s, x) => s + (x.mean - grand) ** 2, 0);
  const W = stats.reduce((s, x) => s + x.variance, 0) / stats.length;
  if (!(W > 0)) return B > 0 ? Number.POSITIVE_INFINITY : 1;
  const varPlus = ((n - 1) / n) * W + B / n;
  return Math.sqrt(varPlus / W);
}

function autocovariance(x: Float64Array, mean: number, lag: number): number {
  let s = 0;
  for (let i = 0; i + lag < x.length; i++) s += ((x[i] as number) - mean) * ((x[i + lag] as number) - mean);
  return s / x.length;
}

/** Effective sample size over all chains. */
export function effectiveSampleSize(chains: Float64Array[]): number {
  const m = chains.length;
  const n = chains[0]?.length ?? 0;
  const stats = chains.map(meanVar);
  const grand = stats.reduce((s, x) => s + x.mean, 0) / m;
  const W = stats.reduce((s, x) => s + x.variance, 0) / m;
  const B = m > 1 ? (n / (m - 1)) * stats.reduce((s, x) => s + (x.mean - grand) ** 2, 0) : 0;
  const varPlus = ((n - 1) / n) * W + B / n;
  if (!(varPlus > 0)) return m * n;
  const rho = (lag: number) => {
    const acov = chains.reduce((s, c, j) => s + autocovariance(c, stats[j]?.mean ?? 0, lag), 0) / m;
    return 1 - (W - acov * (n / (n - 1))) / varPlus;
  };
  let sum = 0;
  let prevPair = Number.POSITIVE_INFINITY;
  for (let t = 0; t + 1 < n; t += 2) {
    let pair = (t === 0 ? 1 : rho(t)) + rho(t + 1);
    if (pair < 0) break;
    pair = Math.min(pair, prevPair);
    prevPair = pair;
    sum += pair;
  }
  const tau = Math.max(-1 + 2 * sum, 1 / Math.log10(m * n));
  return (m * n) / tau;
}
