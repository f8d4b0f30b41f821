/**
 * Writers under concurrency, on both backends: several processes start an ingest of one list each at the same
 * instant, on one PostgreSQL database (serialized by the writer lock, store/writer-lock.ts) and on one embedded
 * ledger folder (serialized by the folder lock: a refused racer tries again, as a script would). Every racer must
 * succeed, and the ledger must end exactly as if the same files had been ingested one after the other in the order
 * the runs were numbered (every table, row for row, compared with dumpLedger).
 */
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.ts';
import type { Ledger } from '../../src/store/connection.ts';
import {
  dumpLedger,
  fillerRows,
  type IceRow,
  icePublication,
  type LedgerDump,
  type LedgerTarget,
  pgliteTarget,
  postgresDatabase,
  tempDir,
  testDatabaseUrl,
} from '../support/ledgers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
/** The racers' clock (test/support/ingest-racer.ts). */
const NOW = () => new Date('2025-04-02T12:00:00.000Z');

const BASE = fillerRows(20);
const MARION: IceRow = ['FL', 'Marion County Sheriff Office', 'WSO', '2025-01-20'];
const MARION_RENAMED: IceRow = ['FL', 'Marion County Sheriffs Office and Jail', 'WSO', '2025-01-20'];
const PUTNAM: IceRow = ['FL', 'Putnam County Sheriff Office', 'JEM', '2025-01-06'];
const COBB: IceRow = ['GA', 'Cobb County Sheriff Office', 'JEM', '2025-02-20'];
const BALDWIN: IceRow = ['AL', 'Baldwin County Sheriff Office', 'JEM', '2025-03-12'];
const TULSA: IceRow = ['OK', 'Tulsa Police Department', 'TFM'];

/** Six lists whose history depends on their order: renames, removals, a pending list, a late arrival. */
const LISTS: [string, Buffer][] = [
  ['p-03-03', part('2025-03-03', [MARION, PUTNAM])],
  ['p-03-10', part('2025-03-10', [MARION_RENAMED, PUTNAM, COBB])],
  ['p-03-17', part('2025-03-17', [MARION_RENAMED, COBB, BALDWIN], 18)],
  ['p-03-24', part('2025-03-24', [MARION_RENAMED, BALDWIN])],
  ['p-03-31', part('2025-03-31', [MARION_RENAMED, BALDWIN, COBB], 19)],
  ['q-03-05', icePublication({ kind: 'pending', modified: '2025-03-05T15:00:00Z', rows: [TULSA] })],
];

function part(date: string, rows: IceRow[], base = 20): Buffer {
  return icePublication({
    kind: 'participating',
    modified: `${date}T15:00:00Z`,
    rows: [...BASE.slice(0, base), ...rows],
  });
}

const files = tempDir('reassess-race-files-');
const paths = LISTS.map(([name, bytes]) => {
  const p = join(files, `${name}.xlsx`);
  writeFileSync(p, bytes);
  return p;
});
afterAll(() => rmSync(files, { recursive: true, force: true }));

interface Raced {
  file: string;
  run: number;
  refused: number;
}

function race(target: LedgerTarget, file: string, startAt: number): Promise<Raced> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  if (target.databaseUrl) env.DATABASE_URL = target.databaseUrl;
  return new Promise((res, rej) => {
    const child = spawn(
      process.execPath,
      [TSX, join(ROOT, 'test/support/ingest-racer.ts'), target.home, String(startAt), file],
      {
        cwd: ROOT,
        env,
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('exit', (code) => {
      if (code !== 0) rej(new Error(`racer for ${file} exited ${code}: ${err}`));
      else res({ file, ...(JSON.parse(out) as { run: number; refused: number }) });
    });
  });
}

/** A dump with the one value that depends on the machine's speed (each run's duration) left out. */
function comparable(d: LedgerDump): LedgerDump {
  return {
    ...d,
    runs: d.runs?.map((r) => {
      const report = r.report as Record<string, unknown> | null;
      return { ...r, report: report ? { ...report, durationMs: 0 } : null };
    }) as LedgerDump[string],
  };
}

async function withLedger<T>(target: LedgerTarget, fn: (l: Ledger) => Promise<T>): Promise<T> {
  const ledger = await target.open();
  try {
    return await fn(ledger);
  } finally {
    await ledger.close();
  }
}

function concurrencySuite(name: string, fresh: () => Promise<LedgerTarget>, ROUNDS: number): void {
  describe(`concurrent ingests: ${name}`, () => {
    it(`end as the same ingests one after the other (${LISTS.length} racers × ${ROUNDS} rounds)`, async () => {
      let refusals = 0;
      const t0 = Date.now();
      for (let round = 0; round < ROUNDS; round++) {
        const target = await fresh();
        try {
          // Start far enough ahead for every racer to have loaded before the instant.
          const startAt = Date.now() + 4000;
          const raced = await Promise.all(paths.map((p) => race(target, p, startAt)));
          refusals += raced.reduce((n, r) => n + r.refused, 0);
          const order = [...raced].sort((a, b) => a.run - b.run);
          expect(order.map((r) => r.run)).toEqual(order.map((_, i) => i + 1));
          const together = comparable(await withLedger(target, dumpLedger));
          const replay = await fresh();
          try {
            const one = await withLedger(replay, async (ledger) => {
              for (const r of order) {
                const bytes = LISTS[paths.indexOf(r.file)]?.[1] as Buffer;
                await ingest(ledger, [{ file: r.file, bytes }], { now: NOW });
              }
              return comparable(await dumpLedger(ledger));
            });
            for (const t of Object.keys(one))
              expect(together[t], `table ${t}, round ${round}`).toEqual(one[t]);
          } finally {
            await replay.dispose();
          }
        } finally {
          await target.dispose();
        }
      }
      console.info(
        `[concurrent-ingest] ${name}: ${ROUNDS} rounds of ${LISTS.length} racers, all ingested, ledger equal to the sequential ingest; ${refusals} refusals retried (${Math.round((Date.now() - t0) / 1000)} s)`,
      );
    }, 600_000);
  });
}

concurrencySuite('embedded (PGlite, folder lock)', pgliteTarget, 1);

const pgUrl = testDatabaseUrl();
if (pgUrl) {
  const pg = postgresDatabase(pgUrl);
  afterAll(() => pg.drop());
  concurrencySuite('PostgreSQL (writer lock)', pg.target, 3);
} else if (process.env.CI) {
  describe('concurrent ingests: PostgreSQL', () => {
    it('runs under CI', () => {
      throw new Error(
        'CI is set but TEST_DATABASE_URL is not: the PostgreSQL concurrency test must run under CI.',
      );
    });
  });
} else {
  describe.skip('concurrent ingests: PostgreSQL (not run: TEST_DATABASE_URL is not set)', () => {
    it('end as the same ingests one after the other', () => undefined);
  });
}
