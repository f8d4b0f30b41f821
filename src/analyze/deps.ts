/**
 * What the stop orchestrator is given (side effects passed in): the ledger, the DuckDB database of stop data,
 * the clock, a progress logger and the reviewed reference folder. Tests pin the clock and use temporary folders.
 */
import type { Ledger } from '../store/connection.ts';
import type { StopsDb } from '../store/stops/duck.ts';

export interface AnalyzeDeps {
  ledger: Ledger;
  duck: StopsDb;
  now: () => Date;
  log: (message: string) => void;
  /** Folder of the reviewed files (default: src/reference). */
  referenceDir?: string;
  /** Scratch folder for extracted zip entries (default: the ledger's folder). */
  scratchDir?: string;
}

export const isoNow = (deps: AnalyzeDeps) => deps.now().toISOString();
export const today = (deps: AnalyzeDeps) => deps.now().toISOString().slice(0, 10);
