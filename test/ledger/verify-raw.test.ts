/**
 * `reassess verify` on a real ledger on disk (issue 13: a corrupted or deleted raw file went unnoticed and
 * re-ingest never repaired it): a damaged and a missing file are named with expected and found hashes (exit 3);
 * `--refetch` downloads the damaged one again from its recorded URL (a server on 127.0.0.1) and stores it only
 * when the bytes hash right; a re-ingest of a file repairs its raw copy.
 */
import { chmodSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/domain/hash.ts';
import { ingest } from '../../src/ingest/ingest.ts';
import { openLedger } from '../../src/store/connection.ts';
import { insertFetch } from '../../src/store/raw-files.ts';
import { RawStore } from '../../src/store/raw-store.ts';
import { cliFor } from '../support/cli.ts';
import { fillerRows, icePublication, tempDir } from '../support/ledgers.ts';

const NOW = () => new Date('2025-04-02T12:00:00.000Z');
const a = icePublication({ kind: 'participating', modified: '2025-03-03T15:00:00Z', rows: fillerRows(20) });
const b = icePublication({ kind: 'participating', modified: '2025-03-10T15:00:00Z', rows: fillerRows(21) });
const shaA = sha256Hex(a);
const shaB = sha256Hex(b);

describe('reassess verify', () => {
  const home = tempDir();
  const raw = new RawStore(`${home}/raw`);
  const cli = cliFor(home);
  let serve: Buffer = a;
  let server: Server;
  let url = '';

  beforeAll(async () => {
    server = createServer((_, res) => res.end(serve));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/participatingAgencies.xlsx`;
    const ledger = await openLedger({ home });
    await ingest(
      ledger,
      [
        { bytes: a, file: 'a.xlsx' },
        { bytes: b, file: 'b.xlsx' },
      ],
      { now: NOW },
    );
    await insertFetch(ledger.db, null, {
      source: 'ice',
      url,
      retrievedAt: NOW().toISOString(),
      status: 200,
      contentType: null,
      size: a.length,
      sha256: shaA,
      error: null,
    });
    await ledger.close();
  });
  afterAll(() => {
    server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('passes an intact store', async () => {
    const r = await cli('verify');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/verify: \d+ raw file\(s\) checked, 0 damaged or missing/);
  });

  it('names a damaged and a missing file with expected and found hashes (exit 3)', async () => {
    chmodSync(raw.pathOf(shaA), 0o644);
    writeFileSync(raw.pathOf(shaA), Buffer.from('not the workbook'));
    unlinkSync(raw.pathOf(shaB));
    const r = await cli('verify', '--json');
    expect(r.code).toBe(3);
    const report = JSON.parse(r.out);
    expect(report.problems).toEqual(
      [
        {
          file: `raw/${shaA.slice(0, 2)}/${shaA}`,
          state: 'damaged',
          expected: shaA,
          found: sha256Hex(Buffer.from('not the workbook')),
        },
        { file: `raw/${shaB.slice(0, 2)}/${shaB}`, state: 'missing', expected: shaB, found: null },
      ].sort((x, y) => x.expected.localeCompare(y.expected)),
    );
    expect((await cli('verify')).out).toContain(`raw/${shaA.slice(0, 2)}/${shaA}  damaged`);
  });

  it('refetches only bytes that hash right, and a re-ingest repairs a copy', async () => {
    serve = Buffer.from('ICE now serves another file');
    let r = await cli('verify', '--refetch');
    expect(r.code).toBe(3);
    expect(r.out).toContain(`not stored: ${url} now serves other bytes`);
    expect(r.out).toContain('not refetched: no recorded URL');
    expect(raw.check(shaA).state).toBe('damaged');

    serve = a;
    r = await cli('verify', '--refetch');
    expect(r.code).toBe(3); // b is still missing: it has no URL
    expect(r.out).toContain(`repaired from ${url}`);
    expect(raw.get(shaA).equals(a)).toBe(true);

    const ledger = await openLedger({ home });
    await ingest(ledger, [{ bytes: b, file: 'b.xlsx' }], { now: NOW });
    await ledger.close();
    expect(raw.get(shaB).equals(b)).toBe(true);
    expect((await cli('verify')).code).toBe(0);
  });
});
