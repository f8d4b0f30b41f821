/**
 * The review queue read from the ledger: the store's decision rows (store/identity.ts) through the review logic
 * (identify/review.ts). Used by the ingest report, `reassess review` and the read model.
 */
import type { AliasEntry } from '../domain/identity.ts';
import { aliasEntries } from '../identify/aliases.ts';
import { counterpartKeys, pendingReview, reviewedVerdicts } from '../identify/review.ts';
import { mergedAgencies } from '../store/agencies.ts';
import type { Db } from '../store/db.ts';
import { decisionsWithKeys, flaggedDecisionRows, flaggedDecisions } from '../store/identity.ts';

/**
 * Decisions flagged for review that a reviewed verdict in agency-aliases.csv confirms (`state|key` → the
 * verdict's evidence): they are reviewed, and leave the queue (identify/aliases.ts). Only the flagged decisions,
 * the decisions of the names the reviewed file pairs with them, and the merges are read.
 */
export async function reviewedDecisions(
  db: Db,
  aliases: readonly AliasEntry[] = aliasEntries(),
): Promise<Map<string, string>> {
  if (aliases.length === 0) return new Map();
  const flagged = await flaggedDecisions(db);
  const others = counterpartKeys(flagged, aliases);
  const paired = others.length === 0 ? [] : await decisionsWithKeys(db, others);
  return reviewedVerdicts(flagged, paired, await mergedAgencies(db), aliases);
}

/** Decisions flagged for review and not confirmed by a reviewed verdict (`aliases`: the reviewed file's). */
export async function reviewQueue(db: Db, aliases?: readonly AliasEntry[]) {
  const reviewed = await reviewedDecisions(db, aliases);
  return pendingReview(await flaggedDecisionRows(db), reviewed);
}
