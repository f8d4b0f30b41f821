import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { writeXlsx } from '../../test/fixtures/xlsx-writer.ts';
import { sha256Hex } from '../domain/hash.ts';
import { openLedger } from '../store/connection.ts';
import { ingest } from './ingest.ts';
import { PreparePool } from './parse-pool.ts';
import { type Prepared, prepare } from './prepare.ts';

const HEADER = ['STATE', 'LAW ENFORCEMENT AGENCY', 'TYPE', 'COUNTY', 'SUPPORT TYPE', 'SIGNED', 'MOA'];

function workbook(day: number, extra: (string | number)[][] = []): Buffer {
  const rows = [
    HEADER,
    [
      'FLORIDA',
      'Gulfport Police Department',
      'Municipality',
      'Pinellas',
      'Task Force Model',
      45700 + day,
      'link',
    ],
    [
      'TEXAS',
      'Lubbock County Sheriff’s Office',
      'County',
      'Lubbock',
      'Jail Enforcement Model',
      45690,
      'link',
    ],
    ...extra,
  ];
  return writeXlsx({
    sheets: [{ rows: rows.map((cells) => ({ cells })) }],
    props: {
      creator: 'Spina, Michael',
      application: 'Microsoft Excel',
      modified: `2025-04-${String(day).padStart(2, '0')}T15:00:00Z`,
    },
  });
}

describe('PreparePool', () => {
  it('runs worker threads and gives exactly what preparing on this thread gives, in input order', async () => {
    const inputs = Array.from({ length: 12 }, (_, i) => {
      const bytes =
        i === 5
          ? Buffer.from('<html>error</html>')
          : workbook(
              i + 1,
              i % 3 === 0
                ? [['OHIO', `Agency ${i}`, 'County', 'X', 'Warrant Service Officer', 45650, 'link']]
                : [],
            );
      return { bytes, file: `f${i}.xlsx`, sha256: sha256Hex(bytes) };
    });
    const pool = new PreparePool(2);
    try {
      expect(pool.running()).toBe(2);
      const got = [];
      for await (const r of pool.prepareAll(inputs, 4)) got.push(r);
      const expected = inputs.map((i) => prepare(i));
      // Row versions are sent once per worker; compare everything else exactly.
      const strip = (r: ReturnType<typeof prepare>) => (r.ok ? { ...r, versions: [] } : r);
      expect(got.map(strip)).toEqual(expected.map(strip));
      expect(got[5]).toEqual({ ok: false, reason: 'an HTML page, not an Excel workbook' });
      // Every row version needed is sent at least once across the batch.
      const sent = new Set(got.flatMap((r) => (r.ok ? (r as Prepared).versions.map((v) => v[0]) : [])));
      for (const r of expected) if (r.ok) for (const [, hash] of r.rows) expect(sent.has(hash)).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('is closed when the ingest fails while its workers read (they start before the reference files are stored)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reassess-pool-'));
    const close = vi.spyOn(PreparePool.prototype, 'close');
    const ledger = await openLedger({ home: dir });
    try {
      const inputs = Array.from({ length: 10 }, (_, i) => ({ bytes: workbook(i + 1), file: `f${i}.xlsx` }));
      let calls = 0;
      // The clock's second reading is the bundled county shapes' retrieval, stored after the workers started.
      const now = () => {
        if (++calls === 2) throw new Error('the clock failed');
        return new Date('2026-01-01T00:00:00Z');
      };
      await expect(ingest(ledger, inputs, { now })).rejects.toThrow('the clock failed');
      expect(close).toHaveBeenCalledTimes(1);
      // Nothing was stored.
      expect(await ledger.db.selectFrom('runs').select('run_id').execute()).toEqual([]);
      expect(await ledger.db.selectFrom('publications').select('publication_id').execute()).toEqual([]);
    } finally {
      close.mockRestore();
      await ledger.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
