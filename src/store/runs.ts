/**
 * The runs table: one row per command that wrote to the ledger (started, then finished with its report); what makes
 * a ledger version, and when the ledger's data last changed.
 *
 * Editors' actions (publishing or retracting an evidence record, archiving its sources) are runs too, so the ledger
 * version changes and every cache is rebuilt; but they are not ICE's data: "last updated" (lastFinishedRun,
 * latestFinish) skips them. Their commands start with EDITOR_RUN_PREFIX.
 */
import type { Db } from './db.ts';

/** The first word of every editors' run (`evidence publish evd-…`, `evidence retract …`, `evidence archive`). */
export const EDITOR_RUN_PREFIX = 'evidence ';
const EDITOR_RUNS = `${EDITOR_RUN_PREFIX}%`;

/** The latest run id (0 for an empty ledger): every run (sync, ingest, backfill) makes a new one. */
export async function latestRunId(db: Db): Promise<number> {
  const r = await db
    .selectFrom('runs')
    .select((eb) => eb.fn.max('run_id').as('v'))
    .executeTakeFirst();
  return Number(r?.v ?? 0);
}

/** When the latest finished data run finished (as stored; editors' runs skipped), or null when none has. */
export async function lastFinishedRun(db: Db) {
  const r = await db
    .selectFrom('runs')
    .select(['finished_at'])
    .where('finished_at', 'is not', null)
    .where('command', 'not like', EDITOR_RUNS)
    .orderBy('run_id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r?.finished_at ?? null;
}

/** The latest finish time of any data run (as stored; editors' runs skipped), or null when none has finished. */
export async function latestFinish(db: Db) {
  const r = await db
    .selectFrom('runs')
    .select((eb) => eb.fn.max('finished_at').as('finished'))
    .where('command', 'not like', EDITOR_RUNS)
    .executeTakeFirst();
  return r?.finished ?? null;
}

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
