/**
 * The life of an evidence record, each step in one transaction with its audit entry: create (version 1), save a
 * new version (never overwriting one), submit the latest version for review, approve it (the two-person rule: only
 * a reviewer other than the version's author; the database refuses it too), reject it with a reason, retract a
 * published record with a reason (it stays, marked). Approving and retracting change what the public sees, so they
 * also record a run: the ledger's version changes and every cached page, answer and download is rebuilt.
 */
import {
  type EvidenceContent,
  type EvidenceOrigin,
  hasRole,
  type Role,
  recordIdFrom,
} from '../domain/evidence.ts';
import type { Actor, ServiceDeps } from '../editors/deps.ts';
import { appendAudit } from '../store/audit.ts';
import type { Db } from '../store/db.ts';
import {
  getRecord,
  getVersions,
  insertRecord,
  insertReview,
  insertVersion,
  listReviews,
  lockRecord,
  markSubmitted,
  type RecordRow,
  type ReviewRow,
  setPublished,
  setRetracted,
  type VersionRow,
} from '../store/evidence.ts';
import { finishRun, startRun } from '../store/runs.ts';
import { transaction } from '../store/transaction.ts';
import { canonicalJson } from './canonical.ts';
import { EvidenceError } from './errors.ts';
import { type StageInfo, stageOf } from './stage.ts';
import { publishProblems, readContent } from './validate.ts';

/** An editor acting on records: who, and with which role. */
export interface Editor extends Actor {
  userId: number;
  role: Role;
}

export interface RecordHistory {
  record: RecordRow;
  /** Every version, oldest first: each one exactly as it was saved. */
  versions: VersionRow[];
  reviews: ReviewRow[];
  latest: VersionRow;
  stage: StageInfo;
}

const entity = (recordId: string) => `record:${recordId}`;

/** Checks content from outside again (a form, a file): the stored content is always the validated one. */
function validContent(content: EvidenceContent): EvidenceContent {
  const { content: clean, problems } = readContent(content as unknown as Record<string, unknown>);
  if (problems.length > 0) throw new EvidenceError('the record is not valid', 400, problems);
  return clean;
}

export async function recordHistory(db: Db, recordId: string): Promise<RecordHistory | null> {
  const record = await getRecord(db, recordId);
  if (!record) return null;
  const versions = await getVersions(db, recordId);
  const reviews = await listReviews(db, recordId);
  const latest = versions[versions.length - 1] as VersionRow;
  return { record, versions, reviews, latest, stage: stageOf(record, latest, reviews) };
}

async function locked(tx: Db, recordId: string): Promise<RecordHistory> {
  if (!(await lockRecord(tx, recordId))) throw new EvidenceError(`no record ${recordId}`, 404);
  return (await recordHistory(tx, recordId)) as RecordHistory;
}

/** A new ledger version, so the public side (pages, API, downloads, feeds) shows the change. */
async function bumpLedger(tx: Db, at: string, report: Record<string, unknown>): Promise<void> {
  const runId = await startRun(tx, `evidence ${String(report.action)} ${String(report.record)}`, at);
  await finishRun(tx, runId, at, report);
}

export interface NewRecord {
  content: EvidenceContent;
  origin: EvidenceOrigin;
  note: string;
  /** For imported records: the ID their file gives them. */
  recordId?: string;
  /** The label of the version's author when it is not the actor (an imported file's editor). */
  authorLabel?: string;
}

export async function createRecord(db: Db, deps: ServiceDeps, actor: Actor, n: NewRecord): Promise<string> {
  const content = validContent(n.content);
  const recordId = n.recordId ?? recordIdFrom(deps.random(10));
  const at = deps.now().toISOString();
  await transaction(db, async (tx) => {
    if (await getRecord(tx, recordId)) throw new EvidenceError(`record ${recordId} exists`, 409);
    await insertRecord(tx, { recordId, origin: n.origin, createdAt: at, createdBy: actor.userId });
    await insertVersion(tx, {
      recordId,
      version: 1,
      content,
      authorId: actor.userId,
      authorLabel: n.authorLabel ?? actor.name,
      createdAt: at,
      changeNote: n.note,
    });
    await appendAudit(tx, {
      at,
      actorId: actor.userId,
      actor: actor.name,
      action: 'record.create',
      entity: entity(recordId),
      before: null,
      after: { version: 1, origin: n.origin, content },
    });
  });
  return recordId;
}

/** Saves a new version (the previous ones stay as they were); its number, or null when nothing changed. */
export async function saveVersion(
  db: Db,
  deps: ServiceDeps,
  actor: Actor,
  recordId: string,
  input: EvidenceContent,
  note: string,
  authorLabel?: string,
): Promise<number | null> {
  const content = validContent(input);
  const at = deps.now().toISOString();
  return transaction(db, async (tx) => {
    const h = await locked(tx, recordId);
    if (h.record.retractedAt !== null) throw new EvidenceError('a retracted record is kept as it is', 409);
    if (canonicalJson(h.latest.content) === canonicalJson(content)) return null;
    const version = h.latest.version + 1;
    await insertVersion(tx, {
      recordId,
      version,
      content,
      authorId: actor.userId,
      authorLabel: authorLabel ?? actor.name,
      createdAt: at,
      changeNote: note,
    });
    await appendAudit(tx, {
      at,
      actorId: actor.userId,
      actor: actor.name,
      action: 'record.edit',
      entity: entity(recordId),
      before: { version: h.latest.version, content: h.latest.content },
      after: { version, content, note },
    });
    return version;
  });
}

