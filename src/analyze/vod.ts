/**
 * `reassess stops vod`: the veil-of-darkness test (§6) for Black and for Hispanic drivers against White. The
 * rows are filtered and aggregated in DuckDB (src/store/stops/vod-query.ts); the models are fitted on the cells
 * (src/stats/vod-model.ts): per stop by default, exactly R's glm on one row per stop; on rows aggregated by
 * rounded minute with --round-minutes N (and always with --dst), as OPP does. M0, the robustness table (df 1–6,
 * subgeography fixed effects, full years) and the counts travel with each result.
 */
import { UsageError } from '../domain/errors.ts';
import { waldInterval } from '../stats/intervals.ts';
import { fitVod, type VodFit, vodM0 } from '../stats/vod-model.ts';
import { type VodQuery, type VodSummary, yearCoverage } from '../store/stops/vod-query.ts';
import {
  caveatsFor,
  type DatasetContext,
  type MonthGates,
  monthGates,
  openDataset,
  type WindowOptions,
} from './dataset-context.ts';
import type { AnalyzeDeps } from './deps.ts';
import { vodSentence } from './describe.ts';
import { fullYearsGate } from './gates.ts';
import {
  blockingFailure,
  cleanDiagnostics,
  cleanEffect,
  type Gate,
  type MethodReport,
  type MethodResult,
  SPEC_VERSION,
} from './method-result.ts';
import { ensureSunTimes } from './sun.ts';
import { shareByMinute } from './vod-by-minute.ts';
import { robustnessTable } from './vod-robustness.ts';
import { type VodRun, vodRows } from './vod-rows.ts';

export type Minority = 'black' | 'hispanic';

export interface VodOptions extends WindowOptions {
  adjust?: string;
  roundMinutes?: number;
  df?: number;
  dst?: boolean;
  minorities?: Minority[];
}

function checkOptions(ctx: DatasetContext, o: VodOptions): void {
  if (o.adjust && !ctx.columns.has(o.adjust))
    throw new UsageError(`--adjust: dataset "${ctx.dataset.datasetId}" has no column "${o.adjust}"`);
  if (o.df !== undefined && !(Number.isInteger(o.df) && o.df >= 1 && o.df <= 12))
    throw new UsageError('--df must be an integer 1–12');
  if (
    o.roundMinutes !== undefined &&
    !(Number.isInteger(o.roundMinutes) && o.roundMinutes >= 1 && o.roundMinutes <= 60)
  )
    throw new UsageError('--round-minutes must be an integer 1–60');
  if (o.dst && (ctx.dataset.state === 'AZ' || ctx.dataset.state === 'HI'))
    throw new UsageError('--dst: Arizona and Hawaii do not observe daylight saving time');
  if (!ctx.columns.has('time')) throw new UsageError(`dataset "${ctx.dataset.datasetId}" has no time column`);
}

export async function runVod(deps: AnalyzeDeps, id: string, o: VodOptions = {}): Promise<MethodReport[]> {
  const ctx = await openDataset(deps, id, o);
  checkOptions(ctx, o);
  const mg = await monthGates(ctx, ['time']);
  const sun = await ensureSunTimes(ctx, mg.scope);
  const reports: MethodReport[] = [];
  for (const m of o.minorities ?? ['black', 'hispanic'])
    reports.push(await vodFor(ctx, mg, sun.geography, m, o));
  return reports;
}

async function vodFor(
  ctx: DatasetContext,
  mg: MonthGates,
  geography: string,
  minority: Minority,
  o: VodOptions,
) {
  const roundMinutes = o.dst ? (o.roundMinutes ?? 5) : (o.roundMinutes ?? null);
  const query: VodQuery = {
    scope: mg.scope,
    geography,
    minority,
    adjust: o.adjust ?? null,
    roundMinutes,
    dst: !!o.dst,
    excludedYears: [],
  };
  const run = await vodRows(ctx, query);
  const mode = roundMinutes ? ('binomial' as const) : ('bernoulli' as const);
  const spec = { df: o.df ?? 6, mode, adjust: !!o.adjust, period: !!o.dst };
  let primary: VodFit | null = null;
  let error: string | null = null;
  try {
    primary = fitVod(run.cells, spec);
  } catch (e) {
    error = (e as Error).message;
  }
  const full = fullYearsGate(await yearCoverage(ctx.deps.duck, mg.scope));
  const robustness = await robustnessTable(ctx, run, spec, full);
  const gates = [...ctx.baseGates, ...mg.gates, run.yearsGate, full];
  return buildReport(ctx, run, { primary, error, gates, robustness, options: { ...o, roundMinutes } });
}

interface Built {
  primary: VodFit | null;
  error: string | null;
  gates: Gate[];
  robustness: Awaited<ReturnType<typeof robustnessTable>>;
  options: Omit<VodOptions, 'roundMinutes'> & { roundMinutes: number | null };
}

function lightDark(s: VodSummary, minority: string) {
  const get = (dark: number, race: string) =>
    s.counts.find((c) => c.isDark === dark && c.race === race)?.stops ?? 0;
  return {
    light: { minority: get(0, minority), white: get(0, 'white') },
    dark: { minority: get(1, minority), white: get(1, 'white') },
  };
}

