/**
 * Logistic regression by iteratively reweighted least squares, equal to R's glm(family = binomial) (§6.7): R's
 * start (μ = (wy + 0.5)/(w + 1)), its convergence rule (|dev − dev_old|/(|dev| + 0.1) < ε, ε = 1e-8), step
 * halving on a non-finite deviance, and the covariance (XᵀWX)⁻¹ from the weights of the last iteration.
 *
 * Rows are cells of `trials` Bernoulli outcomes with `successes` among them. Two readings:
 * - `binomial`: each cell is one binomial row with prior weight = trials (R's glm on aggregated rows);
 * - `bernoulli`: each cell stands for `trials` rows of one stop each with identical covariates, and the fit is
 *   exactly R's glm on those single-stop rows (same start per stop, same iterations, per-stop deviance), computed
 *   on the cells. Identical rows share η after the first step, so only that step needs the per-stop start.
 */
import type { Design } from './design.ts';
import { solveSymmetric } from './linalg.ts';
import { twoSidedP } from './normal.ts';

export type LogitMode = 'binomial' | 'bernoulli';

export interface LogitInput {
  design: Design;
  successes: ArrayLike<number>;
  trials: ArrayLike<number>;
  mode: LogitMode;
  maxit?: number;
  epsilon?: number;
}

export interface LogitFit {
  names: string[];
  coefficients: (number | null)[];
  se: (number | null)[];
  z: (number | null)[];
  p: (number | null)[];
  /** (XᵀWX)⁻¹, p × p row-major; NaN for aliased columns. */
  covariance: Float64Array;
  aliased: string[];
  deviance: number;
  nullDeviance: number;
  iterations: number;
  converged: boolean;
  /** Some fitted probability within 1e-10 of 0 or 1 (quasi-separation). */
  separation: boolean;
  fitted: Float64Array;
  /** Rows with positive trials, and total trials. */
  rows: number;
  trials: number;
}

const LN3_PLUS = Math.log(3) + 4 / 3;
/** ln μ and ln(1 − μ) from η without cancellation. */
const logMu = (eta: number) => (eta > 0 ? -Math.log1p(Math.exp(-eta)) : eta - Math.log1p(Math.exp(eta)));
const logOneMinusMu = (eta: number) => logMu(-eta);

/** Deviance at linear predictor η (per-stop in bernoulli mode, binomial otherwise). */
export function logitDeviance(
  eta: Float64Array,
  s: ArrayLike<number>,
  n: ArrayLike<number>,
  mode: LogitMode,
): number {
  let dev = 0;
  for (let i = 0; i < eta.length; i++) {
    const ni = n[i] as number;
    if (ni <= 0) continue;
    const si = s[i] as number;
    const e = eta[i] as number;
    const fi = ni - si;
    let d = 0;
    if (si > 0) d -= si * logMu(e);
    if (fi > 0) d -= fi * logOneMinusMu(e);
    if (mode === 'binomial') {
      if (si > 0) d += si * Math.log(si / ni);
      if (fi > 0) d += fi * Math.log(fi / ni);
    }
    dev += 2 * d;
  }
  return dev;
}

interface Working {
  w: Float64Array;
  z: Float64Array;
}

/** Weights and working response: from η in general, or from the per-stop start in the first bernoulli step. */
function working(
  eta: Float64Array,
  s: ArrayLike<number>,
  n: ArrayLike<number>,
  firstBernoulli: boolean,
): Working {
  const m = eta.length;
  const w = new Float64Array(m);
  const z = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const ni = n[i] as number;
    if (ni <= 0) continue;
    const si = s[i] as number;
    if (firstBernoulli) {
      w[i] = 0.1875 * ni;
      z[i] = ((2 * si - ni) / ni) * LN3_PLUS;
      continue;
    }
    const e = eta[i] as number;
    const mu = 1 / (1 + Math.exp(-e));
    const v = mu * (1 - mu);
    w[i] = ni * v;
    z[i] = e + (si / ni - mu) / v;
  }
  return { w, z };
}

/** XᵀWX and XᵀWz (upper triangle accumulated, then mirrored). */
function normalEquations(d: Design, wk: Working): { A: Float64Array; b: Float64Array } {
  const { cols: p, data } = d;
  const A = new Float64Array(p * p);
  const b = new Float64Array(p);
  // Fixed-effect designs are mostly zeros: only the row's non-zero columns are paired.
  const nz = new Int32Array(p);
  for (let i = 0; i < d.rows; i++) {
    const wi = wk.w[i] as number;
    if (wi === 0) continue;
    const o = i * p;
    let m = 0;
    for (let j = 0; j < p; j++) if ((data[o + j] as number) !== 0) nz[m++] = j;
    const wz = wi * (wk.z[i] as number);
    for (let a = 0; a < m; a++) {
      const j = nz[a] as number;
      const xj = data[o + j] as number;
      const wxj = wi * xj;
      b[j] = (b[j] as number) + wz * xj;
      for (let c = a; c < m; c++) {
        const k = nz[c] as number;
        A[j * p + k] = (A[j * p + k] as number) + wxj * (data[o + k] as number);
      }
    }
  }
  for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) A[j * p + k] = A[k * p + j] as number;
  return { A, b };
}

function linearPredictor(d: Design, beta: Float64Array): Float64Array {
  const { cols: p, data } = d;
  const eta = new Float64Array(d.rows);
  for (let i = 0; i < d.rows; i++) {
    let e = 0;
    for (let j = 0; j < p; j++) {
      const bj = beta[j] as number;
      if (!Number.isNaN(bj)) e += bj * (data[i * p + j] as number);
    }
    eta[i] = e;
  }
  return eta;
}

