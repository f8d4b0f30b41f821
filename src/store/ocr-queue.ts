/**
 * The OCR queue and cache (issue 15). A job is one document's pages without usable text. A worker leases a job
 * (owner and a time limit) and renews the lease as it goes; a lease that ran out (its process was killed) makes the
 * job free again, so the queue resumes where it stopped. Each page read is kept in the cache under its document,
 * page and engine version before the job moves on: a resumed job reads only the pages not cached.
 */
import { sql } from 'kysely';
import type { PageLayout } from '../domain/document.ts';
import type { Db } from './db.ts';

export async function enqueueOcr(db: Db, sha256: string, pages: number[], at: string): Promise<void> {
  await db
    .insertInto('ocr_jobs')
    .values({
      sha256,
      pages: JSON.stringify(pages),
      status: 'queued',
      done_pages: 0,
      attempts: 0,
      queued_at: at,
    })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

export interface OcrJob {
  sha256: string;
  pages: number[];
  attempts: number;
}

/**
 * Takes the oldest job that is queued, or running under a lease that ran out; at most `maxAttempts` tries. The
 * update is one statement (`for update skip locked` on PostgreSQL), so two workers never take the same job.
 */
export async function claimOcrJob(
  db: Db,
  owner: string,
  now: string,
  leaseUntil: string,
  maxAttempts = 3,
): Promise<OcrJob | null> {
  const r = await sql<{ sha256: string; pages: number[]; attempts: number }>`
    update ocr_jobs set status = 'running', lease_owner = ${owner}, lease_until = ${leaseUntil},
      attempts = attempts + 1, started_at = coalesce(started_at, ${now}::timestamptz)
    where sha256 = (
      select sha256 from ocr_jobs
      where (status = 'queued' or (status = 'running' and lease_until < ${now}::timestamptz))
        and attempts < ${maxAttempts}
      order by queued_at, sha256
      limit 1
      for update skip locked
    )
    returning sha256, pages, attempts
  `.execute(db);
  const row = r.rows[0];
  return row ? { sha256: row.sha256, pages: row.pages, attempts: row.attempts } : null;
}

export async function renewLease(db: Db, sha256: string, owner: string, until: string, done: number) {
  await db
    .updateTable('ocr_jobs')
    .set({ lease_until: until, done_pages: done })
    .where('sha256', '=', sha256)
    .where('lease_owner', '=', owner)
    .execute();
}

export async function finishOcrJob(
  db: Db,
  sha256: string,
  status: 'done' | 'failed' | 'queued',
  at: string,
  engine: string | null,
  error: string | null,
): Promise<void> {
  await db
    .updateTable('ocr_jobs')
    .set({
      status,
      finished_at: status === 'queued' ? null : at,
      engine,
      error,
      lease_owner: null,
      lease_until: null,
    })
    .where('sha256', '=', sha256)
    .execute();
}

export interface CachedPage {
  page: number;
  text: string;
  layout: PageLayout;
  chars: number;
  confidence: number | null;
  ms: number;
}

export async function cachePage(db: Db, sha256: string, engine: string, p: CachedPage, at: string) {
  await db
    .insertInto('ocr_pages')
    .values({ sha256, engine, ...p, layout: JSON.stringify(p.layout), made_at: at })
    .onConflict((oc) => oc.columns(['sha256', 'page', 'engine']).doNothing())
    .execute();
}

export async function cachedPages(db: Db, sha256: string, engine: string): Promise<CachedPage[]> {
  const rows = await db
    .selectFrom('ocr_pages')
    .select(['page', 'text', 'layout', 'chars', 'confidence', 'ms'])
    .where('sha256', '=', sha256)
    .where('engine', '=', engine)
    .orderBy('page')
    .execute();
  return rows.map((r) => ({ ...r, confidence: r.confidence === null ? null : Number(r.confidence) }));
}

export interface QueueState {
  queued: number;
  running: number;
  done: number;
  failed: number;
  /** Pages of the queued and running jobs, and how many of them are read. */
  pages: number;
  pagesDone: number;
  /** Running jobs with a live lease: owner and until. */
  leases: { sha256: string; owner: string; until: string }[];
  errors: { sha256: string; error: string }[];
}

export async function ocrQueueState(db: Db, now: string): Promise<QueueState> {
  const rows = await db
    .selectFrom('ocr_jobs')
    .select(['sha256', 'status', 'pages', 'done_pages', 'lease_owner', 'lease_until', 'error'])
    .execute();
  const s: QueueState = {
    queued: 0,
    running: 0,
    done: 0,
    failed: 0,
    pages: 0,
    pagesDone: 0,
    leases: [],
    errors: [],
  };
  for (const r of rows) {
    s[r.status]++;
    if (r.status === 'queued' || r.status === 'running') {
      s.pages += r.pages.length;
      s.pagesDone += r.done_pages;
    }
    if (r.status === 'running' && r.lease_owner && r.lease_until && r.lease_until > now)
      s.leases.push({ sha256: r.sha256, owner: r.lease_owner, until: r.lease_until });
    if (r.status === 'failed' && r.error) s.errors.push({ sha256: r.sha256, error: r.error });
  }
  return s;
}

/** Running jobs and their lease owners (`pid@host`), to free the leases of workers that are gone. */
export async function runningLeases(db: Db): Promise<{ sha256: string; owner: string }[]> {
  const rows = await db
    .selectFrom('ocr_jobs')
    .select(['sha256', 'lease_owner'])
    .where('status', '=', 'running')
    .execute();
  return rows.flatMap((r) => (r.lease_owner ? [{ sha256: r.sha256, owner: r.lease_owner }] : []));
}

/** Puts a job whose worker is gone back in the queue (its cached pages stay: the next worker skips them). */
export async function releaseLease(db: Db, sha256: string, owner: string): Promise<void> {
  await db
    .updateTable('ocr_jobs')
    .set({ status: 'queued', lease_owner: null, lease_until: null })
    .where('sha256', '=', sha256)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'running')
    .execute();
}
