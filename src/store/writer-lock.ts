/**
 * One writer at a time, on both backends. Every ingest (and so every sync, backfill and recover) takes this lock
 * as the first statement of its transaction: a transaction-scoped advisory lock, released by the commit or the
 * rollback (a killed process's lock goes with its connection). A second writer waits for the first to finish and
 * then reads what it wrote (each statement sees the latest committed data), so concurrent ingests end as if they
 * had run one after the other. Readers take no lock and never wait. On the embedded ledger the folder lock
 * (lock.ts) already keeps a second process out; the advisory lock costs nothing there.
 */
import { sql } from 'kysely';
import type { Db } from './db.ts';

/** The lock's key: "reassess" in ASCII, as a 64-bit number (any fixed number shared by every writer). */
export const WRITER_LOCK_KEY = '8243101841456722803';

/**
 * Takes the writer lock for the rest of the transaction `tx`. Calls `waiting` once, before waiting, when another
 * writer holds it.
 */
export async function lockWriters(tx: Db, waiting?: () => void): Promise<void> {
  const r = await sql<{
    ok: boolean;
  }>`select pg_try_advisory_xact_lock(${WRITER_LOCK_KEY}::bigint) as ok`.execute(tx);
  if (r.rows[0]?.ok) return;
  waiting?.();
  await sql`select pg_advisory_xact_lock(${WRITER_LOCK_KEY}::bigint)`.execute(tx);
}
