/**
 * Where `reassess publish` sends the bytes of the files it writes: a worker thread (write-worker.mjs) writes them
 * in the order they were sent, while the main thread renders the next pages. Measured on the pack
 * (docs/performance.md): writing ~10,000 pages took ~3 s of the main thread's ~8 s of pages. The worker makes the
 * folders, and removes a file written before when it is written again. At most `limit`
 * bytes wait for the worker: `drain()` waits until they are written. `close()` waits for every file and throws
 * the first write that failed, as the file system's own error (its code and syscall kept).
 */
import { Worker } from 'node:worker_threads';

export interface FileSink {
  /** `replace`: the path was written before (its file is removed first: it may be a link to the old site's). */
  write(target: string, body: string | Uint8Array, replace: boolean): void;
  /** True when more than the limit waits: the caller should `drain()`. */
  full(): boolean;
  drain(): Promise<void>;
  close(): Promise<void>;
}

interface Failure {
  message: string;
  code?: string;
  syscall?: string;
  path?: string;
}

const BATCH = 64;

function asError(f: Failure): Error {
  return Object.assign(new Error(f.message), { code: f.code, syscall: f.syscall, path: f.path });
}

export function fileSink(limit = 64 * 1024 * 1024): FileSink {
  const worker = new Worker(new URL('./write-worker.mjs', import.meta.url));
  let batch: [string, string | Uint8Array, boolean][] = [];
  let waiting = 0;
  let flushes = 0;
  let crashed: Error | null = null;
  const answers = new Map<number, (failed: Failure | null) => void>();
  worker.on('message', (m: { flushed: number; failed: Failure | null }) => {
    answers.get(m.flushed)?.(m.failed);
    answers.delete(m.flushed);
  });
  worker.on('error', (e) => {
    crashed = e;
    for (const answer of answers.values()) answer({ message: `the file writer failed: ${e.message}` });
    answers.clear();
  });
  const send = () => {
    if (batch.length > 0) worker.postMessage({ files: batch });
    batch = [];
  };
  const flush = (): Promise<void> => {
    send();
    if (crashed) return Promise.reject(crashed);
    const id = flushes++;
    const sent = waiting;
    return new Promise((resolve, reject) => {
      answers.set(id, (failed) => {
        waiting -= sent;
        if (failed) reject(asError(failed));
        else resolve();
      });
      worker.postMessage({ flush: id });
    });
  };
  return {
    write(target, body, replace) {
      batch.push([target, body, replace]);
      waiting += typeof body === 'string' ? body.length : body.byteLength;
      if (batch.length >= BATCH) send();
    },
    full: () => waiting > limit,
    drain: flush,
    async close() {
      try {
        await flush();
      } finally {
        await worker.terminate();
      }
    },
  };
}
