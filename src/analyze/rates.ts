/**
 * `reassess stops rates`: the stop-rate benchmark (§3, a screen), the search rate (§4) and the outcome test
 * (§5), each for Black and Hispanic drivers against White. Counts come from DuckDB; rates, intervals and the
 * `hit ~ race + subgeography` fit are computed here and in src/stats/.
 */
import { stopRates } from '../stats/stop-rates.ts';
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
  type MethodReport,
  SPEC_VERSION,
} from './method-result.ts';
import { outcomeReports } from './outcome.ts';
import { benchmarkPopulation } from './population.ts';
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

async function stopRateReports(ctx: DatasetContext, o: RatesOptions): Promise<MethodReport[]> {
  const mg = await monthGates(ctx, []);
  const pop = await benchmarkPopulation(ctx, o.population);
  const popGate = benchmarkPopulationGate(
    pop ? { source: pop.source, total: pop.total } : null,
    ctx.dataset.location.includes('statewide') ? 'state' : 'city',
  );
  const partial = partialMonths(ctx.period);
  const months = mg.profile
    .map((m) => m.month)
    .filter((m) => !mg.scope.excludedMonths.includes(m) && !partial.includes(m));
  const counts = await stopsByMonthRace(ctx.deps.duck, mg.scope);
  const races = ['white', 'black', 'hispanic', 'asian/pacific islander', 'other'];
  const rows = stopRates({ counts, months, population: pop?.byRace ?? {}, races });
  const opp = stopRates({ counts, months, population: pop?.byRace ?? {}, races, oppCompatible: true });
  const gates = [...ctx.baseGates, ...mg.gates, popGate];
  const blocked = blockingFailure(gates);
  return MINORITIES.map((group) => {
    const r = rows.find((x) => x.race === group);
    const w = rows.find((x) => x.race === 'white');
    const reason = blocked ? `${blocked.id}: ${blocked.reason}` : null;
    const result = {
      method: 'stop_rate',
      specVersion: SPEC_VERSION,
      agency: ctx.agency,
      period: ctx.period,
      contrast: { group, reference: 'white' as const },
      status: reason ? ('withheld' as const) : ('reported' as const),
      effect: cleanEffect(
        {
          name: 'stop_rate_ratio',
          scale: 'ratio',
          estimate: r?.ratio_vs_white ?? null,
          se: r?.se_log_ratio ?? null,
          ci: r?.ci_lo != null && r.ci_hi != null ? [r.ci_lo, r.ci_hi] : null,
          ciLevel: 0.95,
          ciMethod: 'delta_log',
          p: null,
        },
        reason !== null,
      ),
      n: {
        rowsIn: counts.reduce((s, c) => s + c.stops, 0),
        rowsUsed: rows.reduce((s, x) => s + x.n_stops, 0),
        byGroup: Object.fromEntries(rows.map((x) => [x.race, x.n_stops])),
        drops: partial.map((m) => ({
          step: `partial edge month ${m} left out of the monthly mean`,
          n: counts.filter((c) => c.month === m).reduce((s, c) => s + c.stops, 0),
        })),
      },
      gates,
      diagnostics: cleanDiagnostics({
        withheld_reason: reason,
        months: months.length,
        population_source: pop?.source ?? null,
        stop_rate: r?.stop_rate ?? null,
        stop_rate_white: w?.stop_rate ?? null,
        se_is_log_ratio: true,
        flag: r?.flag ?? null,
      }),
      caveats: caveatsFor(ctx, 'rates'),
      provenance: ctx.provenance,
    };
    const text = reason
      ? [withheldText(result)]
      : [
          `${raceLabel(group)} residents were stopped at ${fmtRate(r?.stop_rate ?? null)} stops per resident per year, White residents at ${fmtRate(w?.stop_rate ?? null)}: a ratio of ${fmtRatio(r?.ratio_vs_white ?? null)} (95% CI ${fmtCi(r?.ci_lo != null && r.ci_hi != null ? [r.ci_lo, r.ci_hi] : null, (x) => x.toFixed(2))}). A screen, not evidence of discrimination.`,
        ];
    const report: MethodReport = {
      result,
      tables: { by_race: rows, opp_compatible: opp },
      text,
      inputs: pop?.input ? [pop.input] : [],
    };
    return report;
  });
}
