/**
 * The identity_decisions table: which agency each listed (state, matching key) was tied to, how and with what
 * confidence (appended, never rewritten). Here are the decisions' writes and the rows the resolver, placement
 * and the review queue (identify/review.ts) read.
 */
import type { Decision, Method } from '../domain/identity.ts';
import type { Owners } from '../geography/signals.ts';
import type { DecisionKey, QueueRow } from '../identify/review.ts';
import { mergedInto } from './agencies.ts';
import type { Db } from './db.ts';
import { insertJson } from './insert-json.ts';
import { selectJson } from './select-json.ts';

/** The columns of an identity decision shown with an agency (identify/review.ts, `decisionView`). */
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

/** Every stored decision, as the resolver holds it. */
export async function readDecisions(db: Db): Promise<Decision[]> {
  return (await db.selectFrom('identity_decisions').selectAll().execute()).map((d) => ({
    state: d.state,
    key: d.name_key,
    name: d.name,
    agencyId: d.agency_id,
    method: d.method as Method,
    confidence: d.confidence,
    needsReview: d.needs_review,
    candidateId: d.candidate_id,
    explanation: d.explanation,
    decidedOn: d.decided_on,
  }));
}

/** Appends new identity decisions (never changed afterwards). */
export async function insertDecisions(db: Db, decisions: Decision[], runId: number): Promise<void> {
  await insertJson(
    db,
    'identity_decisions',
    decisions.map((d) => ({
      state: d.state,
      name_key: d.key,
      name: d.name,
      agency_id: d.agencyId,
      method: d.method,
      confidence: d.confidence,
      needs_review: d.needsReview,
      candidate_id: d.candidateId,
      explanation: d.explanation,
      decided_on: d.decidedOn,
      run_id: runId,
    })),
  );
}

/** The `state|key` of every decision made in a run. */
export async function decisionKeysOfRun(db: Db, runId: number): Promise<string[]> {
  return (
    await db
      .selectFrom('identity_decisions')
      .select(['state', 'name_key'])
      .where('run_id', '=', runId)
      .execute()
  ).map((d) => `${d.state}|${d.name_key}`);
}

/** Who holds each `state|key`, and where merged agencies went. */
export async function readOwners(db: Db): Promise<Owners> {
  const decisions = await selectJson(
    db,
    db.selectFrom('identity_decisions').select(['state', 'name_key', 'agency_id']),
  );
  const merged = await mergedInto(db);
  return { agencyOf: new Map(decisions.map((d) => [`${d.state}|${d.name_key}`, d.agency_id])), merged };
}

/** The decisions flagged for review (their keys and agencies). */
export async function flaggedDecisions(db: Db): Promise<DecisionKey[]> {
  return selectJson(
    db,
    db
      .selectFrom('identity_decisions')
      .select(['state', 'name_key', 'agency_id', 'needs_review'])
      .where('needs_review', '=', true),
  );
}

/** The decisions of some matching keys (in any state). */
export async function decisionsWithKeys(db: Db, keys: string[]): Promise<DecisionKey[]> {
  return selectJson(
    db,
    db
      .selectFrom('identity_decisions')
      .select(['state', 'name_key', 'agency_id', 'needs_review'])
      .where('name_key', 'in', keys),
  );
}

/** The decisions flagged for review, whole, by state and name. */
export async function flaggedDecisionRows(db: Db): Promise<QueueRow[]> {
  return db
    .selectFrom('identity_decisions')
    .selectAll()
    .where('needs_review', '=', true)
    .orderBy('state')
    .orderBy('name')
    .execute();
}
