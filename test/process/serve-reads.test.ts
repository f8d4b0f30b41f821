/**
 * CLI reads while `reassess serve` holds the embedded ledger (issue 16, item 7): real processes on a fixture ledger.
 * Every read command prints the same output (and exit code) through the running server as it does with the server
 * stopped; a write while serving is refused with exit 4 naming the server (pid and address), the server keeps
 * serving, and nothing stored changes; once the server stops, the same write goes through.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.ts';
import { openLedger } from '../../src/store/connection.ts';
import { SERVE_FILE } from '../../src/store/served.ts';
import { FIXTURE_FILES, FIXTURE_NOW, referenceFiles } from '../support/api-fixture.ts';
import { dumpLedger, fillerRows, icePublication, type LedgerDump, tempDir } from '../support/ledgers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const BIN = join(ROOT, 'bin', 'reassess.js');

const base = tempDir('reassess-serve-reads-');
const home = join(base, 'ledger');
const exportDir = join(base, 'export');
const newList = join(base, 'participating-2025-04-07.xlsx');

/** The children's environment: the embedded ledger (never a PostgreSQL server), no background OCR. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, REASSESS_NO_OCR: '1' };
  delete env.DATABASE_URL;
  delete env.REASSESS_HOME;
  return env;
}

/** The read commands compared (each run with --data-dir). */
const READS: string[][] = [
  ['summary'],
  ['snapshots'],
  ['agreements'],
  ['agreements', '--json', '--state', 'FL'],
  ['agency', 'Cobb County Sheriff'],
  ['changes', '--since', '2025-01-01'],
  ['diff', '2025-03-03', '2025-03-31'],
  ['review'],
  ['places'],
  ['counties', '--json'],
  ['coverage'],
  ['documents'],
  ['documents', 'search', 'sheriff'],
  ['stops', 'list'],
  ['users', 'list'],
  ['audit'],
  ['editors', 'audit-log'],
  ['verify'],
  ['export', '--format', 'csv', '--out', exportDir],
];

interface Result {
  args: string[];
  code: number;
  out: string;
  err: string;
}

/** Runs the commands in one child process (test/support/cli-batch.ts). */
function batch(lines: string[][]): Promise<Result[]> {
  const child = spawn(
    process.execPath,
    [
      TSX,
      join(ROOT, 'test/support/cli-batch.ts'),
      JSON.stringify(lines.map((a) => [...a, '--data-dir', home])),
    ],
    { cwd: ROOT, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  return new Promise((res, rej) =>
    child.once('exit', (code, signal) =>
      code === 0 ? res(JSON.parse(out) as Result[]) : rej(new Error(`cli-batch: ${code ?? signal}: ${err}`)),
    ),
  );
}

/** The real command (bin/reassess.js), run without blocking this process (which also reads the server's output). */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args, '--data-dir', home], {
    cwd: ROOT,
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((res) => child.once('exit', (code) => res({ code, stdout, stderr })));
}

/** The exported files, by name, and the folder removed (so the next export starts empty). */
function takeExport(): Record<string, string> {
  const files = Object.fromEntries(
    readdirSync(exportDir).map((f) => [f, readFileSync(join(exportDir, f), 'utf8')]),
  );
  rmSync(exportDir, { recursive: true, force: true });
  return files;
}

async function dump(): Promise<LedgerDump> {
  const ledger = await openLedger({ home });
  try {
    return await dumpLedger(ledger);
  } finally {
    await ledger.close();
  }
}

let server: ChildProcess | null = null;

function startServe(): Promise<{ url: string }> {
  const child = spawn(
    process.execPath,
    [TSX, join(ROOT, 'src/cli/main.ts'), 'serve', '--port', '0', '--data-dir', home],
    {
      cwd: ROOT,
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  server = child;
  let err = '';
  return new Promise((res, rej) => {
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /Serving the ledger on (http:\/\/\S+)/.exec(err);
      if (m) res({ url: m[1] as string });
    });
    child.once('exit', (code) => rej(new Error(`serve exited (${code}): ${err}`)));
  });
}

function stopServe(): Promise<number | null> {
  const child = server;
  if (!child || child.exitCode !== null) return Promise.resolve(child?.exitCode ?? null);
  return new Promise((res) => {
    child.once('exit', (code) => res(code));
    child.kill('SIGTERM');
  });
}

let before: LedgerDump;

beforeAll(async () => {
  const ledger = await openLedger({ home });
  await ingest(ledger, referenceFiles(), { now: FIXTURE_NOW });
  await ingest(ledger, FIXTURE_FILES, { now: FIXTURE_NOW });
  await ledger.close();
  writeFileSync(
    newList,
    icePublication({ kind: 'participating', modified: '2025-04-07T15:00:00Z', rows: fillerRows(9) }),
  );
}, 240_000);

afterAll(async () => {
  if (server && server.exitCode === null) server.kill('SIGKILL');
  rmSync(base, { recursive: true, force: true });
});

describe('CLI reads while serve runs', () => {
  it('print the same through the running server as with it stopped; writes are refused, nothing is lost', async () => {
    const stopped = await batch(READS);
    for (const r of stopped) expect(r.code, `${r.args.join(' ')}: ${r.err}`).toBe(0);
    const exportedStopped = takeExport();
    const agreementsStopped = await cli(['agreements']);
    expect(agreementsStopped.code).toBe(0);
    before = await dump();

    const { url } = await startServe();
    // The server's own process (tsx runs it in a child of the one spawned here).
    const { pid } = JSON.parse(readFileSync(join(home, SERVE_FILE), 'utf8')) as { pid: number };
    try {
      const served = await batch(READS);
      for (const [i, r] of served.entries()) expect(r, r.args.join(' ')).toEqual(stopped[i]);
      expect(takeExport()).toEqual(exportedStopped);
      // The real command, as a user types it.
      expect(await cli(['agreements'])).toEqual(agreementsStopped);

      const refused = await cli(['ingest', newList]);
      expect(refused.code).toBe(4);
      expect(refused.stderr).toContain(`held by reassess serve (pid ${pid}, ${url})`);
      expect(refused.stderr).toContain('`ingest` writes to the ledger');
      const writes = await batch([
        ['users', 'add', 'alice', '--role', 'reviewer'],
        ['stops', 'rates', 'any-dataset'],
        ['evidence', 'import'],
      ]);
      for (const r of writes) {
        expect(r.code, r.args.join(' ')).toBe(4);
        expect(r.err).toContain(`held by reassess serve (pid ${pid}, ${url})`);
      }
      // The server is still there and answers.
      expect((await fetch(`${url}/api/v1/publications`)).status).toBe(200);
    } finally {
      expect(await stopServe()).toBe(0);
    }
    expect(existsSync(join(home, SERVE_FILE))).toBe(false);
    expect(existsSync(join(home, 'reassess.sock'))).toBe(false);
    expect(await dump()).toEqual(before);

    // With the server stopped, the same write goes through.
    const ingested = await cli(['ingest', newList]);
    expect(ingested.code, ingested.stderr).toBe(0);
    const after = await dump();
    expect(after.publications?.length).toBe((before.publications?.length ?? 0) + 1);
  }, 600_000);
});
