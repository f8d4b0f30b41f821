/**
 * The outcome (hit-rate) test (§5) on the analysis copy of §1: hits/searches by race and subgeography, led by
 * the stratified estimate `hit ~ race + subgeography` (binomial fit on the cells), with per-subgeography
 * two-proportion z-tests and the pooled rates beside it. Gates: search reliability (blocking for listed
 * agencies), discretionary searches, ≥ 50 searches per race per subgeography in ≥ 3 subgeographies, anomalous
 * subgeographies excluded.
 */
import { buildDesign, factor, intercept, numeric } from '../stats/design.ts';
import { coefficient, fitLogit } from '../stats/glm.ts';
import { twoProportionZ, waldInterval, wilsonInterval } from '../stats/intervals.ts';
import { meanRateSe } from '../stats/stop-rates.ts';
import { preparedSearchCells, type SearchCell } from '../store/stops/search-query.ts';
import { caveatsFor, type DatasetContext, monthGates } from './dataset-context.ts';
import { fmtLogOdds, fmtP, raceLabel, withheldText } from './describe.ts';
import { anomalousSubgeoGate, discretionaryGate, minSearchesGate } from './gates.ts';
import {
  blockingFailure,
  cleanDiagnostics,
  cleanEffect,
  type Gate,
  type MethodReport,
  type MethodResult,
  SPEC_VERSION,
} from './method-result.ts';
import { reliabilityGate } from './reliability.ts';

const MINORITIES = ['black', 'hispanic'] as const;

export interface OutcomeCells {
  gates: Gate[];
  cells: SearchCell[];
  drops: { step: string; n: number }[];
  rowsIn: number;
}

/** Gates and the searched cells (kept subgeographies) shared by the outcome and threshold tests. */
export async function outcomeCells(
  ctx: DatasetContext,
  method: string,
  races: string[],
): Promise<OutcomeCells> {
  const mg = await monthGates(ctx, ['search_conducted', 'contraband_found', 'subgeography']);
  const rel = await reliabilityGate(ctx, mg.scope, method);
  const disc = discretionaryGate(mg.profile);
  const base = [...ctx.baseGates, ...mg.gates, rel, disc.gate];
  if (blockingFailure(base)) return { gates: base, cells: [], drops: [], rowsIn: 0 };
  const prep = await preparedSearchCells(ctx.deps.duck, mg.scope, {
    subgeo: ctx.subgeo,
    discretionaryOnly: disc.discretionaryOnly,
  });
  const anomalous = anomalousSubgeoGate(prep.cells);
  const rest = prep.cells.filter((c) => !anomalous.excluded.includes(c.subgeo ?? '(all)'));
  const min = minSearchesGate(
    rest.filter((c) => races.includes(c.race)),
    races,
  );
  const kept = rest.filter((c) => !min.excluded.includes(c.subgeo ?? '(all)'));
  const dropped = (ex: string[]) =>
    prep.cells.filter((c) => ex.includes(c.subgeo ?? '(all)')).reduce((s, c) => s + c.stops, 0);
  return {
    gates: [...base, anomalous, min],
    cells: kept,
    drops: [
      ...prep.drops,
      { step: 'anomalous subgeographies', n: dropped(anomalous.excluded) },
      { step: 'subgeographies with too few searches', n: dropped(min.excluded) },
    ],
    rowsIn: prep.cells.reduce((s, c) => s + c.stops, 0) + prep.drops.slice(1).reduce((s, d) => s + d.n, 0),
  };
}

/** hit ~ race + subgeography on the searched cells of White and one minority. */
export function stratifiedHitModel(cells: SearchCell[], group: string) {
  const rows = cells.filter((c) => (c.race === 'white' || c.race === group) && c.searches > 0);
  const design = buildDesign(rows.length, [
    intercept(),
    numeric(
      group,
      rows.map((c) => (c.race === group ? 1 : 0)),
    ),
    factor(
      'subgeo:',
      rows.map((c) => c.subgeo ?? '(all)'),
    ),
  ]);
  const fit = fitLogit({
    design,
    successes: rows.map((c) => c.hits),
    trials: rows.map((c) => c.searches),
    mode: 'binomial',
  });
  return { fit, ...coefficient(fit, group) };
}

