/**
 * The stats layer against R: ns(x, df) knots and span, glm(binomial) coefficients, SEs, deviance, iterations and
 * fitted values, pnorm/qnorm/pchisq and type-7 quantiles. The expected values were computed once with R
 * (test/stats/golden/make-golden.R says how) and are read from the JSON files beside it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDesign, type ColumnBlock, factor, intercept, numeric } from '../../src/stats/design.ts';
import { chiSquareUpper } from '../../src/stats/gamma.ts';
import { fitLogit } from '../../src/stats/glm.ts';
import { solveSymmetric } from '../../src/stats/linalg.ts';
import { normalCdf, normalQuantile } from '../../src/stats/normal.ts';
import { quantile7 } from '../../src/stats/quantile.ts';
import { naturalSpline, splineKnots } from '../../src/stats/spline.ts';

const golden = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, 'golden', name), 'utf8'));

describe('distributions and quantiles equal R', () => {
  const g = golden('distributions.json');
  it('pnorm', () => {
    g.z.forEach((z: number, i: number) => {
      const want = g.pnorm[i] as number;
      expect(Math.abs(normalCdf(z) - want)).toBeLessThanOrEqual(Math.max(1e-300, want * 1e-13));
    });
  });
  it('qnorm', () => {
    g.p.forEach((p: number, i: number) => {
      expect(normalQuantile(p)).toBeCloseTo(g.qnorm[i], 12);
    });
  });
  it('pchisq upper tail', () => {
    g.chi_x.forEach((x: number, i: number) => {
      const want = g.pchisq_upper[i] as number;
      expect(Math.abs(chiSquareUpper(x, g.chi_k[i]) - want)).toBeLessThanOrEqual(want * 1e-10 + 1e-300);
    });
  });
  it('type-7 quantiles', () => {
    g.probs.forEach((p: number, i: number) => {
      expect(quantile7(g.sample, p)).toBeCloseTo(g.quantile7[i], 12);
    });
  });
});

/** Largest residual of regressing each column of `target` (n × q) on [1, basis] (n × p). */
function spanResidual(basis: number[][], target: number[][]): number {
  const rows = basis.map((r) => Float64Array.from([1, ...r]));
  const p = rows[0]?.length ?? 0;
  const A = new Float64Array(p * p);
  for (const r of rows)
    for (let j = 0; j < p; j++)
      for (let k = 0; k < p; k++)
        A[j * p + k] = (A[j * p + k] as number) + (r[j] as number) * (r[k] as number);
  let worst = 0;
  for (let c = 0; c < (target[0]?.length ?? 0); c++) {
    const y = target.map((r) => r[c] as number);
    const b = new Float64Array(p);
    rows.forEach((r, i) => {
      for (let j = 0; j < p; j++) b[j] = (b[j] as number) + (r[j] as number) * (y[i] as number);
    });
    const { x } = solveSymmetric(A, b, p);
    rows.forEach((r, i) => {
      const fit = r.reduce((s, v, j) => s + v * (x[j] as number), 0);
      worst = Math.max(worst, Math.abs(fit - (y[i] as number)));
    });
  }
  return worst;
}

describe('natural splines span the space of R ns(x, df)', () => {
  const g = golden('ns.json');
  const sorted = Float64Array.from(g.x as number[]).sort();
  for (const c of g.cases as { df: number; knots: number[]; boundary: number[]; basis: number[][] }[])
    it(`df ${c.df}: same knots, same span both ways`, () => {
      const knots = splineKnots(sorted, c.df);
      expect(knots.interior).toEqual(c.knots);
      expect(knots.boundary).toEqual(c.boundary);
      const d = buildDesign(g.x.length, [naturalSpline('ns', g.x, knots)]);
      const ours = Array.from({ length: d.rows }, (_, i) =>
        Array.from(d.data.subarray(i * d.cols, (i + 1) * d.cols)),
      );
      expect(spanResidual(ours, c.basis)).toBeLessThan(1e-9);
      expect(spanResidual(c.basis, ours)).toBeLessThan(1e-9);
    });
});

