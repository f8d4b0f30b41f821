/**
 * The No-U-Turn Sampler (Hoffman & Gelman, JMLR 15, 2014, Algorithm 6: slice sampling, dual averaging of the
 * step size toward a target acceptance) with a dense metric adapted in Stan's warm-up windows (75 iterations
 * fast, then slow windows of 25, 50, 100, … draws, 50 fast at the end; regularized sample covariance, as Stan
 * does), a maximum tree depth, and divergences counted when the energy error exceeds 1000. Written for the
 * threshold test (tens of strongly correlated parameters); the log density and its gradient are passed in.
 */
import type { Rng } from './random.ts';

export type LogDensity = (theta: Float64Array, grad: Float64Array) => number;

export interface NutsOptions {
  warmup: number;
  draws: number;
  maxDepth: number;
  targetAccept: number;
  rng: Rng;
}

export interface ChainResult {
  draws: Float64Array[];
  divergences: number;
  stepSize: number;
  maxDepthHits: number;
}

interface Point {
  theta: Float64Array;
  r: Float64Array;
  grad: Float64Array;
  logp: number;
}

interface Tree {
  minus: Point;
  plus: Point;
  proposal: Point;
  n: number;
  s: boolean;
  alpha: number;
  nAlpha: number;
  divergent: boolean;
}

const MAX_ENERGY_ERROR = 1000;

class Sampler {
  /** Inverse metric Σ (dim × dim) and its Cholesky factor L (Σ = L Lᵀ). */
  minv: Float64Array;
  chol: Float64Array;
  constructor(
    readonly logp: LogDensity,
    readonly dim: number,
    readonly rng: Rng,
  ) {
    this.minv = identity(dim);
    this.chol = identity(dim);
  }

  setMetric(sigma: Float64Array): void {
    this.minv = sigma;
    this.chol = cholesky(sigma, this.dim);
  }

