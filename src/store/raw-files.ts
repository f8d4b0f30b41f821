/** The raw_files table (one row per stored file, by sha256) and the fetches table (every retrieval). */
import type { FetchRecord } from '../domain/types.ts';
import type { Db } from './db.ts';
import { insertJson } from './insert-json.ts';

export async function insertFetch(db: Db, runId: number | null, f: FetchRecord): Promise<void> {
  await db
    .insertInto('fetches')
    .values({
      run_id: runId,
      source: f.source,
      url: f.url,
      retrieved_at: f.retrievedAt,
      status: f.status,
      content_type: f.contentType,
      size: f.size,
      sha256: f.sha256,
      error: f.error,
    })
    .execute();
}

export async function insertFetches(db: Db, runId: number | null, list: FetchRecord[]): Promise<void> {
  await insertJson(
    db,
    'fetches',
    list.map((f) => ({
      run_id: runId,
      source: f.source,
      url: f.url,
      retrieved_at: f.retrievedAt,
      status: f.status,
      content_type: f.contentType,
      size: f.size,
      sha256: f.sha256,
      error: f.error,
    })),
  );
}

export async function insertRawFile(db: Db, sha256: string, size: number, mediaType: string, at: string) {
  await db
    .insertInto('raw_files')
    .values({ sha256, size, media_type: mediaType, first_seen: at })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

/** Whether a URL was once retrieved whole (status 200, no error): an archived MOA is not fetched again. */
export async function fetchedOk(db: Db, url: string): Promise<boolean> {
  return !!(await db
    .selectFrom('fetches')
    .select('fetch_id')
    .where('url', '=', url)
    .where('error', 'is', null)
    .where('status', '=', 200)
    .executeTakeFirst());
}

/** Whether a URL was retrieved without error at or after `since` (an ISO timestamp). */
export async function fetchedSince(db: Db, url: string, since: string): Promise<boolean> {
  return !!(await db
    .selectFrom('fetches')
    .select('fetch_id')
    .where('url', '=', url)
    .where('error', 'is', null)
    .where('retrieved_at', '>=', since)
    .executeTakeFirst());
}

/** Every stored file with its size and the last URL it was retrieved whole from (null: a local file). */
export async function rawFilesWithSource(
  db: Db,
): Promise<{ sha256: string; size: number; url: string | null }[]> {
  const files = await db.selectFrom('raw_files').select(['sha256', 'size']).orderBy('sha256').execute();
  const urls = await db
    .selectFrom('fetches')
    .select(['sha256', 'url'])
    .where('sha256', 'is not', null)
    .where('error', 'is', null)
    .orderBy('fetch_id')
    .execute();
  const last = new Map<string, string>();
  for (const u of urls) if (u.sha256 && /^https?:/i.test(u.url)) last.set(u.sha256, u.url);
  return files.map((f) => ({ sha256: f.sha256, size: Number(f.size), url: last.get(f.sha256) ?? null }));
}