interface GlmCase {
  name: string;
  names: string[];
  coefficients: (number | null)[];
  se: (number | null)[];
  deviance: number;
  null_deviance: number;
  iter: number;
  converged: boolean;
  fitted: number[];
}

describe('logistic regression equals R glm(family = binomial)', () => {
  const g = golden('glm.json');
  const d = g.data;
  const n = d.y.length as number;
  const ones = new Array(n).fill(1);
  const sortedMinute = Float64Array.from(d.minute as number[]).sort();
  const blocks = (name: string): ColumnBlock[] => {
    const base = [intercept(), numeric('is_dark', d.is_dark)];
    if (name === 'm0') return base;
    if (name === 'aliased')
      return [
        intercept(),
        numeric('x1', d.x1),
        numeric(
          'x2',
          d.x1.map((v: number) => 2 * v),
        ),
        numeric('is_dark', d.is_dark),
      ];
    const df = Number(/ns(\d)/.exec(name)?.[1]);
    const spline = naturalSpline('ns', d.minute, splineKnots(sortedMinute, df));
    return name.endsWith('district') ? [...base, spline, factor('district', d.district)] : [...base, spline];
  };
  // Coefficients that do not depend on the spline basis chosen (§6.5): everything but intercept and spline terms.
  const invariant = (name: string, coef: string) =>
    !/^ns|^\(Intercept\)$/.test(coef) || name === 'm0' || name === 'aliased';
  for (const c of (g.cases as GlmCase[]).filter((c) => c.name !== 'aggregated_ns6'))
    it(c.name, () => {
      const fit = fitLogit({
        design: buildDesign(n, blocks(c.name)),
        successes: d.y,
        trials: ones,
        mode: 'binomial',
      });
      expect(fit.iterations).toBe(c.iter);
      expect(fit.converged).toBe(c.converged);
      expect(fit.deviance).toBeCloseTo(c.deviance, 8);
      expect(fit.nullDeviance).toBeCloseTo(c.null_deviance, 8);
      expect(Math.max(...c.fitted.map((f, i) => Math.abs(f - (fit.fitted[i] as number))))).toBeLessThan(1e-9);
      c.names.forEach((name, j) => {
        const k = fit.names.indexOf(name.replace(/^ns\(minute, df = \d\)/, 'ns'));
        if (!invariant(c.name, name)) return;
        if (c.coefficients[j] === null) expect(fit.coefficients[k], name).toBeNull();
        else expect(fit.coefficients[k], name).toBeCloseTo(c.coefficients[j] as number, 8);
        if (c.se[j] === null) expect(fit.se[k]).toBeNull();
        else expect(fit.se[k], name).toBeCloseTo(c.se[j] as number, 8);
      });
      if (c.name === 'aliased') expect(fit.aliased).toEqual(['x2']);
    });

  it('aggregated rows with prior weights (binomial), knots over the aggregated rows', () => {
    const c = (g.cases as GlmCase[]).find((x) => x.name === 'aggregated_ns6') as GlmCase;
    const a = g.aggregated;
    const knots = splineKnots(Float64Array.from(a.rounded as number[]).sort(), 6);
    const design = buildDesign(a.w.length, [
      intercept(),
      numeric('is_dark', a.is_dark),
      naturalSpline('ns', a.rounded, knots),
    ]);
    const fit = fitLogit({ design, successes: a.s, trials: a.w, mode: 'binomial' });
    expect(fit.iterations).toBe(c.iter);
    expect(fit.deviance).toBeCloseTo(c.deviance, 8);
    expect(fit.coefficients[1]).toBeCloseTo(c.coefficients[1] as number, 8);
    expect(fit.se[1]).toBeCloseTo(c.se[1] as number, 8);
  });
});
