/**
 * R's default (type 7) sample quantile: sort x, index = 1 + (n − 1)p (1-based), lo = ⌊index⌋, h = index − lo,
 * q = (1 − h)·x[lo] + h·x[lo+1] when x[lo+1] ≠ x[lo]. The arithmetic follows R's quantile.default step by step,
 * so knots agree with R to the last bit. Computed in one place for the spline knots (§6.5); also from a
 * histogram (sorted distinct values and their counts), which gives the same number without expanding rows.
 */

/** Type-7 quantile of values already sorted ascending. */
export function quantile7Sorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new Error('quantile of an empty sample');
  if (!(p >= 0 && p <= 1)) throw new Error(`quantile probability must be in [0, 1], got ${p}`);
  const index = 1 + (n - 1) * p;
  const lo = Math.floor(index);
  const h = index - lo;
  const a = sorted[lo - 1] as number;
  if (lo >= n || h === 0) return a;
  const b = sorted[lo] as number;
  return b === a ? a : (1 - h) * a + h * b;
}

/** Type-7 quantile of any values (copied and sorted). */
export function quantile7(values: ArrayLike<number>, p: number): number {
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  return quantile7Sorted(sorted, p);
}

/** The value at 0-based rank k of the multiset given by sorted distinct values and their counts. */
function valueAtRank(values: ArrayLike<number>, cumulative: Float64Array, k: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] as number) > k) hi = mid;
    else lo = mid + 1;
  }
  return values[lo] as number;
}

/** Type-7 quantile of a multiset given as sorted distinct values with their counts (equal to expanding it). */
export function quantile7Counts(values: ArrayLike<number>, counts: ArrayLike<number>, p: number): number {
  const cumulative = new Float64Array(counts.length);
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    total += counts[i] as number;
    cumulative[i] = total;
  }
  if (total === 0) throw new Error('quantile of an empty sample');
  const index = 1 + (total - 1) * p;
  const lo = Math.floor(index);
  const h = index - lo;
  const a = valueAtRank(values, cumulative, lo - 1);
  if (lo >= total || h === 0) return a;
  const b = valueAtRank(values, cumulative, lo);
  return b === a ? a : (1 - h) * a + h * b;
}
