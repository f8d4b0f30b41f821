/**
 * A whole history from publications: the fold (fold.ts) from an empty state, finalized. Used by full rebuilds
 * and tests; incremental ingest resumes a saved fold instead.
 */
import { decodeRefs } from '../domain/listing-refs.ts';
import { Resolver } from '../identify/resolver.ts';
import { emptyState, HistoryFold } from './fold.ts';
import type { HistoryInput, HistoryOutput } from './types.ts';

export * from './types.ts';

export function buildHistory(input: HistoryInput, reference = ''): HistoryOutput & { fold: HistoryFold } {
  const resolver = new Resolver(input.decisions, input.agencies, input.aliases);
  const fold = new HistoryFold(emptyState(reference), resolver, input.knownBad);
  const step = fold.apply(input.pubs);
  const done = fold.finalize();
  return {
    summaries: step.summaries,
    names: done.names,
    statuses: step.statuses,
    refs: [...step.refs].flatMap(([publication, c]) => decodeRefs(c, publication)),
    newDecisions: resolver.newDecisions(),
    newAgencies: resolver.newAgencies(),
    agencies: resolver.allAgencies(),
    agreements: done.agreements,
    events: done.events,
    fold,
  };
}
