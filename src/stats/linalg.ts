/**
 * Small dense linear algebra for the model fits: a symmetric positive semi-definite system solved by Cholesky in
 * the columns' own order on the equilibrated matrix (unit diagonal). A column whose remaining diagonal falls
 * below the tolerance is a linear combination of earlier ones: it is marked aliased (coefficient and variance
 * null), the way R's glm names the later of two collinear columns. Hand-written (≈ 100 lines) because the fits
 * need that in-order pivoting and the named aliased columns, which ml-matrix's Cholesky does not give.
 */

export interface SymmetricSolution {
  /** Solution vector (NaN for aliased columns). */
  x: Float64Array;
  /** Inverse of the matrix restricted to non-aliased columns (p × p, NaN in aliased rows and columns). */
  inverse: Float64Array;
  /** Indices of aliased columns. */
  aliased: number[];
}

/** Relative tolerance on the remaining diagonal of the equilibrated matrix (a squared norm ratio of 1e-9). */
export const ALIAS_TOLERANCE = 1e-9;

interface Factor {
  L: Float64Array;
  scale: Float64Array;
  kept: boolean[];
}

function factorize(A: Float64Array, p: number, tol: number): Factor {
  const scale = new Float64Array(p);
  const kept: boolean[] = [];
  for (let j = 0; j < p; j++) {
    const d = A[j * p + j] as number;
    scale[j] = d > 0 ? Math.sqrt(d) : 0;
    kept.push(d > 0);
  }
  const L = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    if (!kept[j]) continue;
    const sj = scale[j] as number;
    let d = 1;
    for (let k = 0; k < j; k++) d -= (L[j * p + k] as number) ** 2;
    if (d < tol) {
      kept[j] = false;
      for (let k = 0; k < j; k++) L[j * p + k] = 0;
      continue;
    }
    const ljj = Math.sqrt(d);
    L[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      if (!kept[i]) continue;
      let s = (A[i * p + j] as number) / ((scale[i] as number) * sj);
      for (let k = 0; k < j; k++) s -= (L[i * p + k] as number) * (L[j * p + k] as number);
      L[i * p + j] = s / ljj;
    }
  }
  return { L, scale, kept };
}

/** Solves L Lᵀ y = b over the kept indices (b already scaled); returns y. */
function substitute(f: Factor, b: Float64Array, p: number): Float64Array {
  const { L, kept } = f;
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    if (!kept[i]) continue;
    let s = b[i] as number;
    for (let k = 0; k < i; k++) if (kept[k]) s -= (L[i * p + k] as number) * (y[k] as number);
    y[i] = s / (L[i * p + i] as number);
  }
  for (let i = p - 1; i >= 0; i--) {
    if (!kept[i]) continue;
    let s = y[i] as number;
    for (let k = i + 1; k < p; k++) if (kept[k]) s -= (L[k * p + i] as number) * (y[k] as number);
    y[i] = s / (L[i * p + i] as number);
  }
  return y;
}

function solveScaled(f: Factor, b: Float64Array, p: number): Float64Array {
  const scaled = new Float64Array(p);
  for (let i = 0; i < p; i++) scaled[i] = f.kept[i] ? (b[i] as number) / (f.scale[i] as number) : 0;
  const y = substitute(f, scaled, p);
  for (let i = 0; i < p; i++) y[i] = f.kept[i] ? (y[i] as number) / (f.scale[i] as number) : Number.NaN;
  return y;
}

/** Solves A x = b for symmetric positive semi-definite A (p × p, row-major), with the inverse unless asked not to. */
export function solveSymmetric(
  A: Float64Array,
  b: Float64Array,
  p: number,
  tol = ALIAS_TOLERANCE,
  withInverse = true,
): SymmetricSolution {
  const f = factorize(A, p, tol);
  const x = solveScaled(f, b, p);
  const aliased = f.kept.flatMap((k, j) => (k ? [] : [j]));
  if (!withInverse) return { x, inverse: new Float64Array(0), aliased };
  const inverse = new Float64Array(p * p).fill(Number.NaN);
  const unit = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    if (!f.kept[j]) continue;
    unit.fill(0);
    unit[j] = 1;
    const col = solveScaled(f, unit, p);
    for (let i = 0; i < p; i++) if (f.kept[i]) inverse[i * p + j] = col[i] as number;
  }
  return { x, inverse, aliased };
}

/** A p × p symmetric matrix's quadratic form vᵀ A⁻¹ v on a subset of indices (for Wald tests). */
export function waldStatistic(estimates: number[], covariance: number[][]): number {
  const k = estimates.length;
  const A = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) A[i * k + j] = covariance[i]?.[j] as number;
  const b = Float64Array.from(estimates);
  const s = solveSymmetric(A, b, k);
  if (s.aliased.length > 0)
    throw new Error('Wald test: the covariance of the tested coefficients is singular');
  let w = 0;
  for (let i = 0; i < k; i++) w += (estimates[i] as number) * (s.x[i] as number);
  return w;
}
