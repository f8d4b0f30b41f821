/**
 * The identity-review reads (decisions as shown with their agency, the reviewed verdicts that confirm them, the
 * review queue). The other reads live in the store file of their concept (publications.ts, agencies.ts,
 * agreements.ts, placements.ts, references.ts, runs.ts, summary.ts).
 */
import type { AliasEntry } from '../domain/identity.ts';
import { aliasEntries, confirmingVerdict } from '../identify/aliases.ts';
import { counterpart } from '../identify/resolver.ts';
import type { Db } from './db.ts';
import { selectJson } from './select-json.ts';

/** The columns of an identity decision shown with an agency. */
export const DECISION_COLUMNS = [
  'state',
  'name',
  'name_key',
  'method',
  'confidence',
  'needs_review',
  'explanation',
  'decided_on',
] as const;

interface DecisionRow {
  state: string;
  name: string;
  name_key: string;
  method: string;
  confidence: number;
  needs_review: boolean;
  explanation: string;
  decided_on: string;
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
 * Decisions flagged for review that a reviewed verdict in agency-aliases.csv confirms (`state|key` → the
 * verdict's evidence): they are reviewed, and leave the queue (identify/aliases.ts).
 */
export async function reviewedDecisions(
  db: Db,
  aliases: readonly AliasEntry[] = aliasEntries(),
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (aliases.length === 0) return out;
  // Only the flagged decisions, the decisions of the names the reviewed file pairs with them, and the merges
  // are read (a few dozen rows, not every decision).
  const decisions = await selectJson(
    db,
    db
      .selectFrom('identity_decisions')
      .select(['state', 'name_key', 'agency_id', 'needs_review'])
      .where('needs_review', '=', true),
  );
  const others = new Set<string>();
  for (const d of decisions)
    for (const al of aliases) {
      const other = counterpart(al, d.state, d.name_key);
      if (other) others.add(other.key);
    }
  const paired =
    others.size === 0
      ? []
      : await selectJson(
          db,
          db
            .selectFrom('identity_decisions')
            .select(['state', 'name_key', 'agency_id', 'needs_review'])
            .where('name_key', 'in', [...others]),
        );
  const merged = new Map(
    (
      await selectJson(
        db,
        db.selectFrom('agencies').select(['agency_id', 'merged_into']).where('merged_into', 'is not', null),
      )
    ).map((a) => [a.agency_id, a.merged_into]),
  );
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
    [...decisions, ...paired].map((d) => [`${d.state}|${d.name_key}`, canonical(d.agency_id)]),
  );
  for (const d of decisions) {
    const v = confirmingVerdict(
      { state: d.state, key: d.name_key, agencyId: canonical(d.agency_id) },
      aliases,
      (k) => agencyOf.get(k),
    );
    if (v) out.set(`${d.state}|${d.name_key}`, `${v.verdict}: ${v.evidence}`);
  }
  return out;
}

/** Decisions flagged for review and not confirmed by a reviewed verdict (`aliases`: the reviewed file's). */
export async function reviewQueue(db: Db, aliases?: readonly AliasEntry[]) {
  const reviewed = await reviewedDecisions(db, aliases);
  return (
    await db
      .selectFrom('identity_decisions')
      .selectAll()
      .where('needs_review', '=', true)
      .orderBy('state')
      .orderBy('name')
      .execute()
  )
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
