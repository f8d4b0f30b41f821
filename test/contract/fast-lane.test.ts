/**
 * The API's fast lane (src/api/fast-lane.ts) against Hono: two real servers (`startServer`) over one fixture
 * ledger, one with the lane and one without, get the same requests in the same order; every answer must be the
 * same (status, headers, body bytes), and the lane must have answered the requests it is for.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/cli/serve.ts';
import type { Ledger } from '../../src/store/connection.ts';
import { FIXTURE_NOW, fixtureLedger } from '../support/api-fixture.ts';

let ledger: Ledger;
let dispose: () => Promise<void>;
let fast: RunningServer;
let slow: RunningServer;
let ids: string[];

/** Headers that differ between any two answers (time, connection), not between the two paths. */
const TRANSPORT = new Set(['date', 'connection', 'keep-alive']);

interface Raw {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function raw(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const h: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers))
          if (!TRANSPORT.has(k) && v !== undefined) h[k] = Array.isArray(v) ? v.join(', ') : v;
        resolve({ status: res.statusCode ?? 0, headers: h, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** The same request to both servers: their answers must be equal. */
async function both(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  const a = await raw(fast.port, path, headers, method);
  const b = await raw(slow.port, path, headers, method);
  expect({ ...a, body: a.body.toString('base64') }, `${method} ${path} ${JSON.stringify(headers)}`).toEqual({
    ...b,
    body: b.body.toString('base64'),
  });
  return a;
}

beforeAll(async () => {
  ({ ledger, dispose } = await fixtureLedger());
  const options = { db: ledger.db, port: 0, now: FIXTURE_NOW, rateLimit: { windowMs: 60_000, max: 1000 } };
  fast = await startServer(options);
  slow = await startServer({ ...options, lane: false });
  ids = (await ledger.db.selectFrom('agencies').select('agency_id').orderBy('agency_id').execute()).map(
    (r) => r.agency_id,
  );
});

afterAll(async () => {
  await fast?.close();
  await slow?.close();
  await dispose?.();
});

describe('the API fast lane answers exactly as Hono does', () => {
  it('searches and agencies, plain, compressed, revalidated', async () => {
    const before = fast.laneServed();
    const paths = [
      '/api/v1/search?q=st+johns',
      '/api/v1/search?q=gulfport%20pd&limit=3',
      '/api/v1/search?q=county&type=county&limit=50',
      '/api/v1/search?q=sheriff&state=fl',
      '/api/v1/search?q=%C3%B1and%C3%BA',
      ...ids.slice(0, 5).map((id) => `/api/v1/agencies/${id}`),
    ];
    for (const path of paths) {
      const plain = await both(path);
      expect(plain.status, path).toBe(200);
      for (const encoding of ['br', 'gzip', 'gzip, deflate, br', 'identity', 'br;q=0, gzip'])
        await both(path, { 'Accept-Encoding': encoding });
      const notModified = await both(path, { 'If-None-Match': plain.headers.etag as string });
      expect(notModified.status, path).toBe(304);
      await both(path, { 'If-None-Match': `W/${plain.headers.etag}, "other"` });
    }
    // Every one of those went through the lane (a lane that always gave up would pass the comparisons above).
    expect(fast.laneServed() - before).toBe(paths.length * 8);
  });

  it('leaves everything else to Hono, with the same answers', async () => {
    const before = fast.laneServed();
    for (const path of [
      '/api/v1/search',
      '/api/v1/search?q=',
      '/api/v1/search?q=x&limit=0',
      '/api/v1/search?q=x&limit=abc',
      '/api/v1/search?q=x&type=city',
      '/api/v1/search?q=x&q=y',
      '/api/v1/search?q=%E0%A4%A',
      '/api/v1/search?q=a%2',
      '/api/v1/search?q=<b>',
      '/api/v1/agencies/agy-0000000000',
      '/api/v1/agencies/nope',
      '/api/v1/stats',
    ])
      await both(path);
    await both('/api/v1/search?q=polk', {}, 'HEAD');
    await both('/api/v1/search?q=polk', {}, 'OPTIONS');
    expect(fast.laneServed() - before).toBe(0);
  });

  it('counts the rate limit with Hono, and answers 429 the same way', async () => {
    const limited = { db: ledger.db, port: 0, now: FIXTURE_NOW, rateLimit: { windowMs: 60_000, max: 3 } };
    const a = await startServer(limited);
    const b = await startServer({ ...limited, lane: false });
    try {
      // Lane and Hono requests share one count: 2 through the lane, 1 through Hono, then refused.
      const sequence = ['/api/v1/search?q=polk', `/api/v1/agencies/${ids[0]}`, '/api/v1/stats'];
      for (const path of [...sequence, ...sequence]) {
        const x = await raw(a.port, path);
        const y = await raw(b.port, path);
        expect({ ...x, body: x.body.toString() }, path).toEqual({ ...y, body: y.body.toString() });
      }
      const refused = await raw(a.port, '/api/v1/search?q=polk');
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toMatch(/^\d+$/);
      expect(a.laneServed()).toBe(5);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