function startEta(s: ArrayLike<number>, n: ArrayLike<number>): Float64Array {
  const eta = new Float64Array(n.length);
  for (let i = 0; i < n.length; i++) {
    const mu = ((s[i] as number) + 0.5) / ((n[i] as number) + 1);
    eta[i] = Math.log(mu / (1 - mu));
  }
  return eta;
}

/** The deviance of the starting values (R's devold before the first iteration). */
function startDeviance(s: ArrayLike<number>, n: ArrayLike<number>, mode: LogitMode): number {
  if (mode === 'binomial') return logitDeviance(startEta(s, n), s, n, 'binomial');
  let total = 0;
  for (let i = 0; i < n.length; i++) total += Math.max(0, n[i] as number);
  return -2 * total * Math.log(0.75);
}

interface Step {
  beta: Float64Array;
  eta: Float64Array;
  dev: number;
  /** XᵀWX of this step (inverted once, for the final step only). */
  A: Float64Array;
  aliased: number[];
}

/** One IRLS step from η, with step halving toward the previous β while the deviance is not finite. */
function irlsStep(input: LogitInput, eta: Float64Array, first: boolean, prev: Float64Array | null): Step {
  const { design, successes: s, trials: n, mode } = input;
  const wk = working(eta, s, n, first && mode === 'bernoulli');
  const { A, b } = normalEquations(design, wk);
  const sol = solveSymmetric(A, b, design.cols, undefined, false);
  let beta = sol.x;
  let next = linearPredictor(design, beta);
  let dev = logitDeviance(next, s, n, mode);
  for (let halvings = 0; !Number.isFinite(dev); halvings++) {
    if (!prev || halvings > 50)
      throw new Error('logistic regression: deviance is not finite and cannot be recovered');
    beta = beta.map((x, j) => (x + (prev[j] as number)) / 2);
    next = linearPredictor(design, beta);
    dev = logitDeviance(next, s, n, mode);
  }
  return { beta, eta: next, dev, A, aliased: sol.aliased };
}

/** Fits the logistic regression; see the file header for the two modes. */
export function fitLogit(input: LogitInput): LogitFit {
  const { successes: s, trials: n, mode } = input;
  const maxit = input.maxit ?? 25;
  const epsilon = input.epsilon ?? 1e-8;
  let eta = startEta(s, n);
  let devold = startDeviance(s, n, mode);
  let prev: Float64Array | null = null;
  let step: Step | null = null;
  let converged = false;
  let iter = 0;
  while (iter < maxit) {
    iter++;
    step = irlsStep(input, eta, iter === 1, prev);
    eta = step.eta;
    if (Math.abs(step.dev - devold) / (Math.abs(step.dev) + 0.1) < epsilon) {
      converged = true;
      break;
    }
    devold = step.dev;
    prev = step.beta;
  }
  if (!step) throw new Error('logistic regression: maxit must be at least 1');
  return summarize(input, step, iter, converged);
}

function nullDeviance(s: ArrayLike<number>, n: ArrayLike<number>, mode: LogitMode): number {
  let ss = 0;
  let nn = 0;
  for (let i = 0; i < n.length; i++) {
    if ((n[i] as number) <= 0) continue;
    ss += s[i] as number;
    nn += n[i] as number;
  }
  const mu = ss / nn;
  return logitDeviance(new Float64Array(n.length).fill(Math.log(mu / (1 - mu))), s, n, mode);
}

function summarize(input: LogitInput, step: Step, iterations: number, converged: boolean): LogitFit {
  const { design, successes: s, trials: n, mode } = input;
  const p = design.cols;
  const inverse = solveSymmetric(step.A, new Float64Array(p), p).inverse;
  const num = (x: number) => (Number.isFinite(x) ? x : null);
  const coefficients = Array.from(step.beta, num);
  const se = coefficients.map((_, j) => num(Math.sqrt(inverse[j * p + j] as number)));
  const z = coefficients.map((b, j) => (b === null || !se[j] ? null : b / (se[j] as number)));
  const fitted = step.eta.map((e) => 1 / (1 + Math.exp(-e)));
  let rows = 0;
  let trials = 0;
  let separation = false;
  for (let i = 0; i < fitted.length; i++) {
    if ((n[i] as number) <= 0) continue;
    rows++;
    trials += n[i] as number;
    const mu = fitted[i] as number;
    if (mu < 1e-10 || mu > 1 - 1e-10) separation = true;
  }
  return {
    names: design.names,
    coefficients,
    se,
    z,
    p: z.map((v) => (v === null ? null : twoSidedP(v))),
    covariance: inverse,
    aliased: step.aliased.map((j) => design.names[j] as string),
    deviance: step.dev,
    nullDeviance: nullDeviance(s, n, mode),
    iterations,
    converged,
    separation,
    fitted,
    rows,
    trials,
  };
}

/** A coefficient, its SE, z and p by name (nulls when aliased). */
export function coefficient(fit: LogitFit, name: string) {
  const j = fit.names.indexOf(name);
  if (j < 0) throw new Error(`the model has no coefficient "${name}"`);
  return {
    estimate: fit.coefficients[j] ?? null,
    se: fit.se[j] ?? null,
    z: fit.z[j] ?? null,
    p: fit.p[j] ?? null,
  };
}
