/**
 * Ingest: bytes → raw store → parse → (in one transaction) publications → history → derived tables.
 * A failure anywhere rolls the ledger back to what it was; a file that cannot be read is rejected with its
 * reason and changes nothing. Every run writes a report (counts, rejects, problems, gates, history figures).
 */
import { availableParallelism } from 'node:os';
import type { Transaction } from 'kysely';
import { InputError } from '../domain/errors.ts';
import { sha256Hex } from '../domain/hash.ts';
import type { AliasEntry } from '../domain/identity.ts';
import type { FetchRecord, ListKind } from '../domain/types.ts';
import type { ProblemSummary } from '../history/fold-rows.ts';
import type { PubIn } from '../history/types.ts';
import type { Ledger } from '../store/connection.ts';
import { reviewQueue } from '../store/queries.ts';
import type { Database } from '../store/schema.ts';
import { selectJson } from '../store/select-json.ts';
import { insertFetches, insertPublications } from '../store/write.ts';
import { collectGarbage } from './memory.ts';
import { PreparePool } from './parse-pool.ts';
import { type Prepared, type PrepareInput, prepare, type Rejected } from './prepare.ts';
import { bundledCounties, type ReferenceKind, recognizeReference, storeReference } from './reference.ts';
import { type HistoryUpdate, historyStale, updateHistory } from './update-history.ts';
import { inputsHash, type PlacementSummary, updatePlacements } from './update-placements.ts';

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
  kind?: ListKind | ReferenceKind;
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
  } | null;
  /** Reference data the program ships with, loaded in this run because the ledger had none (not an input). */
  loaded: InputResult[];
  /** Placements recomputed in this run (after new publications or reference files), else null. */
  geography: (PlacementSummary & { mode: string; placedNow: number }) | null;
}

export interface IngestDeps {
  now: () => Date;
  log?: (msg: string) => void;
  /** Called between stages so tests can simulate a crash mid-ingest. */
  checkpoint?: (stage: string) => void | Promise<void>;
  /** Reviewed alias verdicts to use instead of `agency-aliases.csv` (tests). */
  aliases?: readonly AliasEntry[];
}

/** Below this many new files, preparing them on this thread is cheaper than starting a worker. */
const PARALLEL_FROM = 8;
/** In a large batch, memory is collected every so many files (see memory.ts). */
const GC_EVERY = 64;

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
async function knownRowVersions(tx: Transaction<Database>, inputs: number): Promise<Set<string>> {
  const out = new Set<string>();
  if (inputs > 5) {
    for (const r of await tx.selectFrom('row_versions').select('hash').execute()) out.add(r.hash);
    return out;
  }
  for (const kind of ['participating', 'pending']) {
    const r = await tx
      .selectFrom('publications')
      .select('rows')
      .where('kind', '=', kind)
      .orderBy('as_of', 'desc')
      .limit(1)
      .executeTakeFirst();
    for (const [, hash] of r?.rows ?? []) out.add(hash);
  }
  return out;
}

/** The retrieval that produced an input: the one given (sync, backfill), else a local-file read made now. */
function retrievalOf(input: IngestInput, sha256: string, now: () => Date): FetchRecord {
  return (
    input.fetch ?? {
      source: 'local-file',
      url: input.file,
      retrievedAt: now().toISOString(),
      status: null,
      contentType: null,
      size: input.bytes.length,
      sha256,
      error: null,
    }
  );
}

type ReferenceInput = { input: IngestInput; kind: ReferenceKind | 'unknown'; bundled?: boolean };

/** The reference files among the inputs, and the other inputs (workbooks, or files the workbook reader rejects). */
function sortInputs(inputs: IngestInput[]): { references: ReferenceInput[]; workbooks: IngestInput[] } {
  const references: ReferenceInput[] = [];
  const workbooks: IngestInput[] = [];
  for (const input of inputs) {
    const kind = recognizeReference(input.bytes);
    if (kind === null) workbooks.push(input);
    else references.push({ input, kind });
  }
  return { references, workbooks };
}

