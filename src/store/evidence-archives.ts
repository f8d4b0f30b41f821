/**
 * Archived copies of evidence sources (issue 18): every retrieval of a public record's source URL is a row of
 * `fetches` (source `evidence-source`, with its final URL after redirects); the bytes of a good one are a raw file
 * by sha256. One archive pass is one run (an editors' run: a new ledger version, not a data update), written in one
 * transaction with its fetches and files.
 */
import type { FetchRecord } from '../domain/types.ts';
import type { Db } from './db.ts';
import { finishRun, startRun } from './runs.ts';
import { transaction } from './transaction.ts';

/** The `fetches.source` of an evidence source's retrieval. */
export const EVIDENCE_SOURCE_FETCH = 'evidence-source';

/** One retrieval of a source URL, as stored (oldest first when listed). */
export interface SourceFetchRow {
  url: string;
  retrievedAt: string;
  status: number | null;
  contentType: string | null;
  size: number | null;
  sha256: string | null;
  error: string | null;
  finalUrl: string | null;
  /** The stored file's media type, when the retrieval stored one. */
  mediaType: string | null;
}

export async function sourceFetchRows(db: Db): Promise<SourceFetchRow[]> {
  const rows = await db
    .selectFrom('fetches as f')
    .leftJoin('raw_files as r', (j) => j.onRef('r.sha256', '=', 'f.sha256').on('f.error', 'is', null))
    .select([
      'f.url',
      'f.retrieved_at as retrievedAt',
      'f.status',
      'f.content_type as contentType',
      'f.size',
      'f.sha256',
      'f.error',
      'f.final_url as finalUrl',
      'r.media_type as mediaType',
    ])
    .where('f.source', '=', EVIDENCE_SOURCE_FETCH)
    .orderBy('f.fetch_id')
    .execute();
  return rows.map((r) => ({
    ...r,
    retrievedAt: new Date(r.retrievedAt).toISOString(),
    size: r.size === null ? null : Number(r.size),
  }));
}

/** One retrieval to record: its FetchRecord, its final URL, and, when its bytes were stored, their media type. */
export interface ArchiveFetch {
  record: FetchRecord;
  finalUrl: string | null;
  stored: { mediaType: string } | null;
}

/** Records an archive pass: a run, its files and every retrieval (good or failed), in one transaction. */
export async function recordArchiveRun(
  db: Db,
  at: string,
  fetches: readonly ArchiveFetch[],
  report: object,
): Promise<number> {
  return transaction(db, async (tx) => {
    const runId = await startRun(tx, 'evidence archive', at);
    for (const f of fetches) {
      const r = f.record;
      if (f.stored && r.sha256 && r.size !== null)
        await tx
          .insertInto('raw_files')
          .values({
            sha256: r.sha256,
            size: r.size,
            media_type: f.stored.mediaType,
            first_seen: r.retrievedAt,
          })
          .onConflict((oc) => oc.column('sha256').doNothing())
          .execute();
      await tx
        .insertInto('fetches')
        .values({
          run_id: runId,
          source: r.source,
          url: r.url,
          retrieved_at: r.retrievedAt,
          status: r.status,
          content_type: r.contentType,
          size: r.size,
          sha256: r.sha256,
          error: r.error,
          final_url: f.finalUrl,
        })
        .execute();
    }
    await finishRun(tx, runId, at, report);
    return runId;
  });
}
