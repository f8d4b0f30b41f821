/**
 * Reads PDFs in a worker thread with bounded memory and time, so a hostile or broken file (a decompression bomb,
 * deep nesting, thousands of pages, a parser loop) is refused with a clear reason instead of taking the process
 * down. The worker is reused between documents and replaced after a failure. Every refusal is an InputError
 * naming the file.
 */
import { Worker } from 'node:worker_threads';
import { InputError } from '../../domain/errors.ts';
import { DEFAULT_GUARD_LIMITS, guardPdf } from './guard.ts';
import type { PageImage, WorkerRequest } from './pdf-worker.ts';
import { DEFAULT_READ_LIMITS, type PdfReading, type ReadLimits } from './read-pdf.ts';

export type { PageImage } from './pdf-worker.ts';

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

export interface SandboxOptions {
  /** Heap of the worker, in MB. */
  memoryMb: number;
  /** Longest a read may take, in ms. */
  timeoutMs: number;
  /** Longest the rasterizing of one page may take, in ms. */
  pageTimeoutMs: number;
  maxBytes: number;
  /** Limits on what compressed streams may inflate to (decompression bombs). */
  maxStreamBytes: number;
  maxInflatedBytes: number;
  limits: ReadLimits;
}

export const DEFAULT_SANDBOX: SandboxOptions = {
  memoryMb: 768,
  timeoutMs: 60_000,
  pageTimeoutMs: 30_000,
  maxBytes: DEFAULT_GUARD_LIMITS.maxBytes,
  maxStreamBytes: DEFAULT_GUARD_LIMITS.maxStreamBytes,
  maxInflatedBytes: DEFAULT_GUARD_LIMITS.maxInflatedBytes,
  limits: DEFAULT_READ_LIMITS,
};

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
  file: string;
}

/** A reason a person can act on, from what pdf.js threw. */
export function refusalReason(name: string, message: string): string {
  if (name === 'PasswordException') return 'encrypted: the document needs a password to open';
  if (name === 'InvalidPDFException') return `not a readable PDF (${message})`;
  if (/no pages/.test(message)) return 'the document has no pages';
  if (/call stack/i.test(message))
    return 'too deeply nested to read (its objects nest beyond the parser’s stack)';
  return `could not be read: ${message}`;
}

export class PdfSandbox {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly o: SandboxOptions;

  constructor(options: Partial<SandboxOptions> = {}) {
    this.o = { ...DEFAULT_SANDBOX, ...options };
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./pdf-worker-boot.mjs', import.meta.url), {
      resourceLimits: {
        maxOldGenerationSizeMb: this.o.memoryMb,
        maxYoungGenerationSizeMb: 32,
        stackSizeMb: 4,
      },
    });
    w.on('message', (m: { id: number; result?: unknown; error?: { name: string; message: string } }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.error) p.reject(new InputError(p.file, refusalReason(m.error.name, m.error.message)));
      else p.resolve(m.result);
    });
    const fail = (reason: string) => {
      if (this.worker === w) this.worker = null;
      for (const [id, p] of this.pending) {
        clearTimeout(p.timer);
        p.reject(new InputError(p.file, reason));
        this.pending.delete(id);
      }
    };
    w.on('error', (e: Error & { code?: string }) =>
      fail(
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `needed more than ${this.o.memoryMb} MB to read (stopped; a decompression bomb or an oversized image?)`
          : `the reader failed: ${e.message}`,
      ),
    );
    w.on('exit', () => fail('the reader stopped before it finished'));
    w.unref();
    this.worker = w;
    return w;
  }

  private call<T>(req: DistributiveOmit<WorkerRequest, 'id'>, file: string, timeoutMs: number): Promise<T> {
    const w = this.start();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new InputError(file, `reading took longer than ${Math.round(timeoutMs / 1000)} s (stopped)`));
        this.worker = null;
        void w.terminate();
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer, file });
      w.ref();
      w.postMessage({ ...req, id } as WorkerRequest);
    }).finally(() => {
      if (this.pending.size === 0) this.worker?.unref();
    });
  }

  /** The document's text layer, page by page. Throws InputError (naming `file`) when it is refused. */
  async read(bytes: Uint8Array, file: string): Promise<PdfReading & { warnings: string[] }> {
    const g = guardPdf(bytes, this.o);
    if (!g.ok) throw new InputError(file, g.reason);
    const r = await this.call<PdfReading>(
      { op: 'read', bytes, limits: this.o.limits },
      file,
      this.o.timeoutMs,
    );
    return { ...r, warnings: g.warnings };
  }

  /** Page images for OCR (PNG, grayscale). Throws InputError when the document cannot be rasterized. */
  raster(bytes: Uint8Array, pages: number[], file: string, maxDpi = 300): Promise<PageImage[]> {
    const timeout = this.o.pageTimeoutMs * Math.max(1, pages.length);
    return this.call<PageImage[]>({ op: 'raster', bytes, pages, maxDpi }, file, timeout);
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
