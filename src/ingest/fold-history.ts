/**
 * The history stage of an ingest: when new publications were stored (or the reviewed files changed), identity,
 * the fold and the derived rows are brought up to date (update-history.ts), and the report's history figures are
 * counted.
 */
import type { Owners } from '../geography/signals.ts';
import type { PubIn } from '../history/types.ts';
import { countAgencies } from '../store/agencies.ts';
import { countPublications } from '../store/publications.ts';
import { reviewQueue } from './review-queue.ts';
import type { RunContext } from './run-context.ts';
import type { InputResult, RunReport } from './types.ts';
import { type HistoryUpdate, historyStale, updateHistory } from './update-history.ts';

export interface FoldedHistory {
  report: NonNullable<RunReport['history']>;
  /** After an incremental update: the identity tables as now written (placement reads them). */
  owners: Owners | undefined;
  /** Stores the fold's state (compressed meanwhile); call before the transaction ends. */
  saveState: () => Promise<void>;
}

/** Each new publication's result gets its gate status. */
function markGates(results: InputResult[], statuses: HistoryUpdate['statuses']): void {
  for (const r of results) {
    const s = r.publication !== undefined && r.status === 'new' ? statuses.get(r.publication) : undefined;
    if (s) r.gate = s.status;
  }
}

/** Folds the new publications into the history; null when there was nothing to do. */
export async function foldHistory(ctx: RunContext, fresh: PubIn[]): Promise<FoldedHistory | null> {
  if (!(fresh.length > 0 || (await historyStale(ctx.tx)))) return null;
  const h = await updateHistory(
    ctx.tx,
    fresh,
    ctx.runId,
    ctx.startedAt,
    ctx.checkpoint,
    ctx.log,
    ctx.aliases,
  );
  const owners = h.mode === 'incremental' ? h.owners() : undefined;
  ctx.log(`history updated (${h.mode})`);
  markGates(ctx.report.inputs, h.statuses);
  const publications = await countPublications(ctx.tx);
  const agencies = await countAgencies(ctx.tx);
  const review = (await reviewQueue(ctx.tx, ctx.aliases)).length;
  const report: FoldedHistory['report'] = {
    mode: h.mode,
    publications,
    agencies,
    agreements: h.agreements,
    events: h.events,
    reviewQueue: review,
    newAgencies: h.newAgencies,
    newDecisions: h.newDecisions,
    aliasConflicts: h.aliasConflicts,
    duplicateRows: h.duplicateRows,
  };
  await ctx.checkpoint('history-written');
  return { report, owners, saveState: h.saveState };
}
