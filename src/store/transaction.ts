/** One transaction over the ledger: an ingest's writes are kept together or rolled back together. */
import type { Db } from './db.ts';

/** Runs `fn` inside one transaction; a throw rolls back every write made through its handle. */
export function transaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}
