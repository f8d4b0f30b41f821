/**
 * Real processes against the embedded ledger: one process at a time per folder (exit 4 naming the folder and the
 * holder's pid), a stale lock left by a dead process is taken over, and a process killed in the middle of an
 * ingest transaction leaves the ledger exactly as it was.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.ts';
import { openLedger } from '../../src/store/connection.ts';
import { lockHolder } from '../../src/store/lock.ts';
import { listSnapshots } from '../../src/store/publications.ts';
import { dumpLedger, fillerRows, type IceRow, icePublication, tempDir } from '../support/ledgers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const BIN = join(ROOT, 'bin', 'reassess.js');
const NOW = () => new Date('2025-04-01T12:00:00.000Z');

/** The lock files in a ledger folder. */
const lockFiles = (home: string) => readdirSync(home).filter((f) => f.startsWith('reassess.lock'));

/** The child's environment: never a PostgreSQL server, so every process uses the embedded ledger. */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.REASSESS_HOME;
  return env;
}

const BASE = fillerRows(20);
const pub = (date: string, extra: IceRow[] = []) =>
  icePublication({ kind: 'participating', modified: `${date}T15:00:00Z`, rows: [...BASE, ...extra] });

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function dir(): string {
  const d = tempDir();
  cleanups.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

function spawnTsx(script: string, args: string[]): ChildProcess {
  const child = spawn(process.execPath, [TSX, join(ROOT, script), ...args], {
    cwd: ROOT,
    env: childEnv(),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return child;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((res) => child.once('exit', (code) => res(code)));
}

function output(child: ChildProcess): { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  return { out: () => out, err: () => err };
}

async function until<T>(
  what: string,
  fn: () => T | undefined | null | false,
  timeoutMs = 60_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Runs the real CLI (bin/reassess.js) and returns its exit code and output. */
function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: childEnv(),
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  const pid = Number(r.stdout);
  expect(isAlive(pid)).toBe(false);
  return pid;
}

describe('one process per embedded ledger folder', () => {
  it('refuses a second process with exit code 4 naming the folder and the holder, then works once it is gone', async () => {
    const home = dir();
    const files = dir();
    const file = join(files, 'participating-2025-03-03.xlsx');
    writeFileSync(file, pub('2025-03-03'));

    const holder = spawnTsx('test/support/hold-ledger.ts', [home]);
    const io = output(holder);
    const ready = await until('the holder to open the ledger', () => /ready (\d+)/.exec(io.out()));
    const holderPid = Number(ready[1]);
    expect(lockHolder(home)?.pid).toBe(holderPid);

    const refused = cli(['ingest', '--data-dir', home, file]);
    expect(refused.code, refused.stderr).toBe(4);
    expect(refused.stderr).toContain(home);
    expect(refused.stderr).toContain(`pid ${holderPid}`);
    expect(refused.stdout).toBe('');

    process.kill(holderPid, 'SIGTERM');
    expect(await exited(holder)).toBe(0);
    expect(lockFiles(home)).toEqual([]);

    const ok = cli(['ingest', '--data-dir', home, file]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/1 new/);
    const snaps = cli(['snapshots', '--json', '--data-dir', home]);
    expect(snaps.code, snaps.stderr).toBe(0);
    expect(JSON.parse(snaps.stdout)).toHaveLength(1);
  });

  it('takes over a stale lock left by a process that died', async () => {
    const home = dir();
    // A legacy single lock file and a new-style held file, both left by processes that are gone.
    const lock = join(home, 'reassess.lock');
    writeFileSync(lock, `${deadPid()}\n`);
    writeFileSync(
      join(home, 'reassess.lock.1-aa.held'),
      JSON.stringify({ pid: deadPid(), start: null, command: 'ingest', since: '' }),
    );
    const ledger = await openLedger({ home });
    try {
      expect(lockHolder(home)?.pid).toBe(process.pid);
      expect(lockFiles(home).filter((f) => f.endsWith('.held'))).toHaveLength(1);
      await ingest(ledger, [{ file: 'p.xlsx', bytes: pub('2025-03-03') }], { now: NOW });
      expect(await listSnapshots(ledger.db)).toHaveLength(1);
    } finally {
      await ledger.close();
    }
    expect(lockFiles(home)).toEqual([]);
    // And through the CLI, which is another process.
    writeFileSync(lock, `${deadPid()}\n`);
    const r = cli(['summary', '--json', '--data-dir', home]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ publications: 1 });
    expect(lockFiles(home)).toEqual([]);
  });

  it('refuses a second open of the same folder within one process', async () => {
    const home = dir();
    const first = await openLedger({ home });
    try {
      await expect(openLedger({ home })).rejects.toThrow(/already open in this process/);
      // The refused open must not have released the first one's lock.
      expect(lockHolder(home)?.pid).toBe(process.pid);
    } finally {
      await first.close();
    }
    expect(lockFiles(home)).toEqual([]);
    const again = await openLedger({ home });
    await again.close();
  });

  it('treats a garbage lock file as stale', async () => {
    const home = dir();
    writeFileSync(join(home, 'reassess.lock'), 'not a pid\n');
    writeFileSync(join(home, 'reassess.lock.7-bb.held'), '{"pid": "garbage');
    const ledger = await openLedger({ home });
    try {
      expect(lockHolder(home)?.pid).toBe(process.pid);
      expect(lockFiles(home).filter((f) => f.endsWith('.held'))).toHaveLength(1);
      expect(lockFiles(home).find((f) => f.endsWith('.held'))).toMatch(
        /^reassess\.lock\.\d+-[0-9a-f]+\.held$/,
      );
    } finally {
      await ledger.close();
    }
    expect(lockFiles(home)).toEqual([]);
  });
});

describe('a process killed in the middle of an ingest', () => {
  it('leaves the ledger exactly as before, and the next ingest works', async () => {
    const home = dir();
    const files = dir();
    // The ledger already holds one publication.
    let ledger = await openLedger({ home });
    await ingest(ledger, [{ file: 'participating-2025-03-03.xlsx', bytes: pub('2025-03-03') }], { now: NOW });
    const before = await dumpLedger(ledger);
    await ledger.close();
    expect(before.publications).toHaveLength(1);

    const batch = [
      pub('2025-03-10', [['AL', 'Baldwin County Sheriff Office', 'JEM', '2025-03-05']]),
      pub('2025-03-17', [
        ['AL', 'Baldwin County Sheriff Office', 'JEM', '2025-03-05'],
        ['GA', 'Cobb County Sheriff Office', 'WSO', '2025-03-12'],
      ]),
      icePublication({
        kind: 'pending',
        modified: '2025-03-17T15:05:00Z',
        rows: [['OK', 'Tulsa Police Department', 'TFM']],
      }),
    ].map((bytes, i) => {
      const f = join(files, `batch-${i}.xlsx`);
      writeFileSync(f, bytes);
      return f;
    });
    const marker = join(files, 'marker');
    const child = spawnTsx('test/support/ingest-child.ts', [home, marker, 'history-built', ...batch]);
    const io = output(child);
    const pidText = await until(
      'the child to reach history-built',
      () => {
        if (child.exitCode !== null)
          throw new Error(`ingest child exited early (${child.exitCode}): ${io.err()}`);
        return existsSync(marker) && readFileSync(marker, 'utf8').trim();
      },
      90_000,
    );
    const pid = Number(pidText);
    expect(lockHolder(home)?.pid).toBe(pid);
    process.kill(pid, 'SIGKILL');
    await until('the killed child to be gone', () => !isAlive(pid));
    await exited(child);
    // The dead child's lock is still there: the next open takes it over.
    expect(lockFiles(home).filter((f) => f.endsWith('.held'))).toHaveLength(1);
    expect(lockHolder(home)).toBeNull();

    ledger = await openLedger({ home });
    try {
      expect(await dumpLedger(ledger)).toEqual(before);
      const report = await ingest(
        ledger,
        batch.map((f) => ({ file: f, bytes: readFileSync(f) })),
        { now: NOW },
      );
      expect(report.counts).toEqual({ inputs: 3, new: 3, unchanged: 0, rejected: 0 });
      expect((await listSnapshots(ledger.db)).map((s) => [s.date, s.kind, s.status])).toEqual([
        ['2025-03-03', 'participating', 'ok'],
        ['2025-03-10', 'participating', 'ok'],
        ['2025-03-17', 'participating', 'ok'],
        ['2025-03-17', 'pending', 'ok'],
      ]);
    } finally {
      await ledger.close();
    }
    // And it survives a clean reopen.
    ledger = await openLedger({ home });
    try {
      expect((await dumpLedger(ledger)).publications).toHaveLength(4);
    } finally {
      await ledger.close();
    }
  });
});
