/**
 * Evidence records in the ledger (issue 18): one row per record (where it came from, its latest and published
 * versions, its retraction), one row per version (the content as written, its author, when it was submitted for
 * review) and one row per review (approve, reject, retract). Versions are never changed or deleted and records
 * are never deleted (triggers, migration 009), so a record's history can always be rebuilt version by version.
 */
import type { EvidenceContent, EvidenceOrigin } from '../domain/evidence.ts';
import type { Db } from './db.ts';

export interface RecordRow {
  recordId: string;
  origin: EvidenceOrigin;
  createdAt: string;
  createdBy: number | null;
  latestVersion: number;
  publishedVersion: number | null;
  firstPublishedAt: string | null;
  publishedAt: string | null;
  retractedAt: string | null;
  retractedBy: number | null;
  retractionReason: string | null;
}

export interface VersionRow {
  recordId: string;
  version: number;
  content: EvidenceContent;
  authorId: number | null;
  authorLabel: string;
  createdAt: string;
  changeNote: string;
  submittedAt: string | null;
  submittedBy: number | null;
}

export interface ReviewRow {
  reviewId: number;
  recordId: string;
  version: number;
  reviewerId: number;
  reviewerName: string;
  decision: 'approve' | 'reject' | 'retract';
  note: string;
  at: string;
}

type RawRecord = {
  record_id: string;
  origin: string;
  created_at: string;
  created_by: number | null;
  latest_version: number;
  published_version: number | null;
  first_published_at: string | null;
  published_at: string | null;
  retracted_at: string | null;
  retracted_by: number | null;
  retraction_reason: string | null;
};

const toRecord = (r: RawRecord): RecordRow => ({
  recordId: r.record_id,
  origin: r.origin as EvidenceOrigin,
  createdAt: r.created_at,
  createdBy: r.created_by,
  latestVersion: r.latest_version,
  publishedVersion: r.published_version,
  firstPublishedAt: r.first_published_at,
  publishedAt: r.published_at,
  retractedAt: r.retracted_at,
  retractedBy: r.retracted_by,
  retractionReason: r.retraction_reason,
});

type RawVersion = {
  record_id: string;
  version: number;
  content: Record<string, unknown>;
  author_id: number | null;
  author_label: string;
  created_at: string;
  change_note: string;
  submitted_at: string | null;
  submitted_by: number | null;
};

const toVersion = (r: RawVersion): VersionRow => ({
  recordId: r.record_id,
  version: r.version,
  content: r.content as unknown as EvidenceContent,
  authorId: r.author_id,
  authorLabel: r.author_label,
  createdAt: r.created_at,
  changeNote: r.change_note,
  submittedAt: r.submitted_at,
  submittedBy: r.submitted_by,
});

export async function insertRecord(
  db: Db,
  r: { recordId: string; origin: EvidenceOrigin; createdAt: string; createdBy: number | null },
): Promise<void> {
  await db
    .insertInto('evidence_records')
    .values({
      record_id: r.recordId,
      origin: r.origin,
      created_at: r.createdAt,
      created_by: r.createdBy,
      latest_version: 1,
    })
    .execute();
}

export async function insertVersion(
  db: Db,
  v: Omit<VersionRow, 'submittedAt' | 'submittedBy'>,
): Promise<void> {
  await db
    .insertInto('evidence_versions')
    .values({
      record_id: v.recordId,
      version: v.version,
      content: JSON.stringify(v.content),
      author_id: v.authorId,
      author_label: v.authorLabel,
      created_at: v.createdAt,
      change_note: v.changeNote,
    })
    .execute();
  await db
    .updateTable('evidence_records')
    .set({ latest_version: v.version })
    .where('record_id', '=', v.recordId)
    .execute();
}

export async function getRecord(db: Db, recordId: string): Promise<RecordRow | null> {
  const r = await db
    .selectFrom('evidence_records')
    .selectAll()
    .where('record_id', '=', recordId)
    .executeTakeFirst();
  return r ? toRecord(r) : null;
}

/** A record's row, locked for the rest of the transaction (two editors acting at once take turns). */
export async function lockRecord(db: Db, recordId: string): Promise<RecordRow | null> {
  const r = await db
    .selectFrom('evidence_records')
    .selectAll()
    .where('record_id', '=', recordId)
    .forUpdate()
    .executeTakeFirst();
  return r ? toRecord(r) : null;
}

