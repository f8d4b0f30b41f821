/**
 * The natural cubic spline basis of §6.5, spanning the same space as R's ns(x, df) (so β of other terms, their
 * SEs, fitted values and deviance equal R's): interior knots at type-7 quantiles j/df, boundary knots at the
 * range, x mapped to u = (x − ξ₁)/(ξ_K − ξ₁), and the truncated-power basis of ESL §5.2.1 (N₁ = u,
 * N_{k+1} = d_k − d_{K−1}). Coincident knots (heaped values) make the basis singular: refused with a clear error.
 */
import type { ColumnBlock } from './design.ts';
import { quantile7Counts, quantile7Sorted } from './quantile.ts';

export interface SplineKnots {
  interior: number[];
  boundary: [number, number];
}

/** R's probabilities for the interior knots: seq.int(0, 1, length.out = df + 1) without its ends, i.e. j·(1/df). */
export function knotProbabilities(df: number): number[] {
  const by = 1 / df;
  return Array.from({ length: df - 1 }, (_, j) => (j + 1) * by);
}

/** Knots of ns(x, df) from sorted values. */
export function splineKnots(sorted: ArrayLike<number>, df: number): SplineKnots {
  checkDf(df);
  const interior = knotProbabilities(df).map((p) => quantile7Sorted(sorted, p));
  return { interior, boundary: [sorted[0] as number, sorted[sorted.length - 1] as number] };
}

/** Knots of ns(x, df) from a histogram (sorted distinct values and counts), equal to expanding it. */
export function splineKnotsFromCounts(
  values: ArrayLike<number>,
  counts: ArrayLike<number>,
  df: number,
): SplineKnots {
  checkDf(df);
  const interior = knotProbabilities(df).map((p) => quantile7Counts(values, counts, p));
  return { interior, boundary: [values[0] as number, values[values.length - 1] as number] };
}

function checkDf(df: number): void {
  if (!Number.isInteger(df) || df < 1 || df > 20)
    throw new Error(`spline df must be an integer 1–20, got ${df}`);
}

/** All knots on the u scale, checked strictly increasing. */
function scaledKnots(k: SplineKnots): number[] {
  const [lo, hi] = k.boundary;
  const all = [lo, ...k.interior, hi];
  for (let i = 1; i < all.length; i++)
    if (!((all[i] as number) > (all[i - 1] as number)))
      throw new Error(
        `natural spline: knots must be strictly increasing, got ${all.join(', ')} (heaped values give coincident knots; lower df or use other rounding)`,
      );
  return all.map((x) => (x - lo) / (hi - lo));
}

/** The df basis columns at x written into out[o..o+df). */
function fillBasis(x: number, k: SplineKnots, u: number[], out: Float64Array, o: number): void {
  const [lo, hi] = k.boundary;
  const t = (x - lo) / (hi - lo);
  const K = u.length;
  const uK = u[K - 1] as number;
  const cubeK = t > uK ? (t - uK) ** 3 : 0;
  const d = (j: number) => {
    const uj = u[j] as number;
    return ((t > uj ? (t - uj) ** 3 : 0) - cubeK) / (uK - uj);
  };
  out[o] = t;
  const last = d(K - 2);
  for (let j = 0; j < K - 2; j++) out[o + 1 + j] = d(j) - last;
}

/** A column block ns(x) named `${name}1…${name}df`, for buildDesign. */
export function naturalSpline(name: string, x: ArrayLike<number>, knots: SplineKnots): ColumnBlock {
  const u = scaledKnots(knots);
  const df = u.length - 1;
  return {
    names: Array.from({ length: df }, (_, j) => `${name}${j + 1}`),
    fill: (i, out, o) => fillBasis(x[i] as number, knots, u, out, o),
  };
}

/** The basis at a single value (for checks and plots). */
export function naturalSplineRow(x: number, knots: SplineKnots): Float64Array {
  const u = scaledKnots(knots);
  const out = new Float64Array(u.length - 1);
  fillBasis(x, knots, u, out, 0);
  return out;
}