function drops(run: VodRun): { step: string; n: number }[] {
  const s = run.summary;
  const inWindowBase = s.pairStopsWithTime - s.withoutSunTime - s.outsideDst;
  const out = [
    { step: 'years excluded by min_stops_vod', n: run.rowsIn - s.pairStopsWithTime },
    { step: 'no valid sunset/dusk on the date', n: s.withoutSunTime },
    { step: 'outside ±30 days of a DST change', n: s.outsideDst },
    { step: 'outside the inter-twilight window', n: inWindowBase - s.inWindow },
    { step: 'between sunset and dusk (inclusive)', n: s.inWindow - s.afterTwilightRemoval },
    { step: 'missing the adjustment column', n: s.missingAdjust },
  ];
  return out.filter((d) => d.n > 0 || d.step.startsWith('outside the') || d.step.startsWith('between'));
}

const share = (x: { minority: number; white: number }) => x.minority / (x.minority + x.white);

function withheldReason(b: Built): string | null {
  const blocked = blockingFailure(b.gates);
  if (blocked) return `${blocked.id}: ${blocked.reason}`;
  if (b.error) return b.error;
  return b.primary && !b.primary.fit.converged ? 'the model did not converge' : null;
}

/** The numbers behind the result (§6.8): window, knots, fit, odds ratio, M0, light/dark shares. */
function vodDiagnostics(run: VodRun, b: Built, reason: string | null) {
  const fit = b.primary;
  const withheld = reason !== null;
  const ld = lightDark(run.summary, run.query.minority);
  const m0 = vodM0(ld.light, ld.dark);
  const beta = fit?.beta ?? null;
  const ci = beta !== null && fit?.se != null ? waldInterval(beta, fit.se) : null;
  return cleanDiagnostics({
    withheld_reason: reason,
    model: run.query.roundMinutes ? `aggregated (minutes rounded to ${run.query.roundMinutes})` : 'per stop',
    df: b.options.df ?? 6,
    window_lo: run.summary.window?.[0] ?? null,
    window_hi: run.summary.window?.[1] ?? null,
    knots: fit ? fit.knots.interior.join(',') : null,
    boundary_knots: fit ? fit.knots.boundary.join(',') : null,
    iterations: fit?.fit.iterations ?? null,
    converged: fit?.fit.converged ?? null,
    deviance: fit?.fit.deviance ?? null,
    null_deviance: fit?.fit.nullDeviance ?? null,
    separation: fit?.fit.separation ?? null,
    z: withheld ? null : (fit?.z ?? null),
    odds_ratio: withheld || beta === null ? null : Math.exp(beta),
    odds_ratio_ci_lo: withheld || !ci ? null : Math.exp(ci[0]),
    odds_ratio_ci_hi: withheld || !ci ? null : Math.exp(ci[1]),
    m0_beta: withheld ? null : m0.beta,
    m0_se: withheld ? null : m0.se,
    share_light: share(ld.light),
    share_dark: share(ld.dark),
    adjust: b.options.adjust ?? null,
    dst: !!b.options.dst,
  });
}

function vodCaveats(ctx: DatasetContext, b: Built) {
  const signs = new Set(
    b.robustness.filter((r) => typeof r.beta === 'number').map((r) => Math.sign(r.beta as number)),
  );
  return caveatsFor(ctx, 'vod').filter(
    (c) => (c.id !== 'sign_changes' || signs.size > 1) && (c.id !== 'dst_variant' || !!b.options.dst),
  );
}

function buildReport(ctx: DatasetContext, run: VodRun, b: Built): MethodReport {
  const minority = run.query.minority;
  const ld = lightDark(run.summary, minority);
  const fit = b.primary;
  const reason = withheldReason(b);
  const beta = fit?.beta ?? null;
  const se = fit?.se ?? null;
  const ci = beta !== null && se !== null ? waldInterval(beta, se) : null;
  const effect = {
    name: 'is_dark',
    scale: 'log_odds',
    estimate: beta,
    se,
    ci,
    ciLevel: 0.95,
    ciMethod: 'wald',
    p: fit?.p ?? null,
  } as const;
  const result: MethodResult = {
    method: 'vod',
    specVersion: SPEC_VERSION,
    agency: ctx.agency,
    period: ctx.period,
    contrast: { group: minority, reference: 'white' },
    status: reason ? 'withheld' : 'reported',
    effect: cleanEffect(effect, reason !== null),
    n: {
      rowsIn: run.rowsIn,
      rowsUsed: run.summary.afterTwilightRemoval - run.summary.missingAdjust,
      byGroup: { white: ld.light.white + ld.dark.white, [minority]: ld.light.minority + ld.dark.minority },
      drops: drops(run),
    },
    gates: b.gates,
    diagnostics: vodDiagnostics(run, b, reason),
    caveats: vodCaveats(ctx, b),
    provenance: ctx.provenance,
  };
  const counts = (['light', 'dark'] as const).map((k) => ({
    light_dark: k,
    white: ld[k].white,
    [minority]: ld[k].minority,
    minority_share: share(ld[k]),
  }));
  return {
    result,
    tables: { counts, by_minute: shareByMinute(run.cells), robustness: b.robustness },
    text: [vodSentence(result)],
  };
}