/** Submits the latest version for review (it must be complete). */
export async function submitForReview(
  db: Db,
  deps: ServiceDeps,
  actor: Actor,
  recordId: string,
): Promise<number> {
  const at = deps.now().toISOString();
  return transaction(db, async (tx) => {
    const h = await locked(tx, recordId);
    if (h.record.retractedAt !== null) throw new EvidenceError('a retracted record is kept as it is', 409);
    if (h.stage.stage === 'review')
      throw new EvidenceError('this version is already waiting for review', 409);
    if (h.latest.version === h.record.publishedVersion)
      throw new EvidenceError('this version is already published', 409);
    const missing = publishProblems(h.latest.content);
    if (missing.length > 0) throw new EvidenceError('the record is not complete', 400, missing);
    if (h.latest.submittedAt !== null)
      throw new EvidenceError('this version was reviewed already: save a new version', 409);
    await markSubmitted(tx, recordId, h.latest.version, actor.userId, at);
    await appendAudit(tx, {
      at,
      actorId: actor.userId,
      actor: actor.name,
      action: 'record.submit',
      entity: entity(recordId),
      before: { stage: h.stage.stage },
      after: { stage: 'review', version: h.latest.version },
    });
    return h.latest.version;
  });
}

/** The version a reviewer decides on: the latest, waiting for review, and the one the reviewer looked at. */
function reviewable(h: RecordHistory, version: number, reviewer: Editor): void {
  if (!hasRole(reviewer.role, 'reviewer'))
    throw new EvidenceError('only a reviewer decides on a record', 403);
  if (h.stage.stage !== 'review')
    throw new EvidenceError('no version of this record is waiting for review', 409);
  if (h.latest.version !== version)
    throw new EvidenceError(`version ${version} is not the latest (${h.latest.version}): look again`, 409);
}

/** Approves and publishes a version; refused to its own author (the two-person rule). */
export async function approve(
  db: Db,
  deps: ServiceDeps,
  reviewer: Editor,
  recordId: string,
  version: number,
  note: string,
): Promise<void> {
  const at = deps.now().toISOString();
  await transaction(db, async (tx) => {
    const h = await locked(tx, recordId);
    reviewable(h, version, reviewer);
    if (h.latest.authorId === reviewer.userId)
      throw new EvidenceError('two-person rule: a reviewer other than its author approves a version', 403);
    const missing = publishProblems(h.latest.content);
    if (missing.length > 0) throw new EvidenceError('the record is not complete', 400, missing);
    await insertReview(tx, { recordId, version, reviewerId: reviewer.userId, decision: 'approve', note, at });
    await setPublished(tx, recordId, version, at);
    await appendAudit(tx, {
      at,
      actorId: reviewer.userId,
      actor: reviewer.name,
      action: 'record.approve',
      entity: entity(recordId),
      before: { stage: h.stage.stage, publishedVersion: h.record.publishedVersion },
      after: { stage: 'published', publishedVersion: version, note },
    });
    await bumpLedger(tx, at, { action: 'publish', record: recordId, version });
  });
}

/** Sends a version back to its author with the reason. */
export async function reject(
  db: Db,
  deps: ServiceDeps,
  reviewer: Editor,
  recordId: string,
  version: number,
  note: string,
): Promise<void> {
  if (!note.trim()) throw new EvidenceError('say why the version is sent back', 400);
  const at = deps.now().toISOString();
  await transaction(db, async (tx) => {
    const h = await locked(tx, recordId);
    reviewable(h, version, reviewer);
    await insertReview(tx, { recordId, version, reviewerId: reviewer.userId, decision: 'reject', note, at });
    await appendAudit(tx, {
      at,
      actorId: reviewer.userId,
      actor: reviewer.name,
      action: 'record.reject',
      entity: entity(recordId),
      before: { stage: 'review', version },
      after: { stage: h.record.publishedVersion !== null ? 'published' : 'draft', note },
    });
  });
}

/** Retracts a published record: it stays public, marked retracted, with the reason. */
export async function retract(
  db: Db,
  deps: ServiceDeps,
  reviewer: Editor,
  recordId: string,
  reason: string,
): Promise<void> {
  if (!hasRole(reviewer.role, 'reviewer')) throw new EvidenceError('only a reviewer retracts a record', 403);
  if (!reason.trim()) throw new EvidenceError('a retraction says why', 400);
  const at = deps.now().toISOString();
  await transaction(db, async (tx) => {
    const h = await locked(tx, recordId);
    if (h.record.retractedAt !== null) throw new EvidenceError('the record is already retracted', 409);
    if (h.record.publishedVersion === null)
      throw new EvidenceError('only a published record is retracted', 409);
    const version = h.record.publishedVersion;
    await insertReview(tx, {
      recordId,
      version,
      reviewerId: reviewer.userId,
      decision: 'retract',
      note: reason,
      at,
    });
    await setRetracted(tx, recordId, reviewer.userId, at, reason);
    await appendAudit(tx, {
      at,
      actorId: reviewer.userId,
      actor: reviewer.name,
      action: 'record.retract',
      entity: entity(recordId),
      before: { stage: h.stage.stage },
      after: { stage: 'retracted', reason },
    });
    await bumpLedger(tx, at, { action: 'retract', record: recordId, version });
  });
}
