/** The last stage of an ingest: the run's report, from what the stages recorded, stored with the run. */
import { quarantinedPublications } from '../store/publications.ts';
import { finishRun } from '../store/runs.ts';
import type { RunContext } from './run-context.ts';
import type { RunReport } from './types.ts';

type Quarantined = RunReport['gates']['quarantined'];

/** The report: the stages' results, counts of the run's own inputs (not the bundled files), the gates. */
export function buildReport(
  ctx: Pick<RunContext, 'runId' | 'command' | 'started' | 'startedAt' | 'inputs' | 'report'>,
  finished: Date,
  quarantined: Quarantined,
): RunReport {
  const r = ctx.report;
  const count = (status: string) => r.inputs.filter((i) => i.status === status && !i.bundled).length;
  return {
    run: ctx.runId,
    command: ctx.command,
    startedAt: ctx.startedAt,
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - ctx.started.getTime(),
    inputs: r.inputs,
    counts: {
      inputs: ctx.inputs.length,
      new: count('new'),
      unchanged: count('unchanged'),
      rejected: count('rejected'),
    },
    problems: r.problems,
    gates: { quarantined },
    history: r.history,
    loaded: r.loaded,
    geography: r.geography,
  };
}

/** Completes the report and stores it with the run. */
export async function finishReport(ctx: RunContext): Promise<RunReport> {
  const quarantined: Quarantined = (await quarantinedPublications(ctx.tx)).map((q) => ({
    publication: q.publication_id,
    date: q.as_of_date,
    kind: q.kind,
    reason: q.status_reason,
  }));
  const out = buildReport(ctx, ctx.now(), quarantined);
  await finishRun(ctx.tx, ctx.runId, out.finishedAt, out);
  return out;
}
