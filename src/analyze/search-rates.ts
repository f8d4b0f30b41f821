/**
 * The search rate (§4): searches / stops with search_conducted known, by race, with Wilson intervals, the ratio
 * to White with its log-scale delta-method interval, per subgeography, and the discretionary-only variant when
 * search_basis is recorded. Withheld (no numbers) when search recording is on the reviewed unreliable list.
 */
import { proportionVariance, ratioDeltaLog, wilsonInterval } from '../stats/intervals.ts';
import type { StopScope } from '../store/stops/scope.ts';
import { type SearchCell, searchCounts } from '../store/stops/search-query.ts';
import { caveatsFor, type DatasetContext, monthGates } from './dataset-context.ts';
import { fmtCi, fmtRate, fmtRatio, raceLabel, withheldText } from './describe.ts';
import { discretionaryGate } from './gates.ts';
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

function byRace(cells: SearchCell[]) {
  const races = [...new Set(cells.map((c) => c.race))].sort();
  return races.map((race) => {
    const mine = cells.filter((c) => c.race === race);
    const stops = mine.reduce((s, c) => s + c.stops, 0);
    const searches = mine.reduce((s, c) => s + c.searches, 0);
    const ci = wilsonInterval(searches, stops);
    return {
      race,
      stops,
      searches,
      search_rate: stops > 0 ? searches / stops : null,
      ci_lo: ci?.[0] ?? null,
      ci_hi: ci?.[1] ?? null,
    };
  });
}

function ratio(rows: ReturnType<typeof byRace>, group: string) {
  const g = rows.find((r) => r.race === group);
  const w = rows.find((r) => r.race === 'white');
  if (!g || !w || g.stops === 0 || w.stops === 0) return ratioDeltaLog(null, null, null, null);
  return ratioDeltaLog(
    g.search_rate,
    proportionVariance(g.searches, g.stops),
    w.search_rate,
    proportionVariance(w.searches, w.stops),
  );
}

async function searchTables(
  ctx: DatasetContext,
  scope: StopScope,
  rows: ReturnType<typeof byRace>,
  discretionaryOnly: boolean,
) {
  const tables: MethodReport['tables'] = { by_race: rows };
  const db = ctx.deps.duck;
  if (ctx.subgeo)
    tables.by_subgeography = await searchCounts(db, scope, { subgeo: ctx.subgeo, discretionaryOnly: false });
  if (discretionaryOnly)
    tables.discretionary_only = byRace(
      await searchCounts(db, scope, { subgeo: null, discretionaryOnly: true }),
    );
  return tables;
}

function searchRateResult(
  ctx: DatasetContext,
  rows: ReturnType<typeof byRace>,
  gates: Gate[],
  reason: string | null,
  group: 'black' | 'hispanic',
): MethodResult {
  const r = ratio(rows, group);
  const stops = rows.reduce((s, x) => s + x.stops, 0);
  return {
    method: 'search_rate',
    specVersion: SPEC_VERSION,
    agency: ctx.agency,
    period: ctx.period,
    contrast: { group, reference: 'white' },
    status: reason ? 'withheld' : 'reported',
    effect: cleanEffect(
      {
        name: 'search_rate_ratio',
        scale: 'ratio',
        estimate: r.ratio,
        se: r.seLog,
        ci: r.ci,
        ciLevel: 0.95,
        ciMethod: 'delta_log',
        p: null,
      },
      reason !== null,
    ),
    n: {
      rowsIn: stops,
      rowsUsed: stops,
      byGroup: Object.fromEntries(rows.map((x) => [x.race, x.stops])),
      drops: [],
    },
    gates,
    diagnostics: cleanDiagnostics({
      withheld_reason: reason,
      se_is_log_ratio: true,
      search_rate: rows.find((x) => x.race === group)?.search_rate ?? null,
    }),
    caveats: caveatsFor(ctx, 'search'),
    provenance: ctx.provenance,
  };
}

export async function searchRateReports(ctx: DatasetContext): Promise<MethodReport[]> {
  const mg = await monthGates(ctx, ['search_conducted']);
  const rel = await reliabilityGate(ctx, mg.scope, 'search');
  const disc = discretionaryGate(mg.profile);
  const gates = [...ctx.baseGates, ...mg.gates, rel, disc.gate];
  const blocked = blockingFailure(gates);
  const reason = blocked ? `${blocked.id}: ${blocked.reason}` : null;
  const cells = reason
    ? []
    : await searchCounts(ctx.deps.duck, mg.scope, { subgeo: null, discretionaryOnly: false });
  const rows = byRace(cells);
  const tables = reason ? {} : await searchTables(ctx, mg.scope, rows, disc.discretionaryOnly);
  return MINORITIES.map((group) => {
    const result = searchRateResult(ctx, rows, gates, reason, group);
    const r = ratio(rows, group);
    const rate = rows.find((x) => x.race === group)?.search_rate ?? null;
    const text = reason
      ? withheldText(result)
      : `${raceLabel(group)} drivers were searched in ${fmtRate(rate)} of their stops, ${fmtRatio(r.ratio)} times the White rate (95% CI ${fmtCi(r.ci, (x) => x.toFixed(2))}).`;
    return { result, tables, text: [text] };
  });
}
