/**
 * The review queue's logic: which stored identity decisions still need a person, given the reviewed alias
 * verdicts (identify/aliases.ts). A decision flagged for review leaves the queue when a verdict confirms it. Rows
 * in, answers out: the rows come from the store (store/identity.ts).
 */
import type { AliasEntry } from '../domain/identity.ts';
import { confirmingVerdict } from './aliases.ts';
import { counterpart } from './resolver.ts';

/** A stored decision's key, agency and flag. */
export interface DecisionKey {
  state: string;
  name_key: string;
  agency_id: string;
  needs_review: boolean;
}

/** A stored decision as shown with its agency (store/identity.ts, DECISION_COLUMNS). */
export interface DecisionRow {
  state: string;
  name: string;
  name_key: string;
  method: string;
  confidence: number;
  needs_review: boolean;
  explanation: string;
  decided_on: string;
}

/** A stored decision flagged for review, whole. */
export interface QueueRow extends DecisionRow {
  agency_id: string;
  candidate_id: string | null;
}

/** A decision as shown with its agency: still to review unless a reviewed verdict confirms it (`reviewed`). */
export function decisionView(d: DecisionRow, reviewed: ReadonlyMap<string, string>) {
  const verdict = reviewed.get(`${d.state}|${d.name_key}`) ?? null;
  return {
    state: d.state,
    name: d.name,
    method: d.method,
    confidence: d.confidence,
    needsReview: d.needs_review && verdict === null,
    explanation: d.explanation,
    decidedOn: d.decided_on,
    reviewed: verdict,
  };
}

/**
 * The matching keys the reviewed verdicts pair with the flagged decisions: their decisions are read too (a few
 * dozen rows, not every decision).
 */
export function counterpartKeys(flagged: readonly DecisionKey[], aliases: readonly AliasEntry[]): string[] {
  const others = new Set<string>();
  for (const d of flagged)
    for (const al of aliases) {
      const other = counterpart(al, d.state, d.name_key);
      if (other) others.add(other.key);
    }
  return [...others];
}

/**
 * Decisions flagged for review that a reviewed verdict confirms (`state|key` → the verdict and its evidence):
 * they are reviewed, and leave the queue. `paired`: the decisions of the counterpart keys; `merged`: agency →
 * the agency it was merged into.
 */
export function reviewedVerdicts(
  flagged: readonly DecisionKey[],
  paired: readonly DecisionKey[],
  merged: ReadonlyMap<string, string | null>,
  aliases: readonly AliasEntry[],
): Map<string, string> {
  const out = new Map<string, string>();
  const canonical = (id: string) => {
    let cur = id;
    for (let i = 0; i < 10; i++) {
      const next = merged.get(cur);
      if (!next) break;
      cur = next;
    }
    return cur;
  };
  const agencyOf = new Map(
    [...flagged, ...paired].map((d) => [`${d.state}|${d.name_key}`, canonical(d.agency_id)]),
  );
  for (const d of flagged) {
    const v = confirmingVerdict(
      { state: d.state, key: d.name_key, agencyId: canonical(d.agency_id) },
      aliases,
      (k) => agencyOf.get(k),
    );
    if (v) out.set(`${d.state}|${d.name_key}`, `${v.verdict}: ${v.evidence}`);
  }
  return out;
}

/** The decisions flagged for review and not confirmed by a reviewed verdict, as the queue shows them. */
export function pendingReview(rows: readonly QueueRow[], reviewed: ReadonlyMap<string, string>) {
  return rows
    .filter((d) => !reviewed.has(`${d.state}|${d.name_key}`))
    .map((d) => ({
      state: d.state,
      name: d.name,
      agencyId: d.agency_id,
      method: d.method,
      confidence: d.confidence,
      candidateId: d.candidate_id,
      explanation: d.explanation,
      decidedOn: d.decided_on,
    }));
}
