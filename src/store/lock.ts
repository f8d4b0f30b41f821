/**
 * One process at a time may own an embedded ledger folder (PGlite has no cross-process locking).
 * The lock is a file created exclusively, holding the owner's pid; a lock left by a dead process is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { LockedError } from '../errors.ts';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface Lock {
  path: string;
  release(): void;
}

export function acquireLock(dir: string): Lock {
  const path = join(dir, 'reassess.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(path, 'utf8').trim() === String(process.pid)) rmSync(path);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return { path, release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let pid = Number.NaN;
      try {
        pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
      } catch {
        continue;
      }
      if (Number.isFinite(pid) && pid !== process.pid && alive(pid))
        throw new LockedError(
          `the ledger folder ${dir} is in use by another reassess process (pid ${pid}); wait for it to finish, or use another --data-dir`,
        );
      rmSync(path, { force: true }); // stale lock from a process that died
    }
  }
  throw new LockedError(`could not lock the ledger folder ${dir}`);
}
