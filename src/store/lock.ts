/**
 * One process at a time may own an embedded ledger folder (PGlite has no cross-process locking).
 *
 * The protocol is "announce, then look" and is safe under every interleaving:
 * 1. a process announces itself with a file `reassess.lock.<token>.want`, written under another name and linked
 *    into place (link() is atomic and fails if the name exists), so the file is never seen empty or half written;
 *    the announcement stays in place, unmoved, until the process withdraws or releases the lock;
 * 2. it then lists the folder: if any other live process has announced itself, it withdraws (deletes its file)
 *    and either gives up (the other holds the lock) or waits a random moment and tries again (the other is
 *    trying too); if it sees nobody, it owns the folder, and says so with a second name for the same file,
 *    `reassess.lock.<token>.held` (a hard link: the announcement itself is never renamed, since a listing made
 *    while a file is renamed may miss it).
 * Two processes can never both see nobody: whichever looks last sees the other's announcement.
 *
 * A file whose process is gone (crashed, killed) is stale and is deleted by whoever meets it. A process is "the
 * same" only if both its pid and its start time (Linux: /proc/<pid>/stat) match, so a reused pid does not keep a
 * dead holder alive. The single `reassess.lock` file of earlier versions is read as a holder too (its pid), and
 * removed once its process is gone.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LockedError } from '../domain/errors.ts';

export interface LockOwner {
  pid: number;
  /** The process's start time in clock ticks since boot (Linux), or null where it cannot be read. */
  start: string | null;
  /** What the owner is doing (`ingest`, `serve`…). */
  command: string;
  since: string;
  /** Where a serving owner answers (for commands that can ask it instead of opening the folder). */
  url?: string;
}

export interface Lock {
  /** The held lock file. */
  path: string;
  owner: LockOwner;
  release(): void;
}

const PREFIX = 'reassess.lock.';
const LEGACY = 'reassess.lock';
/** Looks before giving up on a folder that other processes keep contending for (each after a short pause). */
const ATTEMPTS = 200;

/** Lock folders this process holds: a second open of the same folder in this process is refused too. */
const held = new Set<string>();

/** The start time of a process (field 22 of /proc/<pid>/stat), or null where there is no /proc. */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** True while the process that wrote `owner` runs (same pid, and the same start time where both are known). */
export function isAlive(owner: Pick<LockOwner, 'pid' | 'start'>): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = processStart(owner.pid);
  return owner.start === null || now === null || now === owner.start;
}

interface Entry {
  token: string;
  /** The files of one process (its announcement, and its held mark when it holds the lock). */
  names: string[];
  state: 'want' | 'held';
  owner: LockOwner | null;
}

function readOwner(dir: string, name: string): LockOwner | null {
  try {
    const text = readFileSync(join(dir, name), 'utf8');
    if (name !== LEGACY) return JSON.parse(text) as LockOwner;
    const pid = Number.parseInt(text.trim(), 10);
    return Number.isFinite(pid) ? legacyOwner(pid) : null;
  } catch {
    // Gone meanwhile, or unreadable: our files are linked in whole, so an unreadable one is nobody's.
    return null;
  }
}

const legacyOwner = (pid: number): LockOwner => ({ pid, start: null, command: 'reassess', since: '' });

/** The lock files of the folder by process (token); `.tmp` files are announcements not yet linked. */
function entriesOf(dir: string, own: string | null): Map<string, Entry> {
  const byToken = new Map<string, Entry>();
  for (const name of readdirSync(dir)) {
    const m = name === LEGACY ? ['', LEGACY, 'held'] : /^reassess\.lock\.(.+)\.(want|held|tmp)$/.exec(name);
    if (!m || m[1] === own) continue;
    const token = m[1] as string;
    if (m[2] === 'tmp') {
      // Left by a process that died between writing and linking its announcement.
      const pid = Number.parseInt(token, 10);
      if (pid !== process.pid && !isAlive({ pid, start: null })) rmSync(join(dir, name), { force: true });
      continue;
    }
    const e = byToken.get(token) ?? { token, names: [], state: 'want', owner: null };
    e.names.push(name);
    if (m[2] === 'held') e.state = 'held';
    e.owner ??= readOwner(dir, name);
    byToken.set(token, e);
  }
  return byToken;
}

