/**
 * The veil-of-darkness models of §6.6 on aggregated cells (is_dark, minute, adjustment, period; s minority of n
 * stops): M0 (the 2×2 log odds ratio), and `is_dark + ns(minute, df) [+ adjustment] [+ period]` fitted either
 * per stop (`bernoulli`: exactly R's glm on one row per stop, knots over stops) or on aggregated rows
 * (`binomial` with prior weights, knots over the aggregated rows each counted once, maxit 100, as OPP does).
 */
import { buildDesign, type ColumnBlock, factor, intercept, numeric } from './design.ts';
import { coefficient, fitLogit, type LogitFit, type LogitMode } from './glm.ts';
import { naturalSpline, type SplineKnots, splineKnots, splineKnotsFromCounts } from './spline.ts';

export interface VodCellInput {
  isDark: number;
  minute: number;
  adjust: string | null;
  period: string | null;
  s: number;
  n: number;
}

export interface VodModelOptions {
  df: number;
  mode: LogitMode;
  /** Knots given (the aggregation property test); else computed as the mode says. */
  knots?: SplineKnots;
  adjust: boolean;
  period: boolean;
}

export interface VodFit {
  fit: LogitFit;
  knots: SplineKnots;
  beta: number | null;
  se: number | null;
  z: number | null;
  p: number | null;
}

/** Knots over stops (each cell weighted by its n) or over cells (each counted once). */
export function vodKnots(cells: VodCellInput[], df: number, mode: LogitMode): SplineKnots {
  if (mode === 'binomial') return splineKnots(Float64Array.from(cells, (c) => c.minute).sort(), df);
  const counts = new Map<number, number>();
  for (const c of cells) counts.set(c.minute, (counts.get(c.minute) ?? 0) + c.n);
  const values = [...counts.keys()].sort((a, b) => a - b);
  return splineKnotsFromCounts(
    values,
    values.map((v) => counts.get(v) as number),
    df,
  );
}

export function fitVod(cells: VodCellInput[], o: VodModelOptions): VodFit {
  if (cells.length === 0) throw new Error('veil of darkness: no rows left to fit');
  const knots = o.knots ?? vodKnots(cells, o.df, o.mode);
  const blocks: ColumnBlock[] = [
    intercept(),
    numeric(
      'is_dark',
      cells.map((c) => c.isDark),
    ),
    naturalSpline(
      'ns',
      cells.map((c) => c.minute),
      knots,
    ),
  ];
  if (o.adjust)
    blocks.push(
      factor(
        'adjust:',
        cells.map((c) => c.adjust ?? ''),
      ),
    );
  if (o.period)
    blocks.push(
      factor(
        'period:',
        cells.map((c) => c.period ?? ''),
      ),
    );
  const fit = fitLogit({
    design: buildDesign(cells.length, blocks),
    successes: cells.map((c) => c.s),
    trials: cells.map((c) => c.n),
    mode: o.mode,
    maxit: o.mode === 'binomial' ? 100 : 25,
  });
  if (fit.aliased.includes('is_dark'))
    throw new Error('veil of darkness: is_dark is aliased with other terms');
  const b = coefficient(fit, 'is_dark');
  return { fit, knots, beta: b.estimate, se: b.se, z: b.z, p: b.p };
}

/** M0: ln((dark minority / dark white) / (light minority / light white)), SE √(Σ 1/cell). */
export function vodM0(light: { minority: number; white: number }, dark: { minority: number; white: number }) {
  const cells = [light.minority, light.white, dark.minority, dark.white];
  if (cells.some((c) => !(c > 0))) return { beta: null, se: null };
  const beta = Math.log(dark.minority / dark.white / (light.minority / light.white));
  const se = Math.sqrt(cells.reduce((s, c) => s + 1 / c, 0));
  return { beta, se };
}
