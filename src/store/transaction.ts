/**
 * One transaction over the ledger: an ingest's writes are kept together or rolled back together. Inside it, a
 * savepoint keeps one input's writes apart: if they fail, they alone are undone and the transaction goes on.
 */
import { sql } from 'kysely';
import type { Db } from './db.ts';

/** Runs `fn` inside one transaction; a throw rolls back every write made through its handle. */
export function transaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}

/**
 * Runs `fn` (which writes through `tx`, a transaction) under a savepoint: if it throws, its writes are undone, the
 * transaction stays usable, and the error is passed on.
 */
export async function withSavepoint<T>(tx: Db, fn: () => Promise<T>): Promise<T> {
  await sql`savepoint reassess_input`.execute(tx);
  let result: T;
  try {
    result = await fn();
  } catch (e) {
    await sql`rollback to savepoint reassess_input`.execute(tx);
    await sql`release savepoint reassess_input`.execute(tx);
    throw e;
  }
  await sql`release savepoint reassess_input`.execute(tx);
  return result;
}
