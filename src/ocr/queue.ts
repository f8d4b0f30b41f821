/**
 * The OCR queue's worker (issue 15): takes jobs from the ledger one at a time (a lease per job, so several
 * processes on a PostgreSQL server share the queue and a killed worker's job is taken again when its lease runs
 * out) until the queue is empty or it is told to stop. OCR happens off the main thread (the PDF sandbox's worker
 * renders, the engine runs in its own process), so a server that works the queue keeps answering.
 */
import { InputError } from '../domain/errors.ts';
import { PdfSandbox } from '../sources/moa-pdf/sandbox.ts';
import type { Db } from '../store/db.ts';
import { claimOcrJob, finishOcrJob, releaseLease, runningLeases } from '../store/ocr-queue.ts';
import type { RawStore } from '../store/raw-store.ts';
import type { OcrEngine } from './engines.ts';
import { runJob } from './run-job.ts';

export interface QueueDeps {
  db: Db;
  raw: RawStore;
  engine: OcrEngine;
  now: () => Date;
  /** This worker's name in leases (`pid@host`). */
  owner: string;
  /** How long a lease holds without renewal (default 5 minutes). */
  leaseMs?: number;
  maxAttempts?: number;
  log?: (msg: string) => void;
  onPage?: (sha256: string, done: number, total: number) => void;
  stopping?: () => boolean;
  /** Whether a process of this host is alive (default: signal 0); a dead owner's lease is freed at once. */
  isAlive?: (pid: number) => boolean;
}

export interface QueueRun {
  documents: number;
  failed: number;
  stopped: boolean;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Frees the leases held by processes of this host that are gone (killed mid-job): their jobs need not wait for the
 * lease to run out. Owners on other hosts keep their lease until it runs out.
 */
export async function freeDeadLeases(d: QueueDeps): Promise<number> {
  const [, host] = d.owner.split('@');
  let freed = 0;
  for (const l of await runningLeases(d.db)) {
    const [pid, h] = l.owner.split('@');
    if (l.owner === d.owner || h !== host || !/^\d+$/.test(pid ?? '')) continue;
    if ((d.isAlive ?? pidAlive)(Number(pid))) continue;
    await releaseLease(d.db, l.sha256, l.owner);
    d.log?.(`ocr: ${l.sha256.slice(0, 12)}: its worker ${l.owner} is gone; resumed`);
    freed++;
  }
  return freed;
}

/** Works jobs until none is free (or `stopping()`); returns what it did. */
export async function workQueue(d: QueueDeps): Promise<QueueRun> {
  const leaseMs = d.leaseMs ?? 5 * 60_000;
  await freeDeadLeases(d);
  const sandbox = new PdfSandbox();
  const out: QueueRun = { documents: 0, failed: 0, stopped: false };
  try {
    for (;;) {
      if (d.stopping?.()) return { ...out, stopped: true };
      const now = d.now();
      const job = await claimOcrJob(
        d.db,
        d.owner,
        now.toISOString(),
        new Date(now.getTime() + leaseMs).toISOString(),
        d.maxAttempts ?? 3,
      );
      if (!job) return out;
      d.log?.(`ocr: ${job.sha256.slice(0, 12)}: ${job.pages.length} page(s), attempt ${job.attempts}`);
      try {
        const r = await runJob({ ...d, sandbox, leaseMs }, job);
        if (r === 'stopped') {
          await finishOcrJob(d.db, job.sha256, 'queued', d.now().toISOString(), null, null);
          return { ...out, stopped: true };
        }
        out.documents++;
      } catch (e) {
        const reason = e instanceof InputError ? e.reason : e instanceof Error ? e.message : String(e);
        const final = job.attempts >= (d.maxAttempts ?? 3) || e instanceof InputError;
        await finishOcrJob(
          d.db,
          job.sha256,
          final ? 'failed' : 'queued',
          d.now().toISOString(),
          d.engine.version,
          reason,
        );
        d.log?.(`ocr: ${job.sha256.slice(0, 12)}: ${final ? 'failed' : 'will retry'}: ${reason}`);
        if (final) out.failed++;
      }
    }
  } finally {
    await sandbox.close();
  }
}
