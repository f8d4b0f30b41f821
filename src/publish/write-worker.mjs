// The file writer of `reassess publish` (file-sink.ts): makes the folders and writes the files it is sent, in
// order, on its own thread, so that the pages' rendering on the main thread and the file system's calls overlap.
// Plain JavaScript: it needs nothing of the project, and runs alike from src/ and from the compiled build.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort } from 'node:worker_threads';

/** The first failure: every later write is skipped, and each flush answers with it. */
let failed = null;
const made = new Set();

/** Writes one file; `replace`: the path was written before (maybe as a link to the previous site's file). */
function writeOne(target, body, replace) {
  const dir = dirname(target);
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  if (replace) rmSync(target, { force: true });
  writeFileSync(target, body);
}

parentPort.on('message', (m) => {
  if (m.files && !failed)
    for (const [target, body, replace] of m.files) {
      try {
        writeOne(target, body, replace);
      } catch (e) {
        failed = { message: e.message, code: e.code, syscall: e.syscall, path: e.path };
        break;
      }
    }
  if (m.flush !== undefined) parentPort.postMessage({ flushed: m.flush, failed });
});