/** Stores the reference files (and the bundled county shapes when the ledger has none yet); returns their results. */
async function ingestReferences(
  tx: Transaction<Database>,
  ledger: Ledger,
  references: readonly ReferenceInput[],
  runId: number,
  at: string,
  deps: IngestDeps,
): Promise<{ results: InputResult[]; changed: boolean }> {
  const results: InputResult[] = [];
  let changed = false;
  const todo = [...references];
  const hasCounties = await tx
    .selectFrom('reference_files')
    .select('sha256')
    .where('kind', '=', 'us-atlas-counties')
    .limit(1)
    .executeTakeFirst();
  if (!hasCounties && !todo.some((t) => t.kind === 'us-atlas-counties')) {
    const b = bundledCounties();
    todo.unshift({
      input: {
        bytes: b.bytes,
        file: b.file,
        vintage: b.vintage,
        fetch: {
          source: 'us-atlas',
          url: b.url,
          retrievedAt: deps.now().toISOString(),
          status: null,
          contentType: 'application/json',
          size: b.bytes.length,
          sha256: sha256Hex(b.bytes),
          error: null,
        },
      },
      kind: 'us-atlas-counties',
      bundled: true,
    });
  }
  const fetches: FetchRecord[] = [];
  for (const { input, kind, bundled } of todo) {
    const sha256 = sha256Hex(input.bytes);
    const fetch = retrievalOf(input, sha256, deps.now);
    fetches.push(fetch);
    if (kind === 'unknown') {
      const reason =
        'neither an ICE workbook nor a reference file: expected an FBI LEE table (columns ori, pub_agency_name, state_abbr, county_name, …), an ACS B03002 county table or a us-atlas county TopoJSON';
      fetch.error = `rejected: ${reason}`;
      results.push({ file: input.file, sha256, status: 'rejected', reason });
      continue;
    }
    try {
      const r = await storeReference(tx, ledger.raw, { ...input, sha256 }, kind, runId, at);
      if (r.status === 'new') changed = true;
      results.push({
        file: input.file,
        sha256,
        status: r.status,
        kind,
        vintage: r.vintage,
        rows: r.rows,
        ...(r.status === 'unchanged' ? { reason: 'same bytes already stored' } : {}),
        ...(r.problems.length > 0 ? { problems: r.problems.length } : {}),
        ...(bundled ? { bundled: true } : {}),
      });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      fetch.error = `rejected: ${err.message}`;
      results.push({ file: input.file, sha256, status: 'rejected', reason: err.message });
    }
  }
  await insertFetches(tx, runId, fetches);
  return { results, changed };
}

/** True when the reviewed geography files changed since the placements were computed. */
async function placementsStale(tx: Transaction<Database>): Promise<boolean> {
  const s = await tx.selectFrom('placement_state').select('reference_hash').executeTakeFirst();
  return s?.reference_hash !== (await inputsHash(tx));
}

