/**
 * Where a record stands, from its row, its latest version and the reviews: retracted (kept, marked), in review (the
 * latest version was submitted and nobody has decided on it), published (possibly with a newer draft), or draft.
 */
import type { EvidenceStage } from '../domain/evidence.ts';
import type { RecordRow, ReviewRow, VersionRow } from '../store/evidence.ts';

export interface StageInfo {
  stage: EvidenceStage;
  /** A version newer than the published one exists (a draft or in review). */
  pendingChanges: boolean;
  /** The latest version's last decision, if any. */
  lastDecision: ReviewRow | null;
}

export function stageOf(record: RecordRow, latest: VersionRow, reviews: readonly ReviewRow[]): StageInfo {
  const onLatest = reviews.filter((r) => r.version === latest.version && r.decision !== 'retract');
  const lastDecision = onLatest[onLatest.length - 1] ?? null;
  const pendingChanges = record.publishedVersion !== null && latest.version > record.publishedVersion;
  if (record.retractedAt !== null) return { stage: 'retracted', pendingChanges, lastDecision };
  if (latest.submittedAt !== null && lastDecision === null)
    return { stage: 'review', pendingChanges, lastDecision };
  if (record.publishedVersion !== null) return { stage: 'published', pendingChanges, lastDecision };
  return { stage: 'draft', pendingChanges, lastDecision };
}
