/**
 * The history fold's saved state (the history_state table, one row): gzipped JSON, so a new publication can be
 * folded into it without a rebuild.
 */
import { gunzipSync, gzip, constants as zlibConstants } from 'node:zlib';
import type { FoldState } from '../history/fold.ts';
import type { Db } from './db.ts';

export async function loadFoldState(db: Db): Promise<FoldState | null> {
  const r = await db.selectFrom('history_state').select('data').where('id', '=', 1).executeTakeFirst();
  return r ? (JSON.parse(gunzipSync(r.data).toString('utf8')) as FoldState) : null;
}

/**
 * The reference hash the saved state was folded under (null when it cannot be read from the state's head), or
 * undefined when no state is saved.
 */
export async function savedFoldReference(db: Db): Promise<string | null | undefined> {
  const r = await db.selectFrom('history_state').select('data').where('id', '=', 1).executeTakeFirst();
  if (!r) return undefined;
  // The state's JSON begins with its version and reference hash: inflating its first bytes is enough.
  const head = gunzipSync(r.data.subarray(0, 2048), { finishFlush: zlibConstants.Z_SYNC_FLUSH })
    .subarray(0, 200)
    .toString('utf8');
  const m = /"reference":"([0-9a-f]+)"/.exec(head);
  return m?.[1] ?? null;
}

/**
 * The saved form of the fold: gzipped (level 1), about a tenth of the JSON's size, much cheaper to hand to the
 * database. The JSON is made now; the compression runs on libuv's thread pool, so the caller can go on (an
 * ingest places agencies meanwhile) and store it later with `storeFoldState`.
 */
export function packFoldState(state: FoldState): Promise<Buffer> {
  const json = JSON.stringify(state);
  return new Promise((resolve, reject) =>
    // One output chunk as large as the input: async zlib waits for this thread between chunks, and this thread
    // is busy (placements) while it runs; in one chunk it finishes on the pool alone.
    gzip(json, { level: 1, chunkSize: Math.max(64 * 1024, json.length + 1024) }, (err, out) =>
      err ? reject(err) : resolve(out),
    ),
  );
}

export async function storeFoldState(db: Db, data: Buffer, at: string): Promise<void> {
  // The update takes the inserted row's values (`excluded`): the state is sent once, not twice.
  await db
    .insertInto('history_state')
    .values({ id: 1, data, saved_at: at })
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet((eb) => ({ data: eb.ref('excluded.data'), saved_at: eb.ref('excluded.saved_at') })),
    )
    .execute();
}
