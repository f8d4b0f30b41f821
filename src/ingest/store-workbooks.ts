/**
 * The storing stage of an ingest: each workbook input, in order, is rejected (with its reason), found unchanged
 * (same bytes as a stored or earlier input) or stored: raw bytes, raw-file record, new row versions and the
 * publication. Writes are gathered and sent a few dozen publications at a time (each statement has a fixed cost).
 */
import type { FetchRecord } from '../domain/types.ts';
import type { ProblemSummary } from '../history/fold-rows.ts';
import type { PubIn } from '../history/types.ts';
import { insertPublications } from '../store/publications.ts';
import { insertFetches } from '../store/raw-files.ts';
import { collectGarbage } from './memory.ts';
import type { Prepared } from './prepare.ts';
import { knownRowVersions, type Reading } from './read-workbooks.ts';
import { retrievalOf } from './retrieval.ts';
import type { RunContext } from './run-context.ts';
import type { InputResult } from './types.ts';

/** In a large batch, memory is collected every so many files (see memory.ts). */
const GC_EVERY = 64;
/** Publications per batch of writes. */
const BATCH = 40;

export interface StoredWorkbooks {
  /** One result per workbook input, in input order. */
  results: InputResult[];
  /** The publications stored now, as the history folds them. */
  fresh: PubIn[];
  /** Row versions written in this run (the only rows that can be new to placement). */
  written: string[];
  problems: ProblemSummary;
}

/** The writes gathered for the next batch, and what the stored batches gave. */
class PublicationBatch {
  readonly slots: InputResult[];
  readonly fetches: FetchRecord[] = [];
  readonly fresh: PubIn[] = [];
  readonly written: string[] = [];
  /** The new files of the batch by sha256, with the later inputs of the same bytes. */
  readonly inBatch = new Map<string, number[]>();
  private readonly items: { i: number; r: Prepared }[] = [];

  constructor(
    private readonly ctx: RunContext,
    private readonly reading: Reading,
  ) {
    this.slots = new Array(reading.inputs.length);
  }

  get size(): number {
    return this.items.length;
  }

  add(i: number, sha256: string, r: Prepared): void {
    this.items.push({ i, r });
    this.inBatch.set(sha256, []);
  }

  /** Sends the gathered retrievals and publications. */
  async flush(): Promise<void> {
    const { ctx, reading } = this;
    await insertFetches(ctx.tx, ctx.runId, this.fetches.splice(0));
    if (this.items.length === 0) return;
    if (!reading.stored) reading.stored = await knownRowVersions(ctx.tx, reading.todo.length);
    const items = this.items.splice(0);
    const ids = await insertPublications(
      ctx.tx,
      items.map((b) => b.r),
      ctx.runId,
      ctx.startedAt,
      reading.stored,
      this.written,
    );
    items.forEach(({ i, r }, k) => {
      this.stored(i, r, ids[k] as number);
    });
    this.inBatch.clear();
  }

  /** Records a stored publication: for the fold, and as the result of its input and of the same bytes later. */
  private stored(i: number, r: Prepared, id: number): void {
    const m = r.meta;
    const byContent = this.reading.byContent;
    this.reading.known.set(m.sha256, id);
    this.fresh.push({
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
    this.slots[i] = {
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
    for (const j of this.inBatch.get(m.sha256) ?? []) (this.slots[j] as InputResult).publication = id;
  }
}

function addProblems(to: ProblemSummary, from: ProblemSummary): void {
  to.total += from.total;
  for (const [code, n] of Object.entries(from.byCode)) to.byCode[code] = (to.byCode[code] ?? 0) + n;
  for (const p of from.sample) if (to.sample.length < 50) to.sample.push(p);
}

/** Stores the workbooks as they are read; stops the workers when done. */
export async function storeWorkbooks(ctx: RunContext, reading: Reading): Promise<StoredWorkbooks> {
  const { inputs, shas, todo, known } = reading;
  const batch = new PublicationBatch(ctx, reading);
  const slots = batch.slots;
  const problems: ProblemSummary = { total: 0, byCode: {}, sample: [] };
  const rejected = new Map<string, string>();
  const rawWrites: Promise<boolean>[] = [];
  try {
    for (const [i, input] of inputs.entries()) {
      const sha256 = shas[i] as string;
      const fetch = retrievalOf(input, sha256, ctx.now);
      batch.fetches.push(fetch);
      if (inputs.length > 20 && i % 25 === 0) ctx.log(`reading ${i + 1}/${inputs.length} ${input.file}`);
      if (todo.length >= GC_EVERY && i > 0 && i % GC_EVERY === 0) collectGarbage();
      const reason = rejected.get(sha256);
      if (reason !== undefined) {
        fetch.error = `rejected: ${reason}`;
        slots[i] = { file: input.file, sha256, status: 'rejected', reason };
        continue;
      }
      if (known.has(sha256) || batch.inBatch.has(sha256)) {
        slots[i] = {
          file: input.file,
          sha256,
          status: 'unchanged',
          reason: 'same bytes already stored',
          publication: known.get(sha256),
        };
        batch.inBatch.get(sha256)?.push(i);
        // Known bytes repair their raw copy if it was damaged or deleted (putAsync re-hashes it).
        if (known.has(sha256)) rawWrites.push(ctx.raw.putAsync(sha256, input.bytes));
        continue;
      }
      const next = await reading.prepared.next();
      if (next.done) throw new Error('ingest: fewer prepared files than new inputs');
      const r = next.value;
      if (!r.ok) {
        fetch.error = `rejected: ${r.reason}`;
        slots[i] = { file: input.file, sha256, status: 'rejected', reason: r.reason };
        rejected.set(sha256, r.reason);
        continue;
      }
      // Raw bytes first (content-addressed and immutable: a rollback leaves at worst an unreferenced file).
      rawWrites.push(ctx.raw.putAsync(sha256, input.bytes));
      addProblems(problems, r.summary);
      batch.add(i, sha256, r);
      if (batch.size >= BATCH) await batch.flush();
    }
    await batch.flush();
    await Promise.all(rawWrites);
  } finally {
    await reading.pool?.close();
  }
  return { results: slots, fresh: batch.fresh, written: batch.written, problems };
}
