/**
 * One ingest run as its stages see it: the inputs, the clock, the logger, the checkpoint, the transaction and
 * raw store they write through, and the report they fill in.
 */
import type { AliasEntry } from '../domain/identity.ts';
import type { ProblemSummary } from '../history/fold-rows.ts';
import type { Db } from '../store/db.ts';
import type { RawStore } from '../store/raw-store.ts';
import { startRun } from '../store/runs.ts';
import type { IngestDeps, IngestInput, InputResult, RunReport } from './types.ts';

/** The report as the stages fill it in (finish-report.ts completes it). */
export interface ReportDraft {
  /** One result per input: the reference files first, then the workbooks in input order. */
  inputs: InputResult[];
  /** The bundled county shapes, when loaded in this run. */
  loaded: InputResult[];
  problems: ProblemSummary;
  history: RunReport['history'];
  geography: RunReport['geography'];
}

/** When the run started, and its logger (which adds the time since) and checkpoint. */
export interface RunClock {
  started: Date;
  startedAt: string;
  log: (msg: string) => void;
  checkpoint: (stage: string) => Promise<void>;
}

export interface RunContext extends RunClock {
  /** The run's transaction: every read and write of the run goes through it. */
  tx: Db;
  raw: RawStore;
  runId: number;
  command: string;
  /** The run's inputs, as given. */
  inputs: readonly IngestInput[];
  now: () => Date;
  /** Reviewed alias verdicts to use instead of `agency-aliases.csv` (tests); undefined: the file's. */
  aliases: readonly AliasEntry[] | undefined;
  report: ReportDraft;
}

/** Starts the run's clock (before its transaction opens). */
export function startClock(deps: IngestDeps): RunClock {
  const started = deps.now();
  const startedAt = started.toISOString();
  const t0 = performance.now();
  return {
    started,
    startedAt,
    log: (m) => deps.log?.(`${m} (+${Math.round(performance.now() - t0)} ms)`),
    checkpoint: async (stage) => {
      await deps.checkpoint?.(stage);
    },
  };
}

/** Records the run in the ledger and gives its context. */
export async function openRun(
  tx: Db,
  raw: RawStore,
  inputs: readonly IngestInput[],
  deps: IngestDeps,
  command: string,
  clock: RunClock,
): Promise<RunContext> {
  const runId = await startRun(tx, command, clock.startedAt);
  return {
    ...clock,
    tx,
    raw,
    runId,
    command,
    inputs,
    now: deps.now,
    aliases: deps.aliases,
    report: {
      inputs: [],
      loaded: [],
      problems: { total: 0, byCode: {}, sample: [] },
      history: null,
      geography: null,
    },
  };
}