  /** Σ r (the velocity). */
  velocity(r: Float64Array): Float64Array {
    const n = this.dim;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += (this.minv[i * n + j] as number) * (r[j] as number);
      out[i] = s;
    }
    return out;
  }

  kinetic(r: Float64Array): number {
    const v = this.velocity(r);
    let k = 0;
    for (let i = 0; i < this.dim; i++) k += (v[i] as number) * (r[i] as number);
    return 0.5 * k;
  }

  leapfrog(p: Point, eps: number): Point {
    const r = Float64Array.from(p.r, (x, i) => x + 0.5 * eps * (p.grad[i] as number));
    const v = this.velocity(r);
    const theta = Float64Array.from(p.theta, (x, i) => x + eps * (v[i] as number));
    const grad = new Float64Array(this.dim);
    const logp = this.logp(theta, grad);
    for (let i = 0; i < this.dim; i++) r[i] = (r[i] as number) + 0.5 * eps * (grad[i] as number);
    return { theta, r, grad, logp };
  }

  /** r ~ N(0, Σ⁻¹): r = L⁻ᵀ z. */
  momentum(): Float64Array {
    const n = this.dim;
    const z = Float64Array.from({ length: n }, () => this.rng.normal());
    const r = new Float64Array(n);
    for (let i = n - 1; i >= 0; i--) {
      let s = z[i] as number;
      for (let k = i + 1; k < n; k++) s -= (this.chol[k * n + i] as number) * (r[k] as number);
      r[i] = s / (this.chol[i * n + i] as number);
    }
    return r;
  }

  noUTurn(minus: Point, plus: Point): boolean {
    const vm = this.velocity(minus.r);
    const vp = this.velocity(plus.r);
    let a = 0;
    let b = 0;
    for (let i = 0; i < this.dim; i++) {
      const d = (plus.theta[i] as number) - (minus.theta[i] as number);
      a += d * (vm[i] as number);
      b += d * (vp[i] as number);
    }
    return a >= 0 && b >= 0;
  }

  leaf(p: Point, logu: number, dir: number, eps: number, joint0: number): Tree {
    const q = this.leapfrog(p, dir * eps);
    const joint = q.logp - this.kinetic(q.r);
    const ok = Number.isFinite(joint);
    const s = ok && logu < joint + MAX_ENERGY_ERROR;
    const alpha = ok ? Math.min(1, Math.exp(joint - joint0)) : 0;
    return {
      minus: q,
      plus: q,
      proposal: q,
      n: ok && logu <= joint ? 1 : 0,
      s,
      alpha,
      nAlpha: 1,
      divergent: !s,
    };
  }

  build(p: Point, logu: number, dir: number, depth: number, eps: number, joint0: number): Tree {
    if (depth === 0) return this.leaf(p, logu, dir, eps, joint0);
    const t = this.build(p, logu, dir, depth - 1, eps, joint0);
    if (!t.s) return t;
    const t2 = this.build(dir < 0 ? t.minus : t.plus, logu, dir, depth - 1, eps, joint0);
    const total = t.n + t2.n;
    const proposal = total > 0 && this.rng.uniform() < t2.n / total ? t2.proposal : t.proposal;
    const minus = dir < 0 ? t2.minus : t.minus;
    const plus = dir < 0 ? t.plus : t2.plus;
    return {
      minus,
      plus,
      proposal,
      n: total,
      s: t2.s && this.noUTurn(minus, plus),
      alpha: t.alpha + t2.alpha,
      nAlpha: t.nAlpha + t2.nAlpha,
      divergent: t.divergent || t2.divergent,
    };
  }

  /** One NUTS transition from `current`; returns the next point and the tree's statistics. */
  transition(current: Point, eps: number, maxDepth: number) {
    const start = { ...current, r: this.momentum() };
    const joint0 = start.logp - this.kinetic(start.r);
    const logu = joint0 + Math.log(this.rng.uniform());
    let minus = start;
    let plus = start;
    let next = current;
    let n = 1;
    let s = true;
    let depth = 0;
    let stats = { alpha: 0, nAlpha: 1, divergent: false };
    while (s && depth < maxDepth) {
      const dir = this.rng.uniform() < 0.5 ? -1 : 1;
      const t = this.build(dir < 0 ? minus : plus, logu, dir, depth, eps, joint0);
      if (dir < 0) minus = t.minus;
      else plus = t.plus;
      if (t.s && this.rng.uniform() < t.n / n) next = t.proposal;
      n += t.n;
      s = t.s && this.noUTurn(minus, plus);
      stats = { alpha: t.alpha, nAlpha: t.nAlpha, divergent: t.divergent };
      depth++;
    }
    return { next, accept: stats.alpha / stats.nAlpha, divergent: stats.divergent, depth };
  }

  /** A first step size that moves the acceptance across 1/2 (Hoffman & Gelman, Algorithm 4). */
  initialStep(p: Point): number {
    let eps = 1;
    const logAccept = (e: number) => {
      const q = this.leapfrog({ ...p, r: this.momentum() }, e);
      const v = q.logp - this.kinetic(q.r) - (p.logp - this.kinetic(p.r));
      return Number.isFinite(v) ? v : -Infinity;
    };
    const a = logAccept(eps) > Math.log(0.5) ? 1 : -1;
    for (let k = 0; k < 50 && a * logAccept(eps) > -a * Math.log(2); k++) eps *= 2 ** a;
    return eps;
  }
}

/** Dual averaging of log ε toward the target acceptance (Hoffman & Gelman §3.2). */
class DualAveraging {
  mu: number;
  hbar = 0;
  logEpsBar = 0;
  m = 0;
  constructor(
    eps: number,
    readonly target: number,
  ) {
    this.mu = Math.log(10 * eps);
  }
  update(accept: number): number {
    this.m++;
    const eta = 1 / (this.m + 10);
    this.hbar = (1 - eta) * this.hbar + eta * (this.target - accept);
    const logEps = this.mu - (Math.sqrt(this.m) / 0.05) * this.hbar;
    const w = this.m ** -0.75;
    this.logEpsBar = w * logEps + (1 - w) * this.logEpsBar;
    return Math.exp(logEps);
  }
  final(): number {
    return Math.exp(this.logEpsBar);
  }
}

function identity(n: number): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return m;
}

