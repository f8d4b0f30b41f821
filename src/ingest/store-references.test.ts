import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fbiCsv } from '../../test/fixtures/geography.ts';
import { type Ledger, openLedger } from '../store/connection.ts';
import { transaction } from '../store/transaction.ts';
import { openRun, startClock } from './run-context.ts';
import { sortInputs } from './sort-inputs.ts';
import { storeReferences } from './store-references.ts';
import type { IngestInput } from './types.ts';

const deps = { now: () => new Date('2025-04-01T12:00:00.000Z') };
const fbi: IngestInput = {
  bytes: fbiCsv([
    { ori: 'FL0160000', name: "Jacksonville Sheriff's Office", state: 'FL', county: 'DUVAL', type: 'County' },
  ]),
  file: 'lee.csv',
};
const other: IngestInput = { bytes: Buffer.from('name,value\nx,1\n'), file: 'other.csv' };

/** The reference stage alone, in a run of its own. */
async function stage(ledger: Ledger, inputs: IngestInput[]) {
  return transaction(ledger.db, async (tx) => {
    const ctx = await openRun(tx, ledger.raw, inputs, deps, 'test', startClock(deps));
    return storeReferences(ctx, sortInputs(inputs).references);
  });
}

describe('storeReferences (the reference stage)', () => {
  let dir: string;
  let ledger: Ledger;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reassess-refs-'));
    ledger = await openLedger({ home: dir });
  });
  afterAll(async () => {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores reference files, loads the bundled county shapes first into an empty ledger, rejects the rest', async () => {
    const r = await stage(ledger, [fbi, other]);
    expect(r.changed).toBe(true);
    expect(r.results.map((x) => [x.status, x.kind ?? null, x.bundled ?? false])).toEqual([
      ['new', 'us-atlas-counties', true],
      ['new', 'fbi-lee', false],
      ['rejected', null, false],
    ]);
    expect(r.results[1]).toMatchObject({ file: 'lee.csv', vintage: '2025', rows: 1 });
    expect(r.results[2]?.reason).toMatch(/^neither an ICE workbook nor a reference file/);
    // Every retrieval is recorded, the rejected one with its reason.
    const fetches = await ledger.db
      .selectFrom('fetches')
      .select(['url', 'error'])
      .orderBy('fetch_id')
      .execute();
    expect(fetches.map((f) => [f.url.startsWith('npm:us-atlas@'), f.error?.slice(0, 28) ?? null])).toEqual([
      [true, null],
      [false, null],
      [false, 'rejected: neither an ICE wor'],
    ]);
    const files = await ledger.db.selectFrom('reference_files').select('kind').orderBy('kind').execute();
    expect(files.map((f) => f.kind)).toEqual(['fbi-lee', 'us-atlas-counties']);
    expect(
      (await ledger.db.selectFrom('ref_fbi_agencies').select('ori').execute()).map((a) => a.ori),
    ).toEqual(['FL0160000']);
  });

  it('finds the same bytes again unchanged, and does not load the county shapes twice', async () => {
    const r = await stage(ledger, [fbi]);
    expect(r.changed).toBe(false);
    expect(r.results).toEqual([
      {
        file: 'lee.csv',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        status: 'unchanged',
        kind: 'fbi-lee',
        vintage: '2025',
        rows: 1,
        reason: 'same bytes already stored',
      },
    ]);
  });
});
