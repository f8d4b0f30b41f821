/**
 * A snapshot of what the program does with the real data pack, for refactorings that must not change behaviour:
 * `tsx scripts/behaviour-snapshot.ts OUT_DIR` ingests the pack into a fresh ledger through the CLI, then writes
 * into OUT_DIR one file per ledger table (every row as JSON, sorted; columns that hold wall-clock times or run
 * numbers are left out), the output of every read command (plain and --json), and the whole static export
 * (`publish`). Compare two snapshots with `diff -r A B`. Needs REASSESS_DATA (the pack folder). Not part of the tests:
 * it takes a few minutes.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';

const out = resolve(process.argv[2] ?? 'behaviour-snapshot');
const pack = process.env.REASSESS_DATA;
if (!pack) throw new Error('set REASSESS_DATA to the data pack folder');
const home = mkdtempSync(join(tmpdir(), 'reassess-snapshot-'));
const bin = resolve('bin/reassess.js');
const env = { ...process.env, TZ: 'UTC', REASSESS_HOME: home, REASSESS_CORRECTIONS: '' };

function cli(args: string[]): string {
  try {
    return execFileSync(process.execPath, [bin, ...args], { env, maxBuffer: 1 << 30, encoding: 'utf8' });
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return `exit ${err.status}\n${err.stdout}\n--- stderr\n${err.stderr}`;
  }
}

/** Columns whose values depend on when or in which run the snapshot was made. */
const VOLATILE = new Set([
  'started_at',
  'finished_at',
  'retrieved_at',
  'first_seen_at',
  'ingested_at',
  'saved_at',
  'run_id',
  'fetch_id',
  'report',
  'executed_at',
]);

async function dumpTables(): Promise<void> {
  const { openLedger } = await import('../src/store/connection.ts');
  const ledger = await openLedger({ home });
  try {
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(
      ledger.db,
    );
    mkdirSync(join(out, 'tables'), { recursive: true });
    for (const { table_name } of tables.rows) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table_name)}`.execute(
        ledger.db,
      );
      const lines = rows.rows.map((r) => {
        const kept: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(r)) {
          if (VOLATILE.has(k)) continue;
          kept[k] = Buffer.isBuffer(v) ? `bytes:${v.length}` : v;
        }
        return JSON.stringify(kept);
      });
      lines.sort();
      writeFileSync(join(out, 'tables', `${table_name}.jsonl`), `${lines.join('\n')}\n`);
    }
  } finally {
    await ledger.close();
  }
}

const READS: [string, string[]][] = [
  ['summary', ['summary']],
  ['snapshots', ['snapshots']],
  ['agreements', ['agreements']],
  ['agreements-active-tx', ['agreements', '--active-on', '2025-09-01', '--state', 'TX']],
  ['changes', ['changes', '--since', '2020-01-01']],
  ['changes-fl', ['changes', '--since', '2025-06-01', '--state', 'FL', '--kind', 'removed']],
  ['diff', ['diff', '2025-03-07', '2025-03-17']],
  ['agency-escambia', ['agency', 'Escambia County Sheriff', '--state', 'FL']],
  ['review', ['review']],
  ['places', ['places']],
  ['places-unplaced', ['places', '--unplaced']],
  ['counties', ['counties', '--on', '2026-01-15']],
  ['coverage', ['coverage', '--on', '2025-12-01']],
];

const started = Date.now() - 60_000;

/** Times of this snapshot's own making (feeds' `updated`, raw files' `first_seen`…) written as <NOW>. */
function stripClock(dir: string): void {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) {
      stripClock(p);
      continue;
    }
    if (!/\.(html|json|jsonl|csv|atom|txt|xml)$/.test(f)) continue;
    const text = readFileSync(p, 'utf8');
    const clean = text.replace(/\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d(:?\d\d)?)?/g, (t) =>
      Date.parse(t) >= started ? '<NOW>' : t,
    );
    if (clean !== text) writeFileSync(p, clean);
  }
}

async function main(): Promise<void> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'cli'), { recursive: true });
  const d = (p: string) => join(pack as string, p);
  const ingest = cli([
    'ingest',
    d('ice-287g/participating'),
    d('ice-287g/pending'),
    d('ice-287g/derived/html-era-tables'),
    d('ice-287g/reference/fbi_lee_latest.csv'),
    d('racial-profiling-fixtures/acs_2017_5yr_county_B03002.csv'),
  ]);
  // The run report carries durations: keep only its shape.
  writeFileSync(join(out, 'cli', 'ingest.txt'), ingest.replace(/\d+(\.\d+)? ?(ms|s)\b/g, 'T'));
  for (const [name, args] of READS) {
    writeFileSync(join(out, 'cli', `${name}.txt`), cli(args));
    writeFileSync(join(out, 'cli', `${name}.json`), cli([...args, '--json']));
  }
  for (const format of ['csv', 'json']) cli(['export', '--format', format, '--out', join(out, 'export')]);
  cli(['publish', '--out', join(out, 'site'), '--base-url', 'https://reassess.example/']);
  await dumpTables();
  stripClock(out);
  rmSync(home, { recursive: true, force: true });
  console.log(`snapshot written to ${out}`);
}

await main();
