import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type FakeWayback,
  instantSleep,
  miniParticipating,
  startFakeWayback,
  steppingClock,
} from '../../../test/support/fake-servers.ts';
import { FetchError } from '../../errors.ts';
import { nodeHttpGet } from '../../pipeline/http.ts';
import type { FetchRecord } from '../../pipeline/types.ts';
import {
  type Capture,
  captureInstant,
  captureUrl,
  cdxQueryUrl,
  listCaptures,
  parseCdxJson,
  waybackDigest,
} from './cdx.ts';

const HEADER = ['timestamp', 'original', 'statuscode', 'digest', 'mimetype', 'length'];
const ORIG = 'https://www.ice.gov/doclib/about/offices/ero/287g/participatingAgencies.xlsx';

describe('parseCdxJson', () => {
  it('reads rows by the header row and drops non-200 and malformed rows', () => {
    const text = JSON.stringify([
      HEADER,
      ['20250222170855', ORIG, '200', 'AAAA', 'application/vnd.ms-excel', '29728'],
      ['20250223000000', ORIG, '-', 'BBBB', 'warc/revisit', '-'],
      ['20250224000000', ORIG, '404', 'CCCC', 'text/html', '512'],
      ['2025', ORIG, '200', 'DDDD', 'x', '1'],
      'not a row',
    ]);
    expect(parseCdxJson(text)).toEqual([
      {
        timestamp: '20250222170855',
        original: ORIG,
        statusCode: 200,
        digest: 'AAAA',
        mimeType: 'application/vnd.ms-excel',
        length: 29728,
      },
    ]);
  });

  it('follows the header order, whatever it is', () => {
    const text = JSON.stringify([
      ['original', 'digest', 'timestamp', 'statuscode'],
      [ORIG, 'XYZ', '20250301120000', '200'],
    ]);
    expect(parseCdxJson(text)).toEqual([
      {
        timestamp: '20250301120000',
        original: ORIG,
        statusCode: 200,
        digest: 'XYZ',
        mimeType: null,
        length: null,
      },
    ]);
  });

  it('treats an empty body or [] as no captures and rejects non-JSON', () => {
    expect(parseCdxJson('')).toEqual([]);
    expect(parseCdxJson(' []\n')).toEqual([]);
    expect(() => parseCdxJson('<html>busy</html>')).toThrow(FetchError);
    expect(() => parseCdxJson('{"a":1}')).toThrow(/not an array/);
  });
});

describe('urls', () => {
  it('builds the index query', () => {
    const url = new URL(
      cdxQueryUrl('https://web.archive.org/cdx/search/cdx', 'www.ice.gov/doclib/x/participatingAgencies', {
        from: '2025',
        to: '20260101',
        limit: 5,
      }),
    );
    expect(url.origin + url.pathname).toBe('https://web.archive.org/cdx/search/cdx');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      url: 'www.ice.gov/doclib/x/participatingAgencies*',
      output: 'json',
      fl: 'timestamp,original,statuscode,digest,mimetype,length',
      filter: 'statuscode:200',
      collapse: 'digest',
      from: '2025',
      to: '20260101',
      limit: '5',
    });
  });

  it('gives the raw id_ form of a capture', () => {
    const c: Capture = {
      timestamp: '20250222170855',
      original: ORIG,
      statusCode: 200,
      digest: '',
      mimeType: null,
      length: null,
    };
    expect(captureUrl('https://web.archive.org', c)).toBe(
      `https://web.archive.org/web/20250222170855id_/${ORIG}`,
    );
    expect(captureUrl('https://web.archive.org/', c)).toBe(
      `https://web.archive.org/web/20250222170855id_/${ORIG}`,
    );
    expect(captureInstant('20250222170855')).toBe('2025-02-22T17:08:55Z');
  });

  it("computes the archive's digest (base32 SHA-1)", () => {
    expect(waybackDigest(createHash('sha1').update('').digest())).toBe('3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ');
  });
});

describe('listCaptures', () => {
  let wb: FakeWayback | undefined;
  afterEach(async () => {
    await wb?.server.close();
    wb = undefined;
  });

  it('lists 200 captures under a prefix from a CDX server and records the query', async () => {
    const a = miniParticipating('a');
    wb = await startFakeWayback([
      { timestamp: '20250222170855', original: ORIG, body: a },
      { timestamp: '20250301000000', original: ORIG, body: 'gone', statuscode: '404', mimetype: 'text/html' },
      {
        timestamp: '20250305151329',
        original: ORIG.replace('.xlsx', '03032025PM.xlsx'),
        body: miniParticipating('b'),
      },
      { timestamp: '20250306000000', original: 'https://www.ice.gov/doclib/other.xlsx', body: 'x' },
    ]);
    const records: FetchRecord[] = [];
    const captures = await listCaptures({
      cdxBase: wb.cdxBase,
      urlPrefix: 'www.ice.gov/doclib/about/offices/ero/287g/participatingAgencies',
      http: nodeHttpGet,
      now: steppingClock(),
      sleep: instantSleep().sleep,
      onFetch: (r) => {
        records.push(r);
      },
    });
    expect(captures.map((c) => [c.timestamp, c.original])).toEqual([
      ['20250222170855', ORIG],
      ['20250305151329', ORIG.replace('.xlsx', '03032025PM.xlsx')],
    ]);
    expect(captures[0]?.digest).toBe(waybackDigest(createHash('sha1').update(a).digest()));
    expect(captures[0]?.length).toBe(a.length);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ source: 'wayback-cdx', status: 200, error: null });
    expect(records[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(wb.queries[0]?.get('url')).toBe(
      'www.ice.gov/doclib/about/offices/ero/287g/participatingAgencies*',
    );
  });

  it('retries a failing index and throws FetchError (after recording) when it stays down', async () => {
    wb = await startFakeWayback([{ timestamp: '20250222170855', original: ORIG, body: 'x' }]);
    wb.server.setMode(wb.cdxPath, '500', { times: 1 });
    const { sleep, waits } = instantSleep();
    const opts = {
      cdxBase: wb.cdxBase,
      urlPrefix: 'www.ice.gov/doclib/about/offices/ero/287g/participatingAgencies',
      http: nodeHttpGet,
      now: steppingClock(),
      sleep,
      retries: 2,
    };
    expect(await listCaptures(opts)).toHaveLength(1);
    expect(waits).toHaveLength(1);

    wb.server.setMode(wb.cdxPath, '500');
    const records: FetchRecord[] = [];
    await expect(listCaptures({ ...opts, onFetch: (r) => void records.push(r) })).rejects.toThrow(FetchError);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ status: 500, error: 'HTTP 500 (after 3 attempts)' });

    wb.server.setMode(wb.cdxPath, 'html-error');
    records.length = 0;
    await expect(listCaptures({ ...opts, onFetch: (r) => void records.push(r) })).rejects.toThrow(/not JSON/);
    expect(records[0]?.status).toBe(200);
    expect(records[0]?.error).toMatch(/^not JSON/);
  });
});
