/**
 * The reading stage of an ingest: which workbooks are new (not the same bytes as a stored publication or an
 * earlier input), and reading them (read and normalize), on worker threads for larger batches, ahead of the
 * database writes (store-workbooks.ts takes the results in input order).
 */
import { availableParallelism } from 'node:os';
import { sha256Hex } from '../domain/hash.ts';
import type { Db } from '../store/db.ts';
import { allRowVersionHashes, knownPublications, latestListRowHashes } from '../store/publications.ts';
import { PreparePool } from './parse-pool.ts';
import { type Prepared, type PrepareInput, prepare, type Rejected } from './prepare.ts';
import type { RunContext } from './run-context.ts';
import type { IngestInput } from './types.ts';

/** Below this many new files, preparing them on this thread is cheaper than starting a worker. */
const PARALLEL_FROM = 8;

/**
 * Worker threads that read workbooks during a large ingest: REASSESS_PARSE_WORKERS (0 reads on the main thread),
 * default min(2, cores). Fewer workers use less memory and take longer (see bench/run.ts).
 */
function parseWorkers(): number {
  const v = process.env.REASSESS_PARSE_WORKERS;
  if (v !== undefined && /^\d+$/.test(v)) return Math.min(8, Number(v));
  return Math.max(1, Math.min(2, availableParallelism()));
}

async function* inThread(
  todo: PrepareInput[],
  stored: ReadonlySet<string>,
): AsyncGenerator<Prepared | Rejected> {
  const seen = new Map<string, string>();
  for (const input of todo) yield prepare(input, seen, stored);
}

/**
 * Row versions the ledger already holds, so each distinct row is sent once. For a large batch: all of them. For
 * a few files (a sync): those of the latest list of each kind, which hold nearly every row of a new list; the
 * insert skips the others on conflict anyway, so an incomplete set only costs a few extra rows.
 */
export async function knownRowVersions(tx: Db, inputs: number): Promise<Set<string>> {
  return inputs > 5 ? allRowVersionHashes(tx) : latestListRowHashes(tx);
}

/** The workbooks being read, and what the storing stage needs to know about them. */
export interface Reading {
  /** The workbook inputs, in order, and their sha256. */
  inputs: IngestInput[];
  shas: string[];
  /** Stored publications by sha256, and the first publication of each content hash. */
  known: Map<string, number>;
  byContent: Map<string, number>;
  /** The new files, in input order (each distinct file once). */
  todo: PrepareInput[];
  pool: PreparePool | null;
  /** The read files, in the order of `todo`. */
  prepared: AsyncIterableIterator<Prepared | Rejected>;
  /** Row-version hashes the ledger holds (read when first needed, then kept up to date by the writes). */
  stored: Set<string> | null;
}

/** Stored publications by sha256, and the first publication of each content hash. */
async function storedFiles(tx: Db): Promise<{ known: Map<string, number>; byContent: Map<string, number> }> {
  const known = new Map<string, number>();
  const byContent = new Map<string, number>();
  for (const r of await knownPublications(tx)) {
    known.set(r.sha256, r.publication_id);
    if (!byContent.has(r.content_hash)) byContent.set(r.content_hash, r.publication_id);
  }
  return { known, byContent };
}

/** Finds the new workbooks and starts reading them (the workers begin at once). */
export async function startReading(ctx: RunContext, inputs: IngestInput[]): Promise<Reading> {
  const { known, byContent } = await storedFiles(ctx.tx);
  // First, which inputs are new (not the same bytes as something stored or earlier in this batch).
  const shas = inputs.map((input) => sha256Hex(input.bytes));
  const seen = new Set<string>();
  const todo: PrepareInput[] = [];
  inputs.forEach((input, i) => {
    const sha256 = shas[i] as string;
    if (known.has(sha256) || seen.has(sha256)) return;
    seen.add(sha256);
    todo.push({ bytes: input.bytes, file: input.file, label: input.label, sha256 });
  });
  // Reading and normalizing run on a worker thread, ahead of the database writes, for larger batches.
  const workers = parseWorkers();
  const pool = todo.length >= PARALLEL_FROM && workers > 0 ? new PreparePool(workers) : null;
  // On this thread, rows the ledger holds already are not serialized at all (a new list repeats nearly all).
  const stored = !pool && todo.length > 0 ? await knownRowVersions(ctx.tx, todo.length) : null;
  const prepared = pool ? pool.prepareAll(todo) : inThread(todo, stored ?? new Set());
  return { inputs, shas, known, byContent, todo, pool, prepared, stored };
}

/** Runs `fn` while the files are read; if it fails, the workers are stopped. */
export async function whileReading<T>(reading: Reading, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    await reading.pool?.close();
    throw e;
  }
}
