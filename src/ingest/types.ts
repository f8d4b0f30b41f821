/** What an ingest takes (files, and the side effects it is given) and the report it gives back. */
import type { AliasEntry } from '../domain/identity.ts';
import type { FetchRecord, ListKind } from '../domain/types.ts';
import type { MultiCountyReport, PlacementSummary } from '../geography/summary.ts';
import type { DuplicateRow } from '../history/fold.ts';
import type { ProblemSummary } from '../history/fold-rows.ts';
import type { ReferenceKind } from '../store/references.ts';

export interface IngestInput {
  bytes: Buffer;
  /** Path or URL, named in every problem and error. */
  file: string;
  /** ICE's file label (download name without extension), when known. */
  label?: string | null;
  /** The retrieval that produced the bytes (sync, backfill); local files get one made here. */
  fetch?: FetchRecord;
  /** For reference files: the vintage when the retrieval knows it (the Census API year). */
  vintage?: string | null;
}

export interface InputResult {
  file: string;
  sha256: string;
  status: 'new' | 'unchanged' | 'rejected';
  reason?: string;
  publication?: number;
  kind?: ListKind | ReferenceKind | 'document';
  source?: string;
  vintage?: string;
  asOfDate?: string;
  rows?: number;
  sameContentAs?: number;
  /** Reference files: how many rows had a problem (listed in the reference_files table). */
  problems?: number;
  /** The county shapes shipped with the program, loaded on first use (not one of the run's inputs). */
  bundled?: boolean;
  gate?: string;
}

export interface RunReport {
  run: number;
  command: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  inputs: InputResult[];
  counts: { inputs: number; new: number; unchanged: number; rejected: number };
  problems: ProblemSummary;
  gates: { quarantined: { publication: number; date: string; kind: string; reason: string | null }[] };
  history: {
    /** How the history was brought up to date: folded in (incremental) or rebuilt (full). */
    mode: 'incremental' | 'full';
    publications: number;
    agencies: number;
    agreements: number;
    events: number;
    reviewQueue: number;
    newAgencies: number;
    newDecisions: number;
    /** Reviewed alias verdicts that could not be applied (see Resolver.aliasConflicts). */
    aliasConflicts: string[];
    /** Rows that repeat another row's agreement under another label, counted once (history/fold.ts). */
    duplicateRows: DuplicateRow[];
  } | null;
  /** Reference data the program ships with, loaded in this run because the ledger had none (not an input). */
  loaded: InputResult[];
  /** Placements recomputed in this run (after new publications or reference files), else null. */
  geography: (PlacementSummary & { mode: string; placedNow: number; multiCounty: MultiCountyReport }) | null;
}

export interface IngestDeps {
  now: () => Date;
  log?: (msg: string) => void;
  /** Called between stages so tests can simulate a crash mid-ingest. */
  checkpoint?: (stage: string) => void | Promise<void>;
  /** Reviewed alias verdicts to use instead of `agency-aliases.csv` (tests). */
  aliases?: readonly AliasEntry[];
}