/** Ingests files; returns the run report. Throws only for failures of the ledger itself (rolled back). */
export async function ingest(
  ledger: Ledger,
  allInputs: IngestInput[],
  deps: IngestDeps,
  command = 'ingest',
): Promise<RunReport> {
  let inputs = allInputs;
  const started = deps.now();
  const startedAt = started.toISOString();
  const t0 = performance.now();
  const log = (m: string) => deps.log?.(`${m} (+${Math.round(performance.now() - t0)} ms)`);
  const checkpoint = async (stage: string) => {
    await deps.checkpoint?.(stage);
  };
  const results: InputResult[] = [];
  const problems: ProblemSummary = { total: 0, byCode: {}, sample: [] };

  return ledger.db.transaction().execute(async (tx) => {
    const run = await tx
      .insertInto('runs')
      .values({ command, started_at: startedAt, finished_at: null, report: null })
      .returning('run_id')
      .executeTakeFirstOrThrow();
    const runId = run.run_id;
    // Reference files (county shapes, FBI agency table, ACS population) take their own path (below).
    const sorted = sortInputs(inputs);
    inputs = sorted.workbooks;
    const known = new Map<string, number>();
    const byContent = new Map<string, number>();
    for (const r of await selectJson(
      tx,
      tx.selectFrom('publications').select(['sha256', 'content_hash', 'publication_id']),
    )) {
      known.set(r.sha256, r.publication_id);
      if (!byContent.has(r.content_hash)) byContent.set(r.content_hash, r.publication_id);
    }
    let stored: Set<string> | null = null;
    const fresh: PubIn[] = [];
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
    if (!pool && todo.length > 0) stored = await knownRowVersions(tx, todo.length);
    const prepared = pool ? pool.prepareAll(todo) : inThread(todo, stored ?? new Set());
    // The workers read the first files while the reference files (and the bundled county shapes) are stored.
    let refs: Awaited<ReturnType<typeof ingestReferences>>;
    try {
      refs = await ingestReferences(tx, ledger, sorted.references, runId, startedAt, deps);
    } catch (e) {
      await pool?.close();
      throw e;
    }
    results.push(...refs.results.filter((r) => !r.bundled));
    // Writes are gathered and sent a few dozen publications at a time (each statement has a fixed cost).
    const slots: InputResult[] = new Array(inputs.length);
    const fetches: FetchRecord[] = [];
    const batch: { i: number; r: Prepared }[] = [];
    const rejected = new Map<string, string>();
    const inBatch = new Map<string, number[]>();
    const rawWrites: Promise<boolean>[] = [];
    /** Row versions written in this run (the only rows that can be new to placement). */
    const written: string[] = [];
    const flush = async () => {
      await insertFetches(tx, runId, fetches.splice(0));
      if (batch.length === 0) return;
      if (!stored) stored = await knownRowVersions(tx, todo.length);
      const items = batch.splice(0);
      const ids = await insertPublications(
        tx,
        items.map((b) => b.r),
        runId,
        startedAt,
        stored,
        written,
      );
      items.forEach(({ i, r }, k) => {
        const id = ids[k] as number;
        const m = r.meta;
        known.set(m.sha256, id);
        fresh.push({
          id,
          sha256: m.sha256,
          kind: m.kind,
          source: m.source,
          asOf: m.asOf,
          asOfDate: m.asOfDate,
          contentHash: m.contentHash,
          listings: r.listings,
          rows: r.rows.map((x) => x[0]),
        });
        const same = byContent.get(m.contentHash);
        slots[i] = {
          file: m.file,
          sha256: m.sha256,
          status: 'new',
          publication: id,
          kind: m.kind,
          source: m.source,
          asOfDate: m.asOfDate,
          rows: m.dataRows,
          ...(same !== undefined ? { sameContentAs: same } : {}),
        };
        if (same === undefined) byContent.set(m.contentHash, id);
        for (const j of inBatch.get(m.sha256) ?? []) (slots[j] as InputResult).publication = id;
      });
      inBatch.clear();
    };
    try {
      for (const [i, input] of inputs.entries()) {
        const sha256 = shas[i] as string;
        fetches.push(retrievalOf(input, sha256, deps.now));
        if (inputs.length > 20 && i % 25 === 0) log(`reading ${i + 1}/${inputs.length} ${input.file}`);
        if (todo.length >= GC_EVERY && i > 0 && i % GC_EVERY === 0) collectGarbage();
        const reason = rejected.get(sha256);
        if (reason !== undefined) {
          (fetches[fetches.length - 1] as FetchRecord).error = `rejected: ${reason}`;
          slots[i] = { file: input.file, sha256, status: 'rejected', reason };
          continue;
        }
        if (known.has(sha256) || inBatch.has(sha256)) {
          slots[i] = {
            file: input.file,
            sha256,
            status: 'unchanged',
            reason: 'same bytes already stored',
            publication: known.get(sha256),
          };
          inBatch.get(sha256)?.push(i);
          continue;
        }
        const next = await prepared.next();
        if (next.done) throw new Error('ingest: fewer prepared files than new inputs');
        const r = next.value;
        if (!r.ok) {
          (fetches[fetches.length - 1] as FetchRecord).error = `rejected: ${r.reason}`;
          slots[i] = { file: input.file, sha256, status: 'rejected', reason: r.reason };
          rejected.set(sha256, r.reason);
          continue;
        }
        // Raw bytes first (content-addressed and immutable: a rollback leaves at worst an unreferenced file).
        rawWrites.push(ledger.raw.putAsync(sha256, input.bytes));
        problems.total += r.summary.total;
        for (const [code, n] of Object.entries(r.summary.byCode))
          problems.byCode[code] = (problems.byCode[code] ?? 0) + n;
        for (const p of r.summary.sample) if (problems.sample.length < 50) problems.sample.push(p);
        batch.push({ i, r });
        inBatch.set(sha256, []);
        if (batch.length >= 40) await flush();
      }
      await flush();
      await Promise.all(rawWrites);
    } finally {
      await pool?.close();
    }
    results.push(...slots);
    await checkpoint('publications-stored');
    log(`stored ${fresh.length} new publication(s)`);
    let history: RunReport['history'] = null;
    let owners: ReturnType<HistoryUpdate['owners']> | undefined;
    const gates: RunReport['gates'] = { quarantined: [] };
    let saveState: (() => Promise<void>) | null = null;
    if (fresh.length > 0 || (await historyStale(tx))) {
      const h = await updateHistory(tx, fresh, runId, startedAt, checkpoint, log, deps.aliases);
      saveState = h.saveState;
      if (h.mode === 'incremental') owners = h.owners();
      log(`history updated (${h.mode})`);
      for (const r of results) {
        const s =
          r.publication !== undefined && r.status === 'new' ? h.statuses.get(r.publication) : undefined;
        if (s) r.gate = s.status;
      }
      const publications = await tx
        .selectFrom('publications')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      const agencies = await tx
        .selectFrom('agencies')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('merged_into', 'is', null)
        .executeTakeFirstOrThrow();
      const review = (await reviewQueue(tx, deps.aliases)).length;
      history = {
        mode: h.mode,
        publications: Number(publications.n),
        agencies: Number(agencies.n),
        agreements: h.agreements,
        events: h.events,
        reviewQueue: review,
        newAgencies: h.newAgencies,
        newDecisions: h.newDecisions,
        aliasConflicts: h.aliasConflicts,
      };
      await checkpoint('history-written');
    }
    // A history rebuilt without new lists (an edited reviewed file: merges, renames) changes agencies too. After
    // an incremental history update, placement reads only the rows of the agencies the new lists touched.
    const geography =
      fresh.length > 0 || history !== null || refs.changed || (await placementsStale(tx))
        ? await updatePlacements(
            tx,
            log,
            history?.mode === 'incremental' ? { rowVersions: written, runId, owners } : undefined,
          )
        : null;
    // The fold's state was compressed meanwhile.
    await saveState?.();
    if (geography)
      log(
        `placements ${geography.mode} (${geography.placedNow} placed now; ${geography.placed} of ${geography.agencies} placed)`,
      );
    const quarantined = await tx
      .selectFrom('publications')
      .select(['publication_id', 'as_of_date', 'kind', 'status_reason'])
      .where('status', '=', 'quarantined')
      .orderBy('as_of')
      .execute();
    gates.quarantined = quarantined.map((q) => ({
      publication: q.publication_id,
      date: q.as_of_date,
      kind: q.kind,
      reason: q.status_reason,
    }));
    const finished = deps.now();
    const out: RunReport = {
      run: runId,
      command,
      startedAt,
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - started.getTime(),
      inputs: results,
      counts: {
        inputs: allInputs.length,
        new: results.filter((r) => r.status === 'new' && !r.bundled).length,
        unchanged: results.filter((r) => r.status === 'unchanged' && !r.bundled).length,
        rejected: results.filter((r) => r.status === 'rejected' && !r.bundled).length,
      },
      problems,
      gates,
      history,
      loaded: refs.results.filter((r) => r.bundled),
      geography,
    };
    await tx
      .updateTable('runs')
      .set({ finished_at: out.finishedAt, report: JSON.stringify(out) })
      .where('run_id', '=', runId)
      .execute();
    return out;
  });
}
