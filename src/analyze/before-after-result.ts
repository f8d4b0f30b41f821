/**
 * The MethodResult of a before/after design: the DiD effect (log-odds of the minority share of stops) with
 * cluster-robust or randomization inference, the event-study coefficients and lead test (event design), the
 * comparison set with its rationale and recording time, the race-coding check (share of unknown race before and
 * after signing in the treated units), and the §8 threats as caveats.
 */
import {
  clusterInferenceValid,
  type DidFit,
  leadTest,
  monthLabel,
  type PanelCell,
  type Treatment,
} from '../stats/did.ts';
import { waldInterval } from '../stats/intervals.ts';
import { twoSidedP } from '../stats/normal.ts';
import { placeboInference } from '../stats/randomization.ts';
import type { PanelRow } from '../store/stops/panel-query.ts';
import type { ComparisonSet } from './comparison-set.ts';
import { caveatsFor, type DatasetContext } from './dataset-context.ts';
import { fmtCi, fmtLogOdds, fmtP, raceLabel, withheldText } from './describe.ts';
import {
  blockingFailure,
  cleanDiagnostics,
  cleanEffect,
  type Effect,
  type Gate,
  gate,
  type MethodReport,
  type MethodResult,
  SPEC_VERSION,
} from './method-result.ts';

export interface DesignFit {
  rows: PanelRow[];
  cells: PanelCell[];
  treatments: Treatment[];
  did: DidFit;
  event: DidFit | null;
  window: number;
  seed: number;
}

interface Input {
  design: string;
  column: string;
  minority: string;
  set: ComparisonSet;
  fit: DesignFit | null;
  gates: Gate[];
}

/** Unknown-race share before and after signing in the treated units; flagged when it moves by > 5 points. */
function raceCodingGate(fit: DesignFit): Gate {
  const share = (after: boolean) => {
    const rows = fit.rows.filter((r) =>
      fit.treatments.some(
        (t) =>
          t.unit === r.unit && (after ? monthIndexOf(r.month) >= t.start : monthIndexOf(r.month) < t.start),
      ),
    );
    const stops = rows.reduce((s, r) => s + r.stops, 0);
    return stops > 0 ? rows.reduce((s, r) => s + r.unknown, 0) / stops : null;
  };
  const before = share(false);
  const after = share(true);
  const change = before !== null && after !== null ? after - before : null;
  return gate({
    id: 'race_coding',
    passed: change !== null && Math.abs(change) <= 0.05,
    reason: `share of stops with unknown race in the treated units: ${before?.toFixed(3) ?? 'n/a'} before, ${after?.toFixed(3) ?? 'n/a'} after signing`,
    metric: change,
    threshold: 0.05,
  });
}

const monthIndexOf = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;

function inference(fit: DesignFit, beta: number) {
  const e = fit.did.effects[0];
  if (clusterInferenceValid(fit.did) && e?.seCluster != null)
    return {
      ciMethod: 'wald' as const,
      se: e.seCluster,
      ci: waldInterval(beta, e.seCluster),
      p: twoSidedP(beta / e.seCluster),
      note: `cluster-robust (CR1) by unit, ${fit.did.clusters} clusters`,
      placebos: null,
    };
  const controls = [...new Set(fit.cells.map((c) => c.unit))].filter(
    (u) => !fit.treatments.some((t) => t.unit === u),
  );
  const ri = placeboInference(fit.cells, fit.treatments, controls, beta, {
    window: fit.window,
    event: null,
    draws: 200,
    seed: fit.seed,
  });
  return {
    ciMethod: 'randomization' as const,
    se: null,
    ci: ri.ci,
    p: ri.p,
    note: `randomization inference over ${ri.assignments} placebo assignments (cluster-robust errors need 30+ units with 10+ treated; the p-value cannot be below ${(1 / (1 + ri.assignments)).toFixed(3)})`,
    placebos: ri,
  };
}

function eventTable(ev: DidFit | null) {
  if (!ev) return [];
  const cov = clusterInferenceValid(ev) ? 'cluster' : 'model';
  return ev.effects.map((e) => {
    const se = cov === 'cluster' ? e.seCluster : e.seModel;
    const ci = e.beta !== null && se !== null ? waldInterval(e.beta, se) : null;
    return {
      k: Number(e.name.slice(1)),
      beta: e.beta,
      se,
      ci_lo: ci?.[0] ?? null,
      ci_hi: ci?.[1] ?? null,
      se_kind: cov,
    };
  });
}

