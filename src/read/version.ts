/** The ledger's version: the one definition every cache of the read side keys on. */
import type { Db } from '../store/db.ts';
import { latestRunId } from '../store/runs.ts';
import { latestStopRunId } from '../store/stop-datasets.ts';

/**
 * The latest run id plus the latest stop-analysis run id, as text: any run (sync, ingest, backfill, a stop
 * command) makes a new version, so published analyses appear without waiting for the next ICE list. A run's row
 * is written and finished in the same transaction as its changes, so the ledger never changes without a new
 * version. Both ids only grow, so their sum does: versions compare as numbers (`Number(a) < Number(b)`: a is
 * older). "Last updated" stays that of the ICE data: read/rows.ts reads the runs table alone, skipping editors'
 * runs (store/runs.ts, EDITOR_RUN_PREFIX), which still make a new version here.
 */
export async function ledgerVersion(db: Db): Promise<string> {
  const [runs, stops] = await Promise.all([latestRunId(db), latestStopRunId(db)]);
  return String(runs + stops);
}
