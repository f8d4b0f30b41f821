/**
 * A first run killed at every moment (issue 13): `reassess ingest` of two small lists into a new ledger folder,
 * killed with SIGKILL after 100 ms, 200 ms, … until a run is no longer killed before it ends; after each kill, the
 * next command (`reassess summary`) and a second ingest, whose ledger must be complete (two publications), with no
 * side folder left behind. Prints one line per kill and the totals.
 *
 * `npx tsx bench/faults.ts [--step MS]` runs it alone; `npm run bench -- --faults` too (no data pack needed).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fillerRows, icePublication } from '../test/support/ledgers.ts';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'reassess.js');

function env(): NodeJS.ProcessEnv {
  const e = { ...process.env };
  delete e.DATABASE_URL;
  delete e.REASSESS_HOME;
  return e;
}

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: env(), encoding: 'utf8', timeout: 180_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A first ingest into `home`, killed after `ms`; whether the kill came before the run ended. */
function killedAfter(home: string, files: string[], ms: number): Promise<boolean> {
  const child = spawn(process.execPath, [BIN, 'ingest', '--data-dir', home, ...files], {
    env: env(),
    stdio: 'ignore',
  });
  let killed = false;
  const timer = setTimeout(() => {
    killed = child.exitCode === null;
    child.kill('SIGKILL');
  }, ms);
  return new Promise((res) =>
    child.once('exit', () => {
      clearTimeout(timer);
      res(killed);
    }),
  );
}

interface Outcome {
  ms: number;
  next: number | null;
  again: number | null;
  complete: boolean;
  leftovers: number;
}

async function sweep(work: string, files: string[], step: number): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (let ms = step; ; ms += step) {
    const home = join(work, `k${ms}`);
    if (!(await killedAfter(home, files, ms))) break;
    const next = cli(['summary', '--json', '--data-dir', home]);
    const again = cli(['ingest', '--json', '--data-dir', home, ...files]);
    const summary = cli(['summary', '--json', '--data-dir', home]);
    const complete = summary.code === 0 && JSON.parse(summary.stdout).publications === 2;
    const leftovers = readdirSync(home).filter((f) => f.includes('.new-')).length;
    out.push({ ms, next: next.code, again: again.code, complete, leftovers });
    console.log(
      `kill at ${ms} ms: next command exit ${next.code}, second ingest exit ${again.code}, ledger ${complete ? 'complete' : 'INCOMPLETE'}, side folders ${leftovers}`,
    );
    rmSync(home, { recursive: true, force: true });
  }
  return out;
}

export async function runFaultsBench(step = 100): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'reassess-faults-'));
  try {
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
    const all = await sweep(work, files, step);
    const bad = all.filter((o) => o.next !== 0 || o.again !== 0 || !o.complete || o.leftovers > 0);
    console.log(
      `first run killed ${all.length} times (every ${step} ms until it ended): next command ok ${all.filter((o) => o.next === 0).length}, ` +
        `second ingest ok ${all.filter((o) => o.again === 0).length}, complete ledgers ${all.filter((o) => o.complete).length}, ` +
        `runs with a problem ${bad.length}`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--step');
  await runFaultsBench(i > 0 ? Number(process.argv[i + 1]) : 100);
}
