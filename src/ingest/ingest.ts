/**
 * Ingest: bytes → raw store → parse → (in one transaction) publications → history → derived tables.
 * A failure anywhere rolls the ledger back to what it was; a file that cannot be read is rejected with its
 * reason and changes nothing. One ingest writes at a time (store/writer-lock.ts), on either backend. Every run writes a report (counts, rejects, problems, gates, history figures).
 *
 * The stages, in order, each in its own file: sort the inputs (sort-inputs.ts) → start reading the workbooks
 * (read-workbooks.ts) → store the reference files meanwhile (store-references.ts) → store the workbooks
 * (store-workbooks.ts) → fold the history (fold-history.ts) → place the agencies (place-agencies.ts) → finish
 * the report (finish-report.ts). They share one run context (run-context.ts).
 */
import type { Ledger } from '../store/connection.ts';
import { transaction } from '../store/transaction.ts';
import { lockWriters } from '../store/writer-lock.ts';
import { finishReport } from './finish-report.ts';
import { foldHistory } from './fold-history.ts';
import { logPlacements, placeAgencies } from './place-agencies.ts';
import { startReading, whileReading } from './read-workbooks.ts';
import { openRun, startClock } from './run-context.ts';
import { sortInputs } from './sort-inputs.ts';
import { storeDocuments } from './store-documents.ts';
import { storeReferences } from './store-references.ts';
import { storeWorkbooks } from './store-workbooks.ts';
import type { IngestDeps, IngestInput, RunReport } from './types.ts';

export type { IngestDeps, IngestInput, InputResult, RunReport } from './types.ts';

/** Ingests files; returns the run report. Throws only for failures of the ledger itself (rolled back). */
export async function ingest(
  ledger: Ledger,
  inputs: IngestInput[],
  deps: IngestDeps,
  command = 'ingest',
): Promise<RunReport> {
  const clock = startClock(deps);
  return transaction(ledger.db, async (tx) => {
    // First of all, the writer lock: a concurrent ingest on the same database waits here until this one is done.
    await lockWriters(tx, () =>
      clock.log('another ingest is writing to this ledger; waiting for it to finish'),
    );
    const ctx = await openRun(tx, ledger.raw, inputs, deps, command, clock);
    const report = ctx.report;
    // Reference files (county shapes, FBI agency table, ACS population) take their own path.
    const sorted = sortInputs(inputs);
    const reading = await startReading(ctx, sorted.workbooks);
    // The workers read the first files while the reference files (and the bundled county shapes) are stored.
    const refs = await whileReading(reading, () => storeReferences(ctx, sorted.references));
    report.inputs.push(...refs.results.filter((r) => !r.bundled));
    report.loaded = refs.results.filter((r) => r.bundled);
    const workbooks = await storeWorkbooks(ctx, reading);
    report.inputs.push(...workbooks.results);
    report.problems = workbooks.problems;
    await ctx.checkpoint('publications-stored');
    ctx.log(`stored ${workbooks.fresh.length} new publication(s)`);
    const history = await foldHistory(ctx, workbooks.fresh);
    report.history = history?.report ?? null;
    report.geography = await placeAgencies(ctx, {
      newPublications: workbooks.fresh.length,
      history,
      referencesChanged: refs.changed,
      rowVersions: workbooks.written,
    });
    // The fold's state was compressed meanwhile.
    await history?.saveState();
    logPlacements(ctx, report.geography);
    report.inputs.push(...(await storeDocuments(ctx, sorted.documents, workbooks.fresh.length > 0)).results);
    return finishReport(ctx);
  });
}
