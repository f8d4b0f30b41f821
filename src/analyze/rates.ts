/**
 * `reassess stops rates`: the stop-rate benchmark (§3, a screen), the search rate (§4) and the outcome test
 * (§5), each for Black and Hispanic drivers against White. Counts come from DuckDB; rates, intervals and the
 * `hit ~ race + subgeography` fit are computed here and in src/stats/.
 */
import { type StopRateRow, stopRates } from '../stats/stop-rates.ts';
import { stopsByMonthRace } from '../store/stops/rates-query.ts';
import {
  caveatsFor,
  type DatasetContext,
  monthGates,
  openDataset,
  type WindowOptions,
} from './dataset-context.ts';
import type { AnalyzeDeps } from './deps.ts';
import { fmtCi, fmtRate, fmtRatio, raceLabel, withheldText } from './describe.ts';
import { benchmarkPopulationGate, partialMonths } from './gates.ts';
import {
  blockingFailure,
  cleanDiagnostics,
  cleanEffect,
  type Gate,
  type MethodReport,
  type MethodResult,
  SPEC_VERSION,
} from './method-result.ts';
import { outcomeReports } from './outcome.ts';
import { benchmarkPopulation, type Population } from './population.ts';
import { searchRateReports } from './search-rates.ts';

export interface RatesOptions extends WindowOptions {
  population?: Record<string, number>;
}

export const MINORITIES = ['black', 'hispanic'] as const;

export async function runRates(deps: AnalyzeDeps, id: string, o: RatesOptions = {}): Promise<MethodReport[]> {
  const ctx = await openDataset(deps, id, o);
  return [
    ...(await stopRateReports(ctx, o)),
    ...(await searchRateReports(ctx)),
    ...(await outcomeReports(ctx)),
  ];
}

interface StopRateInputs {
  rows: StopRateRow[];
  opp: StopRateRow[];
  counts: { month: string; race: string; stops: number }[];
  months: string[];
  partial: string[];
  gates: Gate[];
  pop: Population | null;
}

async function stopRateInputs(ctx: DatasetContext, o: RatesOptions): Promise<StopRateInputs> {
  const mg = await monthGates(ctx, []);
  const pop = await benchmarkPopulation(ctx, o.population);
  const kind = ctx.dataset.location.includes('statewide') ? 'state' : 'city';
  const popGate = benchmarkPopulationGate(pop ? { source: pop.source, total: pop.total } : null, kind);
  const partial = partialMonths(ctx.period);
  const months = mg.profile
    .map((m) => m.month)
    .filter((m) => !mg.scope.excludedMonths.includes(m) && !partial.includes(m));
  const counts = await stopsByMonthRace(ctx.deps.duck, mg.scope);
  const races = ['white', 'black', 'hispanic', 'asian/pacific islander', 'other'];
  const population = pop?.byRace ?? {};
  return {
    rows: stopRates({ counts, months, population, races }),
    opp: stopRates({ counts, months, population, races, oppCompatible: true }),
    counts,
    months,
    partial,
    gates: [...ctx.baseGates, ...mg.gates, popGate],
    pop,
  };
}

function stopRateReport(ctx: DatasetContext, s: StopRateInputs, group: 'black' | 'hispanic'): MethodReport {
  const r = s.rows.find((x) => x.race === group);
  const w = s.rows.find((x) => x.race === 'white');
  const blocked = blockingFailure(s.gates);
  const reason = blocked ? `${blocked.id}: ${blocked.reason}` : null;
  const ci: [number, number] | null = r?.ci_lo != null && r.ci_hi != null ? [r.ci_lo, r.ci_hi] : null;
  const monthStops = (m: string) => s.counts.filter((c) => c.month === m).reduce((a, c) => a + c.stops, 0);
  const result: MethodResult = {
    method: 'stop_rate',
    specVersion: SPEC_VERSION,
    agency: ctx.agency,
    period: ctx.period,
    contrast: { group, reference: 'white' },
    status: reason ? 'withheld' : 'reported',
    effect: cleanEffect(
      {
        name: 'stop_rate_ratio',
        scale: 'ratio',
        estimate: r?.ratio_vs_white ?? null,
        se: r?.se_log_ratio ?? null,
        ci,
        ciLevel: 0.95,
        ciMethod: 'delta_log',
        p: null,
      },
      reason !== null,
    ),
    n: {
      rowsIn: s.counts.reduce((a, c) => a + c.stops, 0),
      rowsUsed: s.rows.reduce((a, x) => a + x.n_stops, 0),
      byGroup: Object.fromEntries(s.rows.map((x) => [x.race, x.n_stops])),
      drops: s.partial.map((m) => ({
        step: `partial edge month ${m} left out of the monthly mean`,
        n: monthStops(m),
      })),
    },
    gates: s.gates,
    diagnostics: cleanDiagnostics({
      withheld_reason: reason,
      months: s.months.length,
      population_source: s.pop?.source ?? null,
      stop_rate: r?.stop_rate ?? null,
      stop_rate_white: w?.stop_rate ?? null,
      se_is_log_ratio: true,
      flag: r?.flag ?? null,
    }),
    caveats: caveatsFor(ctx, 'rates'),
    provenance: ctx.provenance,
  };
  const text = reason
    ? withheldText(result)
    : `${raceLabel(group)} residents were stopped at ${fmtRate(r?.stop_rate ?? null)} stops per resident per year, White residents at ${fmtRate(w?.stop_rate ?? null)}: a ratio of ${fmtRatio(r?.ratio_vs_white ?? null)} (95% CI ${fmtCi(ci, (x) => x.toFixed(2))}). A screen, not evidence of discrimination.`;
  return {
    result,
    tables: { by_race: s.rows, opp_compatible: s.opp },
    text: [text],
    inputs: s.pop?.input ? [s.pop.input] : [],
  };
}

async function stopRateReports(ctx: DatasetContext, o: RatesOptions): Promise<MethodReport[]> {
  const s = await stopRateInputs(ctx, o);
  return MINORITIES.map((group) => stopRateReport(ctx, s, group));
}