/** The live entries of the folder other than ours; stale ones are deleted on the way. */
function liveEntries(dir: string, own: string | null): Entry[] {
  const out: Entry[] = [];
  for (const e of entriesOf(dir, own).values()) {
    // Our own pid here is an earlier process's (this one holds nothing in this folder yet).
    if (e.owner && e.owner.pid !== process.pid && isAlive(e.owner)) out.push(e);
    else for (const n of e.names) rmSync(join(dir, n), { force: true });
  }
  return out;
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function lockedBy(dir: string, e: Entry): LockedError {
  const o = e.owner as LockOwner;
  const what =
    o.command === 'reassess' ? 'another reassess process' : `another reassess process (${o.command})`;
  return new LockedError(
    `the ledger folder ${dir} is in use by ${what} (pid ${o.pid}); wait for it to finish, or use another --data-dir`,
  );
}

/** Announces this process: the file appears whole, or not at all. */
function announce(dir: string, token: string, owner: LockOwner): string {
  const want = join(dir, `${PREFIX}${token}.want`);
  const tmp = join(dir, `${PREFIX}${token}.tmp`);
  writeFileSync(tmp, JSON.stringify(owner));
  try {
    linkSync(tmp, want);
  } finally {
    rmSync(tmp, { force: true });
  }
  return want;
}

export function acquireLock(dir: string, info: { command?: string; url?: string } = {}): Lock {
  if (held.has(dir))
    throw new LockedError(
      `the ledger folder ${dir} is already open in this process (pid ${process.pid}); close it before opening it again`,
    );
  const token = `${process.pid}-${randomBytes(6).toString('hex')}`;
  const owner: LockOwner = {
    pid: process.pid,
    start: processStart(process.pid),
    command: info.command ?? 'reassess',
    since: new Date().toISOString(),
    ...(info.url ? { url: info.url } : {}),
  };
  let want: string | null = null;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (!want) {
      const holder = liveEntries(dir, null).find((e) => e.state === 'held');
      if (holder) throw lockedBy(dir, holder);
      want = announce(dir, token, owner);
    }
    const others = liveEntries(dir, token);
    if (others.length === 0) return take(dir, want, token, owner);
    const other = others.find((e) => e.state === 'held');
    // Among processes trying at once, the one with the smallest token stays announced and looks again; the
    // others withdraw and wait, so one of them gets through instead of all backing off together.
    if (other || others.some((e) => e.token < token)) {
      rmSync(want, { force: true });
      want = null;
      if (other) throw lockedBy(dir, other);
    }
    pause(1 + Math.floor(Math.random() * (2 + attempt)));
  }
  if (want) rmSync(want, { force: true });
  throw new LockedError(
    `could not lock the ledger folder ${dir}: other processes kept trying at the same time`,
  );
}

function take(dir: string, want: string, token: string, owner: LockOwner): Lock {
  const path = join(dir, `${PREFIX}${token}.held`);
  linkSync(want, path);
  held.add(dir);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    held.delete(dir);
    process.removeListener('exit', release);
    rmSync(path, { force: true });
    rmSync(want, { force: true });
  };
  process.once('exit', release);
  return { path, owner, release };
}

/** Who holds the folder now (a live holder), or null. */
export function lockHolder(dir: string): LockOwner | null {
  try {
    for (const e of entriesOf(dir, null).values())
      if (e.state === 'held' && e.owner && isAlive(e.owner)) return e.owner;
  } catch {
    // No folder: nobody holds it.
  }
  return null;
}
