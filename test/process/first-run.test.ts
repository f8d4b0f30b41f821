/**
 * The first run into a new ledger folder, killed (SIGKILL) at moments spread over the whole run: whatever the
 * moment, the next command works and a second ingest gives a complete ledger (a new database is made whole in a
 * side folder and renamed into place). And a ledger whose database folder is damaged: every command stops with
 * exit 7 and a message naming `reassess recover`, which rebuilds it from the raw files. The full sweep (a kill
 * every 100 ms) is in the benchmark (bench/faults.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fillerRows, icePublication, tempDir } from '../support/ledgers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin', 'reassess.js');
const work = tempDir('reassess-first-run-');
afterAll(() => rmSync(work, { recursive: true, force: true }));

function env(): NodeJS.ProcessEnv {
  const e = { ...process.env };
  delete e.DATABASE_URL;
  delete e.REASSESS_HOME;
  return e;
}

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: env(),
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const files = [0, 1].map((i) => {
  const f = join(work, `participating-2025-03-0${i + 3}.xlsx`);
  writeFileSync(
    f,
    icePublication({
      kind: 'participating',
      modified: `2025-03-0${i + 3}T15:00:00Z`,
      rows: fillerRows(30 + i),
    }),
  );
  return f;
});

/** Starts a first ingest into `home` and kills it after `ms`; resolves when it is gone. */
function killedAfter(home: string, ms: number): Promise<void> {
  const child = spawn(process.execPath, [BIN, 'ingest', '--data-dir', home, ...files], {
    env: env(),
    stdio: 'ignore',
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  return new Promise((res) =>
    child.once('exit', () => {
      clearTimeout(timer);
      res();
    }),
  );
}

describe('a first run killed at any moment', () => {
  it('leaves a folder every next command can use', async () => {
    // Spread over the run: loading the program, creating the database, migrating, ingesting.
    for (const ms of [200, 900, 2000]) {
      const home = join(work, `k${ms}`);
      await killedAfter(home, ms);
      const summary = cli(['summary', '--json', '--data-dir', home]);
      expect(summary.code, `after a kill at ${ms} ms: ${summary.stderr}`).toBe(0);
      const again = cli(['ingest', '--json', '--data-dir', home, ...files]);
      expect(again.code, `ingest after a kill at ${ms} ms: ${again.stderr}`).toBe(0);
      expect(JSON.parse(cli(['summary', '--json', '--data-dir', home]).stdout)).toMatchObject({
        publications: 2,
      });
      expect(readdirSync(home).filter((f) => f.includes('.new-'))).toEqual([]);
    }
  });
});

describe('a damaged database folder', () => {
  it('stops every command with exit 7 naming recover, which rebuilds the ledger from the raw files', () => {
    const home = join(work, 'damaged');
    expect(cli(['ingest', '--data-dir', home, ...files]).code).toBe(0);
    // What a kill during an older version's first run left: a data folder without its control file.
    rmSync(join(home, 'pgdata', 'global', 'pg_control'));
    const broken = cli(['summary', '--data-dir', home]);
    expect(broken.code, broken.stderr).toBe(7);
    expect(broken.stderr).toContain(`reassess recover --data-dir ${home}`);
    expect(broken.stderr).not.toMatch(/\n\s+at /);
    const recovered = cli(['recover', '--data-dir', home]);
    expect(recovered.code, recovered.stderr).toBe(0);
    expect(JSON.parse(cli(['summary', '--json', '--data-dir', home]).stdout)).toMatchObject({
      publications: 2,
    });
    expect(readdirSync(home).some((f) => f.startsWith('pgdata.damaged-'))).toBe(true);
  });
});
