/**
 * `reassess stops threshold`: the threshold test (§7) for Black and for Hispanic drivers against White, each on
 * the cells its own gates keep (the outcome test's gates: search reliability, discretionary searches, ≥ 50
 * searches per race per subgeography in ≥ 3 subgeographies, anomalous subgeographies). Fitted with our NUTS
 * sampler (src/stats/threshold-fit.ts, see src/stats/NOTES.md for the choice); the result is withheld when the
 * sampler's diagnostics fail (max R-hat > 1.05 or any divergence), and its predictive error is shown.
 */
import { DEFAULT_THRESHOLD_OPTIONS, fitThreshold, type ThresholdFitOptions } from '../stats/threshold-fit.ts';
import type { ThresholdCell } from '../stats/threshold-model.ts';
import type { SearchCell } from '../store/stops/search-query.ts';
import { caveatsFor, type DatasetContext, openDataset, type WindowOptions } from './dataset-context.ts';
import type { AnalyzeDeps } from './deps.ts';
import { fmtCi, fmtRate, raceLabel, withheldText } from './describe.ts';
import {
  blockingFailure,
  cleanDiagnostics,
  cleanEffect,
  type MethodReport,
  type MethodResult,
  SPEC_VERSION,
} from './method-result.ts';
import { type OutcomeCells, outcomeCells } from './outcome.ts';

export interface ThresholdOptions extends WindowOptions {
  seed?: number;
  priorScale?: number;
  sampler?: Partial<ThresholdFitOptions>;
}

const MINORITIES = ['black', 'hispanic'] as const;

/** Cells as the model indexes them: race 0 = White, 1 = the minority; subgeographies in sorted order. */
export function modelCells(
  cells: SearchCell[],
  group: string,
): { cells: ThresholdCell[]; subgeos: string[] } {
  const mine = cells.filter((c) => c.race === 'white' || c.race === group);
  const subgeos = [...new Set(mine.map((c) => c.subgeo ?? '(all)'))].sort();
  return {
    subgeos,
    cells: mine.map((c) => ({
      race: c.race === 'white' ? 0 : 1,
      subgeo: subgeos.indexOf(c.subgeo ?? '(all)'),
      stops: c.stops,
      searches: c.searches,
      hits: c.hits,
    })),
  };
}

export async function runThreshold(
  deps: AnalyzeDeps,
  id: string,
  o: ThresholdOptions = {},
): Promise<MethodReport[]> {
  const ctx = await openDataset(deps, id, o);
  const reports: MethodReport[] = [];
  for (const group of MINORITIES) reports.push(await thresholdFor(ctx, group, o));
  return reports;
}

type Fit = ReturnType<typeof fitThreshold>;

function thresholdDiagnostics(
  fit: Fit | null,
  reason: string | null,
  group: string,
  options: ThresholdFitOptions,
  cells: number,
) {
  const dg = fit?.diagnostics;
  return cleanDiagnostics({
    withheld_reason: reason,
    sampler: `NUTS, ${options.chains} chains × (${options.warmup} warm-up + ${options.draws} draws), target acceptance ${options.targetAccept}, max tree depth ${options.maxDepth}, seed ${options.seed}`,
    max_rhat: dg?.maxRhat ?? null,
    min_ess: dg?.minEss ?? null,
    divergences: dg?.divergences ?? null,
    max_tree_depth_hits: dg?.maxDepthHits ?? null,
    max_search_rate_error: dg?.maxSearchRateError ?? null,
    max_hit_rate_error: dg?.maxHitRateError ?? null,
    threshold_white: reason ? null : (fit?.thresholds[0]?.mean ?? null),
    [`threshold_${group}`]: reason ? null : (fit?.thresholds[1]?.mean ?? null),
    cells,
  });
}

function thresholdText(fit: Fit, group: string): string {
  const d = fit.differences[0] ?? null;
  return `The inferred search threshold for ${raceLabel(group)} drivers is ${fmtRate(fit.thresholds[1]?.mean ?? null)} (probability of carrying contraband), for White drivers ${fmtRate(fit.thresholds[0]?.mean ?? null)}: a difference of ${fmtRate(d?.mean ?? null)} (95% credible interval ${fmtCi(d ? [d.lo, d.hi] : null, (x) => x.toFixed(3))}); a negative difference means a lower bar for searching ${raceLabel(group)} drivers.`;
}

/** Withheld when a blocking gate failed (no fit), or when the sampler's diagnostics fail. */
function fitOrReason(
  oc: OutcomeCells,
  mc: ReturnType<typeof modelCells>,
  o: ThresholdOptions,
  options: ThresholdFitOptions,
) {
  const blocked = blockingFailure(oc.gates);
  if (blocked) return { fit: null, reason: `${blocked.id}: ${blocked.reason}` };
  const fit = fitThreshold(
    { cells: mc.cells, races: 2, subgeos: mc.subgeos.length, priorScale: o.priorScale ?? 1 },
    options,
  );
  const dg = fit.diagnostics;
  const bad = dg.maxRhat > 1.05 || dg.divergences > 0;
  return {
    fit,
    reason: bad
      ? `sampler diagnostics failed: max R-hat ${dg.maxRhat.toFixed(3)} (≤ 1.05 needed), ${dg.divergences} divergences (0 needed)`
      : null,
  };
}

async function thresholdFor(ctx: DatasetContext, group: string, o: ThresholdOptions): Promise<MethodReport> {
  const oc = await outcomeCells(ctx, 'threshold', ['white', group]);
  const mc = modelCells(oc.cells, group);
  const options = {
    ...DEFAULT_THRESHOLD_OPTIONS,
    ...o.sampler,
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
  };
  const { fit, reason } = fitOrReason(oc, mc, o, options);
  const d = fit?.differences[0] ?? null;
  const stopsOf = (r: string) => oc.cells.filter((c) => c.race === r).reduce((s, c) => s + c.stops, 0);
  const result: MethodResult = {
    method: 'threshold',
    specVersion: SPEC_VERSION,
    agency: ctx.agency,
    period: ctx.period,
    contrast: { group: group as 'black' | 'hispanic', reference: 'white' },
    status: reason ? 'withheld' : 'reported',
    effect: cleanEffect(
      {
        name: 'threshold difference (minority − White)',
        scale: 'difference',
        estimate: d?.mean ?? null,
        se: null,
        ci: d ? [d.lo, d.hi] : null,
        ciLevel: 0.95,
        ciMethod: 'credible',
        p: null,
        approximate: false,
      },
      reason !== null,
    ),
    n: {
      rowsIn: oc.rowsIn,
      rowsUsed: mc.cells.reduce((s, c) => s + c.stops, 0),
      byGroup: Object.fromEntries(['white', group].map((r) => [r, stopsOf(r)])),
      drops: oc.drops,
    },
    gates: oc.gates,
    diagnostics: thresholdDiagnostics(fit, reason, group, options, mc.cells.length),
    caveats: caveatsFor(ctx, 'threshold'),
    provenance: ctx.provenance,
  };
  const tables: MethodReport['tables'] = {};
  if (!reason && fit)
    tables.cells = fit.cells.map((c, i) => ({
      subgeography: mc.subgeos[mc.cells[i]?.subgeo ?? 0],
      race: mc.cells[i]?.race === 0 ? 'white' : group,
      ...c,
    }));
  return { result, tables, text: [reason || !fit ? withheldText(result) : thresholdText(fit, group)] };
}