function perSubgeo(cells: SearchCell[], group: string) {
  const subgeos = [...new Set(cells.map((c) => c.subgeo ?? '(all)'))].sort();
  return subgeos.map((s) => {
    const get = (r: string) => cells.find((c) => (c.subgeo ?? '(all)') === s && c.race === r);
    const w = get('white');
    const m = get(group);
    const z = w && m ? twoProportionZ(m.hits, m.searches, w.hits, w.searches) : null;
    return {
      subgeography: s,
      white_searches: w?.searches ?? 0,
      white_hit_rate: w?.searches ? w.hits / w.searches : null,
      [`${group}_searches`]: m?.searches ?? 0,
      [`${group}_hit_rate`]: m?.searches ? m.hits / m.searches : null,
      z: z?.z ?? null,
      p: z?.p ?? null,
    };
  });
}

function pooled(cells: SearchCell[], race: string) {
  const mine = cells.filter((c) => c.race === race);
  const hits = mine.reduce((s, c) => s + c.hits, 0);
  const searches = mine.reduce((s, c) => s + c.searches, 0);
  const ci = wilsonInterval(hits, searches);
  return {
    race,
    searches,
    hits,
    hit_rate: searches ? hits / searches : null,
    ci_lo: ci?.[0] ?? null,
    ci_hi: ci?.[1] ?? null,
  };
}

function outcomeTables(cells: SearchCell[], group: string): MethodReport['tables'] {
  const searched = cells.filter((c) => c.race === group && c.searches > 0);
  const oppSe = meanRateSe(searched.map((c) => ({ p: c.hits / c.searches, n: c.searches })));
  return {
    per_subgeography: perSubgeo(cells, group),
    pooled: ['white', group].map((r) => pooled(cells, r)),
    opp_aggregate_se: [{ race: group, se: oppSe }],
  };
}

async function outcomeReport(ctx: DatasetContext, group: 'black' | 'hispanic'): Promise<MethodReport> {
  const oc = await outcomeCells(ctx, 'outcome', ['white', group]);
  const blocked = blockingFailure(oc.gates);
  const model = blocked ? null : stratifiedHitModel(oc.cells, group);
  const reason = blocked
    ? `${blocked.id}: ${blocked.reason}`
    : model && !model.fit.converged
      ? 'the model did not converge'
      : null;
  const est = model?.estimate ?? null;
  const se = model?.se ?? null;
  const ci = est !== null && se !== null ? waldInterval(est, se) : null;
  const effect = {
    name: 'race (hit ~ race + subgeography)',
    scale: 'log_odds',
    estimate: est,
    se,
    ci,
    ciLevel: 0.95,
    ciMethod: 'wald',
    p: model?.p ?? null,
  } as const;
  const result: MethodResult = {
    method: 'outcome',
    specVersion: SPEC_VERSION,
    agency: ctx.agency,
    period: ctx.period,
    contrast: { group, reference: 'white' },
    status: reason ? 'withheld' : 'reported',
    effect: cleanEffect(effect, reason !== null),
    n: {
      rowsIn: oc.rowsIn,
      rowsUsed: oc.cells.reduce((s, c) => s + c.searches, 0),
      byGroup: Object.fromEntries(['white', group].map((r) => [r, pooled(oc.cells, r).searches])),
      drops: oc.drops,
    },
    gates: oc.gates,
    diagnostics: cleanDiagnostics({
      withheld_reason: reason,
      iterations: model?.fit.iterations ?? null,
      subgeographies: new Set(oc.cells.map((c) => c.subgeo)).size,
    }),
    caveats: caveatsFor(ctx, 'outcome'),
    provenance: ctx.provenance,
  };
  const text = reason
    ? withheldText(result)
    : `Adjusted for subgeography, searches of ${raceLabel(group)} drivers found contraband with log-odds ${fmtLogOdds(est, se)} relative to White drivers (p ${fmtP(model?.p ?? null)}); a negative value is consistent with a lower bar for searching ${raceLabel(group)} drivers, within the infra-marginality caveat.`;
  return { result, tables: reason ? {} : outcomeTables(oc.cells, group), text: [text] };
}

export async function outcomeReports(ctx: DatasetContext): Promise<MethodReport[]> {
  const reports: MethodReport[] = [];
  for (const group of MINORITIES) reports.push(await outcomeReport(ctx, group));
  return reports;
}
