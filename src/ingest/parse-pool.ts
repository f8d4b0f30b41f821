/**
 * Prepares many files on worker threads while the caller writes the previous ones to the ledger: reading and
 * normalizing (the larger part of a rebuild) overlaps with database work (measured in bench/). Results come
 * back in input order; at most `ahead` files are in flight, to bound memory. If a worker cannot start or dies,
 * its files are prepared on the calling thread instead.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FoldRow } from '../history/types.ts';
import type { CompactPrepared } from './parse-worker.ts';
import { type Prepared, type PrepareInput, prepare, type Rejected } from './prepare.ts';

type Result = Prepared | Rejected;

const firstLine = (s: string | undefined) => (s ?? 'the worker failed').split('\n')[0] as string;

interface Waiting {
  input: PrepareInput;
  resolve: (r: Result) => void;
  reject: (e: unknown) => void;
}

class PoolWorker {
  worker: Worker | null;
  readonly waiting = new Map<number, Waiting>();
  /** Listings this worker has sent, in its numbering (its messages arrive in order). */
  private readonly listings: FoldRow[] = [];

  constructor() {
    // A small young generation: the worker allocates fast and keeps little, and the default lets each worker
    // hold more memory at the peak of a rebuild (docs/performance.md). The old generation is left unbounded.
    this.worker = new Worker(new URL('./parse-worker-boot.mjs', import.meta.url), {
      resourceLimits: { maxYoungGenerationSizeMb: 16 },
    });
    this.worker.on('message', (m: { id: number; result?: CompactPrepared | Rejected; error?: string }) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      try {
        if (m.result) w.resolve(m.result.ok ? this.rehydrate(m.result) : m.result);
        // A fault while preparing this one file rejects the file, not the run.
        else w.resolve({ ok: false, reason: `could not be read (${firstLine(m.error)})` });
      } catch (e) {
        w.reject(e);
      }
    });
    this.worker.on('error', () => this.fallBack());
  }

  private rehydrate(c: CompactPrepared): Prepared {
    // Rows that normalize alike share one object (the row numbers travel apart, in `rows`).
    const listings: FoldRow[] = c.listings.map((l) => {
      if (typeof l !== 'number') {
        this.listings.push(l);
        return l;
      }
      const shared = this.listings[l];
      if (!shared) throw new Error(`worker referred to unknown listing ${String(l)}`);
      return shared;
    });
    return { ...c, listings };
  }

  /** The worker could not start or died: prepare what it held on this thread. */
  private fallBack(): void {
    this.worker = null;
    for (const w of this.waiting.values()) {
      try {
        w.resolve(prepare(w.input));
      } catch (e) {
        w.reject(e);
      }
    }
    this.waiting.clear();
  }
}

export class PreparePool {
  private readonly workers: PoolWorker[] = [];
  private next = 0;

  constructor(size = Math.max(1, Math.min(2, availableParallelism()))) {
    for (let i = 0; i < size; i++) {
      try {
        this.workers.push(new PoolWorker());
      } catch {
        break;
      }
    }
  }

  /** Workers running now (0 when preparing on the calling thread). */
  running(): number {
    return this.workers.filter((w) => w.worker !== null).length;
  }

  prepare(input: PrepareInput): Promise<Result> {
    const id = this.next++;
    const pw = this.workers[id % Math.max(1, this.workers.length)];
    const worker = pw?.worker;
    if (!pw || !worker) return Promise.resolve().then(() => prepare(input));
    return new Promise<Result>((resolve, reject) => {
      pw.waiting.set(id, { input, resolve, reject });
      worker.postMessage({ id, input });
    });
  }

  /**
   * Prepares every input, results in order, keeping up to `ahead` in flight. The first files are sent now, not
   * when the first result is asked for: the workers start while the caller goes on (an ingest stores the bundled
   * county shapes meanwhile).
   */
  prepareAll(inputs: PrepareInput[], ahead = 8): AsyncIterableIterator<Result> {
    const pending: Promise<Result>[] = [];
    let i = 0;
    while (i < inputs.length && pending.length < ahead)
      pending.push(this.prepare(inputs[i++] as PrepareInput));
    const it: AsyncIterableIterator<Result> = {
      next: async () => {
        const p = pending.shift();
        if (!p) return { done: true, value: undefined };
        const r = await p;
        if (i < inputs.length) pending.push(this.prepare(inputs[i++] as PrepareInput));
        return { done: false, value: r };
      },
      [Symbol.asyncIterator]: () => it,
    };
    return it;
  }

  async close(): Promise<void> {
    const ws = this.workers.splice(0);
    await Promise.all(ws.map((w) => w.worker?.terminate()));
  }
}
