import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type FakeWayback,
  instantSleep,
  miniParticipating,
  startFakeWayback,
  steppingClock,
} from '../../test/support/fake-servers.ts';
import { FetchError } from '../domain/errors.ts';
import type { FetchRecord } from '../domain/types.ts';
import { waybackDigest } from '../sources/wayback/cdx.ts';
import { nodeHttpGet } from './http.ts';
import { listCaptures } from './wayback.ts';

const ORIG = 'https://www.ice.gov/doclib/about/offices/ero/287g/participatingAgencies.xlsx';

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
