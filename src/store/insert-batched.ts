/** Inserts many rows as a few statements of bounded size (the listing refs, whose packed values are bytes). */
import type { Db } from './db.ts';
import type { Database } from './schema.ts';

/** Rows (or keys) per statement. */
export const BATCH = 500;
/**
 * Text per statement. The embedded database's WebAssembly memory grows to hold the largest statement and never
 * shrinks, so one large insert costs memory for the rest of the process (docs/performance.md § Choices measured in
 * the code).
 */
const BATCH_CHARS = 1_000_000;

/** Rows cut into statements of at most BATCH rows and (past the first row) BATCH_CHARS characters of text. */
export function batches<R extends Record<string, unknown>>(rows: R[], maxRows = BATCH): R[][] {
  const out: R[][] = [];
  let chunk: R[] = [];
  let chars = 0;
  for (const r of rows) {
    let n = 0;
    for (const k in r) {
      const v = r[k];
      n += typeof v === 'string' ? v.length : v instanceof Uint8Array ? v.length * 2 : 8;
    }
    if (chunk.length > 0 && (chunk.length >= maxRows || chars + n > BATCH_CHARS)) {
      out.push(chunk);
      chunk = [];
      chars = 0;
    }
    chunk.push(r);
    chars += n;
  }
  if (chunk.length > 0) out.push(chunk);
  return out;
}

export async function insertBatched<T extends keyof Database & string>(
  db: Db,
  table: T,
  rows: Record<string, unknown>[],
  onConflictNothing = false,
): Promise<void> {
  for (const chunk of batches(rows)) {
    // biome-ignore lint/suspicious/noExplicitAny: generic batched insert over any table
    let q = db.insertInto(table).values(chunk as any);
    if (onConflictNothing) q = q.onConflict((oc) => oc.doNothing());
    await q.execute();
  }
}
