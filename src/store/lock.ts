/**
 * One process at a time may own an embedded ledger folder (PGlite has no cross-process locking).
 * The lock is a file created exclusively, holding the owner's pid; a lock left by a dead process is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { LockedError } from '../domain/errors.ts';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Lock files this process holds: a second open of the same folder in this process must be refused too. */
const held = new Set<string>();

export interface Lock {
  path: string;
  release(): void;
}

export function acquireLock(dir: string): Lock {
  const path = join(dir, 'reassess.lock');
  if (held.has(path))
    throw new LockedError(
      `the ledger folder ${dir} is already open in this process (pid ${process.pid}); close it before opening it again`,
    );
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      held.add(path);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        held.delete(path);
        process.removeListener('exit', release);
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
      // Stale: left by a process that died (or by an earlier process that had our pid: we hold no lock here).
      rmSync(path, { force: true });
    }
  }
  throw new LockedError(`could not lock the ledger folder ${dir}`);
}
