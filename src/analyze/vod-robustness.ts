/**
 * The veil-of-darkness robustness table (§6.6): the primary model with df 1–6, with subgeography fixed effects
 * (when the dataset has a subgeography and the primary model has none), and on full years only. Each row shows
 * β_dark, its SE and interval, n and whether the fit converged; a variant that cannot be fitted says why.
 */
import { Z95 } from '../stats/intervals.ts';
import { fitVod, type VodCellInput, type VodModelOptions } from '../stats/vod-model.ts';
import type { DatasetContext } from './dataset-context.ts';
import type { Gate } from './method-result.ts';
import { type VodRun, vodRows } from './vod-rows.ts';

export type RobustnessRow = Record<string, number | string | boolean | null>;

function row(variant: string, cells: VodCellInput[], spec: VodModelOptions): RobustnessRow {
  const n = cells.reduce((s, c) => s + c.n, 0);
  try {
    const f = fitVod(cells, spec);
    const ok = f.beta !== null && f.se !== null;
    return {
      variant,
      df: spec.df,
      beta: f.beta,
      se: f.se,
      ci_lo: ok ? (f.beta as number) - Z95 * (f.se as number) : null,
      ci_hi: ok ? (f.beta as number) + Z95 * (f.se as number) : null,
      n,
      converged: f.fit.converged,
      note: null,
    };
  } catch (e) {
    return {
      variant,
      df: spec.df,
      beta: null,
      se: null,
      ci_lo: null,
      ci_hi: null,
      n,
      converged: false,
      note: (e as Error).message,
    };
  }
}

export async function robustnessTable(
  ctx: DatasetContext,
  run: VodRun,
  spec: VodModelOptions,
  full: Gate,
): Promise<RobustnessRow[]> {
  const rows = [1, 2, 3, 4, 5, 6].map((df) => row(`df ${df}`, run.cells, { ...spec, df }));
  if (ctx.subgeo && !run.query.adjust) {
    const adj = await vodRows(ctx, { ...run.query, adjust: ctx.subgeo });
    rows.push(row(`+ ${ctx.subgeo} fixed effects`, adj.cells, { ...spec, adjust: true }));
  }
  const partial = full.excluded.map(Number);
  if (partial.length > 0 && full.passed) {
    const years = await vodRows(ctx, {
      ...run.query,
      excludedYears: [...run.query.excludedYears, ...partial],
    });
    rows.push(row(`full years only (without ${full.excluded.join(', ')})`, years.cells, spec));
  } else rows.push({ variant: 'full years only', note: full.reason, df: spec.df, beta: null, se: null });
  return rows;
}
