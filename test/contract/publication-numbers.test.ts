/**
 * Publication numbers do not depend on the ledger's crash history, on either backend: an ingest that fails and is
 * rolled back leaves no trace in the numbers of the publications stored after it, and stored numbers never change
 * (a backfilled older list gets the next number; the lists stored before keep theirs).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.ts';
import type { Ledger } from '../../src/store/connection.ts';
import { listSnapshots } from '../../src/store/publications.ts';
import {
  fillerRows,
  icePublication,
  pgliteTarget,
  postgresDatabase,
  type TargetFactory,
  testDatabaseUrl,
} from '../support/ledgers.ts';

const NOW = () => new Date('2025-04-02T12:00:00.000Z');
const list = (date: string, n: number) =>
  icePublication({ kind: 'participating', modified: `${date}T15:00:00Z`, rows: fillerRows(n) });
const A = { file: 'a.xlsx', bytes: list('2025-03-03', 20) };
const B = { file: 'b.xlsx', bytes: list('2025-03-10', 21) };
const C = { file: 'c.xlsx', bytes: list('2025-03-17', 22) };
const OLDER = { file: 'older.xlsx', bytes: list('2025-02-24', 20) };

/** Publication number by file. */
async function numbers(ledger: Ledger): Promise<Record<string, number>> {
  const rows = await ledger.db.selectFrom('publications').select(['file', 'publication_id']).execute();
  return Object.fromEntries(rows.map((r) => [r.file, r.publication_id]));
}

function suite(name: string, factory: TargetFactory): void {
  describe(`publication numbers: ${name}`, () => {
    it('are the same after a rolled-back ingest as without it', async () => {
      const target = await factory();
      const ledger = await target.open();
      try {
        await ingest(ledger, [A], { now: NOW });
        for (const stage of ['publications-stored', 'history-written']) {
          const crash = ingest(ledger, [B, C], {
            now: NOW,
            checkpoint: (s) => {
              if (s === stage) throw new Error(`simulated crash at ${s}`);
            },
          });
          await expect(crash).rejects.toThrow(/simulated crash/);
        }
        await ingest(ledger, [B], { now: NOW });
        await ingest(ledger, [C], { now: NOW });
        expect(await numbers(ledger)).toEqual({ 'a.xlsx': 1, 'b.xlsx': 2, 'c.xlsx': 3 });
      } finally {
        await ledger.close();
        await target.dispose();
      }
    });

    it('never change: a backfilled older list gets the next number, the history is rebuilt around it', async () => {
      const target = await factory();
      const ledger = await target.open();
      try {
        await ingest(ledger, [A, B], { now: NOW });
        const report = await ingest(ledger, [OLDER], { now: NOW });
        expect(report.history?.mode).toBe('full');
        expect(await numbers(ledger)).toEqual({ 'a.xlsx': 1, 'b.xlsx': 2, 'older.xlsx': 3 });
        const snaps = await listSnapshots(ledger.db, 'participating');
        expect(snaps.map((s) => s.publication)).toEqual([3, 1, 2]);
      } finally {
        await ledger.close();
        await target.dispose();
      }
    });
  });
}

suite('pglite', pgliteTarget);

const pgUrl = testDatabaseUrl();
if (pgUrl) {
  const database = postgresDatabase(pgUrl);
  afterAll(() => database.drop());
  suite('postgres', database.target);
} else if (process.env.CI) {
  describe('publication numbers: postgres', () => {
    it('runs under CI', () => {
      throw new Error('CI is set but TEST_DATABASE_URL is not: the PostgreSQL suite must run under CI.');
    });
  });
} else {
  describe.skip('publication numbers: postgres (not run: TEST_DATABASE_URL is not set)', () => {
    it('are the same after a rolled-back ingest as without it', () => undefined);
  });
}
