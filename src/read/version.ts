/** The ledger's version: the one definition every cache of the read side keys on. */
import type { Db } from '../store/db.ts';
import { latestRunId } from '../store/runs.ts';

/**
 * The latest run id, as text: any run (sync, ingest, backfill) makes a new version. A run's row is written and
 * finished in the same transaction as its changes, so the ledger never changes without a new version. Versions
 * compare as numbers (`Number(a) < Number(b)`: a is older).
 */
export async function ledgerVersion(db: Db): Promise<string> {
  return String(await latestRunId(db));
}
