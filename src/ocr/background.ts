/**
 * The OCR queue worked in the background of a long-running process (`reassess serve`): checks for jobs now and
 * then (every `intervalMs`), works them, and stops when asked (its current page finishes first). When no OCR
 * engine is installed it says so once and leaves the queue as it is.
 */
import { hostname } from 'node:os';
import type { Db } from '../store/db.ts';
import type { RawStore } from '../store/raw-store.ts';
import { EngineMissingError, type OcrEngine } from './engines.ts';
import { workQueue } from './queue.ts';

export interface Background {
  stop(): Promise<void>;
}

export function startBackgroundOcr(o: {
  db: Db;
  raw: RawStore;
  engine: () => Promise<OcrEngine>;
  now: () => Date;
  log: (msg: string) => void;
  intervalMs?: number;
}): Background {
  let stopping = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let engine: OcrEngine | null = null;
  let missing = false;
  const tick = async () => {
    if (stopping || missing) return;
    try {
      engine ??= await o.engine();
      const r = await workQueue({
        db: o.db,
        raw: o.raw,
        engine,
        now: o.now,
        owner: `${process.pid}@${hostname()}`,
        log: o.log,
        stopping: () => stopping,
      });
      if (r.documents > 0 || r.failed > 0) o.log(`ocr: ${r.documents} document(s) read, ${r.failed} failed`);
    } catch (e) {
      if (e instanceof EngineMissingError) {
        missing = true;
        o.log(`ocr: ${e.message}; scanned pages stay queued`);
      } else o.log(`ocr: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
    if (!stopping) {
      timer = setTimeout(() => {
        running = tick();
      }, o.intervalMs ?? 30_000);
      timer.unref();
    }
  };
  running = tick();
  return {
    stop: async () => {
      stopping = true;
      if (timer) clearTimeout(timer);
      await running;
      await engine?.close();
    },
  };
}
