/** The runs table: one row per command that wrote to the ledger, with its report when it finished. */
import type { Db } from './db.ts';

/** Records the start of a run; returns its id. */
export async function startRun(db: Db, command: string, startedAt: string): Promise<number> {
  const run = await db
    .insertInto('runs')
    .values({ command, started_at: startedAt, finished_at: null, report: null })
    .returning('run_id')
    .executeTakeFirstOrThrow();
  return run.run_id;
}

/** Records the end of a run and its report. */
export async function finishRun(db: Db, runId: number, finishedAt: string, report: object): Promise<void> {
  await db
    .updateTable('runs')
    .set({ finished_at: finishedAt, report: JSON.stringify(report) })
    .where('run_id', '=', runId)
    .execute();
}