/** The design's own gates: a usable comparison set, race coding around signing, parallel trends (event study). */
function designGates(x: Input): { gates: Gate[]; leadP: number | null } {
  const ok = x.set.treated.length > 0 && x.set.controls.length > 0;
  const gates: Gate[] = [
    gate({
      id: 'comparison_set',
      passed: ok,
      blocking: !ok,
      reason: `${x.set.treated.length} treated and ${x.set.controls.length} comparison units (${x.set.reused ? 'recorded' : 'chosen and recorded'} ${x.set.chosenAt})`,
    }),
  ];
  if (x.fit) gates.push(raceCodingGate(x.fit));
  const ev = x.fit?.event;
  const lead = ev ? leadTest(ev, clusterInferenceValid(ev) ? 'cluster' : 'model') : null;
  if (lead)
    gates.push(
      gate({
        id: 'parallel_trends',
        passed: lead.p >= 0.05,
        reason: `joint Wald test of the leads: χ² ${lead.statistic.toFixed(2)} on ${lead.df} df, p ${fmtP(lead.p)}`,
        metric: lead.p,
        threshold: 0.05,
      }),
    );
  return { gates, leadP: lead?.p ?? null };
}

function withheldReason(gates: Gate[], fit: DesignFit | null, beta: number | null): string | null {
  const blocked = blockingFailure(gates);
  if (blocked) return `${blocked.id}: ${blocked.reason}`;
  if (fit && !fit.did.fit.converged) return 'the model did not converge';
  return beta === null ? 'the effect is not estimable (aliased)' : null;
}

function tablesOf(
  x: Input,
  reason: string | null,
  inf: ReturnType<typeof inference> | null,
): MethodReport['tables'] {
  const tables: MethodReport['tables'] = {
    treated: x.set.treated.map((t) => ({
      ...t,
      first_treated_month: monthLabel(monthIndexOf(t.signed.slice(0, 7))),
    })),
    comparison: x.set.controls.map((unit) => ({ unit })),
  };
  if (!reason && x.fit?.event) tables.event_study = eventTable(x.fit.event);
  if (!reason && inf?.placebos) tables.placebos = inf.placebos.placebos.map((b) => ({ beta: b }));
  return tables;
}

export function buildBeforeAfterReport(ctx: DatasetContext, x: Input): MethodReport {
  const fit = x.fit;
  const own = designGates(x);
  const gates = [...x.gates, ...own.gates];
  const beta = fit?.did.effects[0]?.beta ?? null;
  const reason = withheldReason(gates, fit, beta);
  const inf = !reason && fit && beta !== null ? inference(fit, beta) : null;
  const effect: Effect = {
    name: 'treated_after (log-odds of the minority share of stops)',
    scale: 'log_odds',
    estimate: beta,
    se: inf?.se ?? null,
    ci: inf?.ci ?? null,
    ciLevel: 0.95,
    ciMethod: inf?.ciMethod ?? 'randomization',
    p: inf?.p ?? null,
  };
  const result: MethodResult = {
    method: `before_after_${x.design}`,
    specVersion: SPEC_VERSION,
    agency: ctx.agency,
    period: ctx.period,
    contrast: { group: x.minority as 'hispanic' | 'black', reference: 'white' },
    status: reason ? 'withheld' : 'reported',
    effect: cleanEffect(effect, reason !== null),
    n: {
      rowsIn: fit?.rows.reduce((s, r) => s + r.stops, 0) ?? 0,
      rowsUsed: fit?.did.rows ?? 0,
      byGroup: {
        treated_units: x.set.treated.length,
        comparison_units: x.set.controls.length,
        unit_months: fit?.did.rows ?? 0,
        treated_unit_months_after: fit?.did.treatedUnitMonths ?? 0,
      },
      drops: [],
    },
    gates,
    diagnostics: cleanDiagnostics({
      withheld_reason: reason,
      inference: inf?.note ?? null,
      unit_column: x.column,
      window_months: fit?.window ?? null,
      comparison_recorded_at: x.set.chosenAt,
      comparison_reused: x.set.reused,
      rationale: x.set.rationale,
      lead_test_p: own.leadP,
      iterations: fit?.did.fit.iterations ?? null,
      outcome: `share of ${x.minority} among stops with race known, per unit-month (reference: all other races)`,
    }),
    caveats: caveatsFor(ctx, 'before_after').filter(
      (c) => c.id !== 'few_clusters' || inf?.ciMethod === 'randomization',
    ),
    provenance: ctx.provenance,
  };
  const text = reason
    ? [withheldText(result)]
    : [
        `After signing, the ${raceLabel(x.minority)} share of stops in the treated units changed by ${fmtLogOdds(beta, inf?.se ?? null)} in log-odds relative to the comparison units (95% CI ${fmtCi(inf?.ci ?? null, (v) => v.toFixed(3))}, p ${fmtP(inf?.p ?? null)}; ${inf?.note}). A falling share need not mean less profiling (see the caveats).`,
      ];
  return { result, tables: tablesOf(x, reason, inf), text };
}