/** Lower Cholesky factor of a symmetric positive-definite matrix. */
function cholesky(a: Float64Array, n: number): Float64Array {
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j] as number;
    for (let k = 0; k < j; k++) d -= (L[j * n + k] as number) ** 2;
    if (!(d > 0)) throw new Error('NUTS: the adapted metric is not positive definite');
    const ljj = Math.sqrt(d);
    L[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j] as number;
      for (let k = 0; k < j; k++) s -= (L[i * n + k] as number) * (L[j * n + k] as number);
      L[i * n + j] = s / ljj;
    }
  }
  return L;
}

/** Stan's regularized sample covariance: (n/(n+5))·S + 1e-3·(5/(n+5))·I. */
function regularizedCovariance(xs: Float64Array[], dim: number): Float64Array {
  const n = xs.length;
  const mean = new Float64Array(dim);
  for (const x of xs) for (let i = 0; i < dim; i++) mean[i] = (mean[i] as number) + (x[i] as number) / n;
  const out = new Float64Array(dim * dim);
  for (const x of xs)
    for (let i = 0; i < dim; i++) {
      const di = (x[i] as number) - (mean[i] as number);
      for (let j = 0; j <= i; j++)
        out[i * dim + j] = (out[i * dim + j] as number) + di * ((x[j] as number) - (mean[j] as number));
    }
  const w = n / (n + 5);
  for (let i = 0; i < dim; i++)
    for (let j = 0; j <= i; j++) {
      const v =
        (w * (out[i * dim + j] as number)) / Math.max(1, n - 1) + (i === j ? 1e-3 * (5 / (n + 5)) : 0);
      out[i * dim + j] = v;
      out[j * dim + i] = v;
    }
  return out;
}

/** The ends of Stan's slow adaptation windows for a warm-up length (75 fast, 25·2^k slow, 50 fast). */
export function adaptationWindows(warmup: number): number[] {
  if (warmup < 150) return [Math.floor(warmup * 0.8)];
  const last = warmup - 50;
  const ends: number[] = [];
  let start = 75;
  let size = 25;
  while (start < last) {
    let end = start + size;
    if (end + 2 * size > last) end = last;
    ends.push(end);
    start = end;
    size *= 2;
  }
  return ends;
}

/** Runs one chain from θ0: warm-up (step size and metric adapted) then the draws kept. */
export function nutsChain(logp: LogDensity, theta0: Float64Array, o: NutsOptions): ChainResult {
  const sampler = new Sampler(logp, theta0.length, o.rng);
  const grad = new Float64Array(theta0.length);
  let current: Point = {
    theta: Float64Array.from(theta0),
    r: new Float64Array(theta0.length),
    grad,
    logp: logp(theta0, grad),
  };
  if (!Number.isFinite(current.logp))
    throw new Error('NUTS: the log density is not finite at the starting point');
  let eps = sampler.initialStep(current);
  let da = new DualAveraging(eps, o.targetAccept);
  const windows = new Set(adaptationWindows(o.warmup));
  let windowStart = o.warmup < 150 ? Math.floor(o.warmup * 0.15) : 75;
  const history: Float64Array[] = [];
  const draws: Float64Array[] = [];
  let divergences = 0;
  let maxDepthHits = 0;
  for (let m = 0; m < o.warmup + o.draws; m++) {
    const t = sampler.transition(current, eps, o.maxDepth);
    current = t.next;
    if (m < o.warmup) {
      eps = da.update(Number.isFinite(t.accept) ? t.accept : 0);
      if (m >= windowStart) history.push(current.theta);
      if (windows.has(m + 1) && history.length > 10) {
        sampler.setMetric(regularizedCovariance(history, theta0.length));
        history.length = 0;
        windowStart = m + 1;
        eps = sampler.initialStep(current);
        da = new DualAveraging(eps, o.targetAccept);
      }
      if (m + 1 === o.warmup) eps = da.final();
    } else {
      draws.push(current.theta);
      if (t.divergent) divergences++;
      if (t.depth >= o.maxDepth) maxDepthHits++;
    }
  }
  return { draws, divergences, stepSize: eps, maxDepthHits };
}