export async function listRecordRows(db: Db): Promise<RecordRow[]> {
  return (
    await db.selectFrom('evidence_records').selectAll().orderBy('created_at').orderBy('record_id').execute()
  ).map(toRecord);
}

/** Every version of a record, oldest first. */
export async function getVersions(db: Db, recordId: string): Promise<VersionRow[]> {
  const rows = await db
    .selectFrom('evidence_versions')
    .selectAll()
    .where('record_id', '=', recordId)
    .orderBy('version')
    .execute();
  return rows.map(toVersion);
}

export async function getVersion(db: Db, recordId: string, version: number): Promise<VersionRow | null> {
  const r = await db
    .selectFrom('evidence_versions')
    .selectAll()
    .where('record_id', '=', recordId)
    .where('version', '=', version)
    .executeTakeFirst();
  return r ? toVersion(r) : null;
}

/** The latest version of every record (one query), by record ID. */
export async function latestVersions(db: Db): Promise<Map<string, VersionRow>> {
  const rows = await db
    .selectFrom('evidence_versions as v')
    .innerJoin('evidence_records as r', (j) =>
      j.onRef('r.record_id', '=', 'v.record_id').onRef('r.latest_version', '=', 'v.version'),
    )
    .selectAll('v')
    .execute();
  return new Map(rows.map((r) => [r.record_id, toVersion(r)]));
}

/** The published version of every published or retracted record, by record ID. */
export async function publishedVersions(db: Db): Promise<Map<string, VersionRow>> {
  const rows = await db
    .selectFrom('evidence_versions as v')
    .innerJoin('evidence_records as r', (j) =>
      j.onRef('r.record_id', '=', 'v.record_id').onRef('r.published_version', '=', 'v.version'),
    )
    .selectAll('v')
    .execute();
  return new Map(rows.map((r) => [r.record_id, toVersion(r)]));
}

export async function markSubmitted(
  db: Db,
  recordId: string,
  version: number,
  by: number | null,
  at: string,
) {
  await db
    .updateTable('evidence_versions')
    .set({ submitted_at: at, submitted_by: by })
    .where('record_id', '=', recordId)
    .where('version', '=', version)
    .where('submitted_at', 'is', null)
    .execute();
}

export async function insertReview(
  db: Db,
  r: {
    recordId: string;
    version: number;
    reviewerId: number;
    decision: ReviewRow['decision'];
    note: string;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('evidence_reviews')
    .values({
      record_id: r.recordId,
      version: r.version,
      reviewer_id: r.reviewerId,
      decision: r.decision,
      note: r.note,
      at: r.at,
    })
    .execute();
}

/** Reviews (of one record, or all), oldest first, with the reviewer's display name. */
export async function listReviews(db: Db, recordId?: string): Promise<ReviewRow[]> {
  let q = db
    .selectFrom('evidence_reviews as e')
    .innerJoin('users as u', 'u.user_id', 'e.reviewer_id')
    .select([
      'e.review_id',
      'e.record_id',
      'e.version',
      'e.reviewer_id',
      'u.display_name',
      'e.decision',
      'e.note',
      'e.at',
    ])
    .orderBy('e.review_id');
  if (recordId !== undefined) q = q.where('e.record_id', '=', recordId);
  return (await q.execute()).map((r) => ({
    reviewId: r.review_id,
    recordId: r.record_id,
    version: r.version,
    reviewerId: r.reviewer_id,
    reviewerName: r.display_name,
    decision: r.decision as ReviewRow['decision'],
    note: r.note,
    at: r.at,
  }));
}

/** Marks a version as the published one (first publication time kept). */
export async function setPublished(db: Db, recordId: string, version: number, at: string): Promise<void> {
  const rec = await getRecord(db, recordId);
  await db
    .updateTable('evidence_records')
    .set({ published_version: version, published_at: at, first_published_at: rec?.firstPublishedAt ?? at })
    .where('record_id', '=', recordId)
    .execute();
}

export async function setRetracted(db: Db, recordId: string, by: number, at: string, reason: string) {
  await db
    .updateTable('evidence_records')
    .set({ retracted_at: at, retracted_by: by, retraction_reason: reason })
    .where('record_id', '=', recordId)
    .execute();
}

/** Display names of accounts, by ID (for bylines). */
export async function userNames(db: Db): Promise<Map<number, string>> {
  const rows = await db.selectFrom('users').select(['user_id', 'display_name']).execute();
  return new Map(rows.map((r) => [r.user_id, r.display_name]));
}
