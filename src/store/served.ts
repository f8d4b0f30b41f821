/**
 * While `reassess serve` holds an embedded ledger folder, it says so in `reassess.serve.json` beside the lock: its
 * process (pid and start time), the socket where it answers other CLI processes' read-only queries (remote.ts) and
 * the address of its site. The file is written whole (under another name, then renamed) and removed when the
 * server stops; one left by a process that is gone is ignored (and removed by the next server).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive, type LockOwner, processStart } from './lock.ts';

export const SERVE_FILE = 'reassess.serve.json';
const SOCKET = 'reassess.sock';
/** Unix socket paths longer than this do not fit (sun_path is 108 bytes on Linux, 104 on macOS). */
const SOCKET_PATH_MAX = 100;

export interface ServeRecord {
  pid: number;
  start: string | null;
  /** The Unix socket of the read-only query channel. */
  socket: string;
  /** The site's address, once the server listens. */
  url: string | null;
  since: string;
}

/**
 * Where the server's socket goes: beside the lock, or, when that path is too long for a socket, in a new private
 * folder (mode 0700) of the system's temporary folder.
 */
export function socketPathFor(home: string): { socket: string; folder: string | null } {
  const beside = join(home, SOCKET);
  if (Buffer.byteLength(beside) <= SOCKET_PATH_MAX) return { socket: beside, folder: null };
  const tag = createHash('sha256').update(home).digest('hex').slice(0, 12);
  const folder = mkdtempSync(join(tmpdir(), `reassess-${tag}-`));
  return { socket: join(folder, SOCKET), folder };
}

/** Records (or updates) this process as the folder's server. */
export function writeServeRecord(home: string, r: Omit<ServeRecord, 'pid' | 'start' | 'since'>): ServeRecord {
  const record: ServeRecord = {
    pid: process.pid,
    start: processStart(process.pid),
    since: new Date().toISOString(),
    ...r,
  };
  const tmp = join(home, `${SERVE_FILE}.${process.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify(record));
  renameSync(tmp, join(home, SERVE_FILE));
  return record;
}

/** Removes the record if it is this process's. */
export function removeServeRecord(home: string): void {
  const r = readRecord(home);
  if (r && r.pid === process.pid) rmSync(join(home, SERVE_FILE), { force: true });
}

function readRecord(home: string): ServeRecord | null {
  try {
    const r = JSON.parse(readFileSync(join(home, SERVE_FILE), 'utf8')) as ServeRecord;
    return typeof r.pid === 'number' && typeof r.socket === 'string' ? r : null;
  } catch {
    return null;
  }
}

/** The live server of the folder, or null. */
export function servingProcess(home: string): ServeRecord | null {
  const r = readRecord(home);
  if (!r) return null;
  return isAlive(r as Pick<LockOwner, 'pid' | 'start'>) ? r : null;
}

/** "reassess serve (pid 123, http://localhost:8287)": the server as messages name it. */
export function describeServer(r: Pick<ServeRecord, 'pid' | 'url'>): string {
  return `reassess serve (pid ${r.pid}${r.url ? `, ${r.url}` : ''})`;
}
