/**
 * The result every method returns (§9), its gates, and the helpers that keep it honest: numbers are finite or
 * null (never NaN or Infinity), a withheld result carries no estimate but its reason, and caveats come from the
 * reviewed catalogue (src/reference/stop-caveats.csv) by method.
 */
import type { Race } from '../sources/opp-stops/schema.ts';

export const SPEC_VERSION = 'profiling-methods/2026-12 (issue 17)';

export interface Gate {
  id: string;
  passed: boolean;
  blocking: boolean;
  reason: string;
  metric: number | null;
  threshold: number | null;
  excluded: string[];
}

export interface AgencyRef {
  name: string;
  state: string | null;
  fips: string | null;
  ori: string | null;
}

export type Scale = 'log_odds' | 'odds_ratio' | 'ratio' | 'rate' | 'probability' | 'difference';
export type CiMethod = 'wald' | 'wilson' | 'delta_log' | 'credible' | 'cluster_bootstrap' | 'randomization';

export interface Effect {
  name: string;
  scale: Scale;
  estimate: number | null;
  se: number | null;
  ci: [number, number] | null;
  ciLevel: 0.95;
  ciMethod: CiMethod;
  p: number | null;
  approximate?: boolean;
}

export interface MethodResult {
  method: string;
  specVersion: string;
  agency: AgencyRef;
  period: { from: string; to: string };
  contrast: { group: Race; reference: 'white' };
  status: 'reported' | 'withheld';
  effect: Effect;
  n: {
    rowsIn: number;
    rowsUsed: number;
    byGroup: Record<string, number>;
    drops: { step: string; n: number }[];
  };
  gates: Gate[];
  diagnostics: Record<string, number | string | boolean>;
  caveats: { id: string; text: string }[];
  provenance: { source: string; licence: string; retrieved: string; sha256: string };
}

/** A method's result with the tables shown beside it (per race, per subgeography, robustness) and its words. */
export interface MethodReport {
  result: MethodResult;
  tables: Record<string, object[]>;
  text: string[];
  /** Inputs besides the stop file (e.g. the ACS table), with their checksums. */
  inputs?: { role: string; file: string; sha256: string }[];
}

/** A finite number, else null. */
export const finite = (x: number | null | undefined): number | null =>
  x === null || x === undefined || !Number.isFinite(x) ? null : x;

export function gate(g: Partial<Gate> & Pick<Gate, 'id' | 'passed' | 'reason'>): Gate {
  return {
    blocking: false,
    excluded: [],
    ...g,
    metric: finite(g.metric ?? null),
    threshold: finite(g.threshold ?? null),
  };
}

/** The first blocking gate that failed, if any. */
export const blockingFailure = (gates: Gate[]) => gates.find((g) => g.blocking && !g.passed) ?? null;

/** The effect with every number made finite-or-null, or emptied when the result is withheld. */
export function cleanEffect(e: Effect, withheld: boolean): Effect {
  if (withheld) return { ...e, estimate: null, se: null, ci: null, p: null };
  const ci = e.ci?.every(Number.isFinite) ? e.ci : null;
  return { ...e, estimate: finite(e.estimate), se: finite(e.se), ci, p: finite(e.p) };
}

export function cleanDiagnostics(d: Record<string, number | string | boolean | null>) {
  const out: Record<string, number | string | boolean> = {};
  for (const [k, v] of Object.entries(d))
    if (v !== null && !(typeof v === 'number' && !Number.isFinite(v))) out[k] = v;
  return out;
}
