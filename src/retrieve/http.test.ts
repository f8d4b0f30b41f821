import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeServer, instantSleep, steppingClock } from '../../test/support/fake-servers.ts';
import { BodyTooLargeError, fetchWithRetry, type HttpGet, HttpTimeoutError, nodeHttpGet } from './http.ts';

let server: FakeServer;
beforeEach(async () => {
  server = await FakeServer.start();
});
afterEach(async () => {
  await server.close();
});

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

describe('nodeHttpGet', () => {
  it('returns status, content type, body and the final URL after redirects', async () => {
    server.route('/file.bin', { body: Buffer.from('hello'), contentType: 'application/x-test' });
    server.route('/old', { redirect: '/file.bin', status: 301 });
    const res = await nodeHttpGet(server.url('/old'), { timeoutMs: 10_000, maxBytes: 1000 });
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('application/x-test');
    expect(res.body.toString()).toBe('hello');
    expect(res.finalUrl).toBe(server.url('/file.bin'));
  });

  it('returns error statuses without throwing', async () => {
    const res = await nodeHttpGet(server.url('/missing'), { timeoutMs: 10_000, maxBytes: 1000 });
    expect(res.status).toBe(404);
  });

  it('stops past maxBytes, whether declared or streamed', async () => {
    server.route('/big', { body: Buffer.alloc(5000) });
    await expect(
      nodeHttpGet(server.url('/big'), { timeoutMs: 10_000, maxBytes: 100 }),
    ).rejects.toBeInstanceOf(BodyTooLargeError);
    // No content-length: the cap has to work on the stream.
    server.use((_req, res, path) => {
      if (path !== '/chunked') return false;
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      for (let i = 0; i < 10; i++) res.write(Buffer.alloc(1000));
      res.end();
      return true;
    });
    await expect(
      nodeHttpGet(server.url('/chunked'), { timeoutMs: 10_000, maxBytes: 2500 }),
    ).rejects.toBeInstanceOf(BodyTooLargeError);
    const ok = await nodeHttpGet(server.url('/chunked'), { timeoutMs: 10_000, maxBytes: 10_000 });
    expect(ok.body.length).toBe(10_000);
  });

  it('times out on a server that never answers, and on one that stalls mid-body', async () => {
    server.route('/slow', { body: 'x' }).setMode('/slow', 'timeout');
    server.route('/stall', { body: 'x' }).setMode('/stall', 'stall');
    const t0 = Date.now();
    await expect(nodeHttpGet(server.url('/slow'), { timeoutMs: 150, maxBytes: 1000 })).rejects.toBeInstanceOf(
      HttpTimeoutError,
    );
    await expect(
      nodeHttpGet(server.url('/stall'), { timeoutMs: 150, maxBytes: 1_000_000 }),
    ).rejects.toBeInstanceOf(HttpTimeoutError);
    expect(Date.now() - t0).toBeLessThan(1500);
  });

  it('rejects with the network reason when nothing listens', async () => {
    const closed = await FakeServer.start();
    const url = closed.url('/x');
    await closed.close();
    await expect(nodeHttpGet(url, { timeoutMs: 10_000, maxBytes: 1000 })).rejects.toThrow(
      /ECONNREFUSED|fetch failed/,
    );
  });
});

describe('fetchWithRetry', () => {
  const base = () => ({ http: nodeHttpGet, now: steppingClock(), source: 'test', timeoutMs: 5_000 });

  it('records status, content type, size and sha256 of a good body', async () => {
    server.route('/a.xlsx', { body: Buffer.from('workbook bytes'), contentType: 'application/vnd.test' });
    const { sleep, waits } = instantSleep();
    const out = await fetchWithRetry(server.url('/a.xlsx'), { ...base(), sleep });
    expect(out.body?.toString()).toBe('workbook bytes');
    expect(out.attempts).toBe(1);
    expect(waits).toEqual([]);
    expect(out.record).toEqual({
      source: 'test',
      url: server.url('/a.xlsx'),
      retrievedAt: '2026-05-19T12:00:00.000Z',
      status: 200,
      contentType: 'application/vnd.test',
      size: 14,
      sha256: sha('workbook bytes'),
      error: null,
    });
  });

  it('retries after 500s with exponential backoff, then succeeds', async () => {
    server.route('/a', { body: 'ok' }).setMode('/a', '500', { times: 2 });
    const { sleep, waits } = instantSleep();
    const out = await fetchWithRetry(server.url('/a'), { ...base(), sleep, retries: 3, backoffMs: 100 });
    expect(out.record.status).toBe(200);
    expect(out.record.error).toBeNull();
    expect(out.record.sha256).toBe(sha('ok'));
    expect(out.attempts).toBe(3);
    expect(waits).toEqual([100, 200]);
    expect(server.hitCount('/a')).toBe(3);
  });

  it('gives up after the retries with the last status in the record', async () => {
    server.route('/a', { body: 'ok' }).setMode('/a', '500');
    const { sleep, waits } = instantSleep();
    const out = await fetchWithRetry(server.url('/a'), { ...base(), sleep, retries: 2, backoffMs: 10 });
    expect(out.body).toBeNull();
    expect(out.record.status).toBe(500);
    expect(out.record.error).toBe('HTTP 500 (after 3 attempts)');
    expect(out.record.size).toBeGreaterThan(0);
    expect(out.record.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(waits).toEqual([10, 20]);
    expect(server.hitCount('/a')).toBe(3);
  });

  it('does not retry a host name that does not resolve (offline machine), but retries other network errors', async () => {
    let calls = 0;
    const offline: HttpGet = async () => {
      calls++;
      throw new Error('fetch failed: ENOTFOUND getaddrinfo ENOTFOUND www.ice.gov');
    };
    const out = await fetchWithRetry('https://www.ice.gov/x', {
      ...base(),
      http: offline,
      sleep: instantSleep().sleep,
    });
    expect(calls).toBe(1);
    expect(out.record.error).toMatch(/ENOTFOUND/);
    calls = 0;
    const reset: HttpGet = async () => {
      calls++;
      throw new Error('fetch failed: ECONNRESET');
    };
    await fetchWithRetry('https://www.ice.gov/x', {
      ...base(),
      http: reset,
      sleep: instantSleep().sleep,
      retries: 2,
    });
    expect(calls).toBe(3);
  });

  it('retries 429 but not 404', async () => {
    let calls = 0;
    const http: HttpGet = async (url) => {
      calls++;
      return { status: calls === 1 ? 429 : 200, contentType: null, body: Buffer.from('x'), finalUrl: url };
    };
    const ok = await fetchWithRetry('http://127.0.0.1:9/x', { ...base(), http, sleep: instantSleep().sleep });
    expect(ok.record.status).toBe(200);
    expect(calls).toBe(2);

    const out = await fetchWithRetry(server.url('/none'), {
      ...base(),
      sleep: instantSleep().sleep,
      retries: 3,
    });
    expect(out.record.status).toBe(404);
    expect(out.record.error).toBe('HTTP 404');
    expect(out.body).toBeNull();
    expect(server.hitCount('/none')).toBe(1);
  });

  it('turns a timeout into a failed record, quickly', async () => {
    server.route('/slow', { body: 'x' }).setMode('/slow', 'timeout');
    const { sleep, waits } = instantSleep();
    const t0 = Date.now();
    const out = await fetchWithRetry(server.url('/slow'), { ...base(), sleep, retries: 1, timeoutMs: 150 });
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(out.body).toBeNull();
    expect(out.record.status).toBeNull();
    expect(out.record.size).toBeNull();
    expect(out.record.sha256).toBeNull();
    expect(out.record.error).toBe('timed out after 150 ms (after 2 attempts)');
    expect(waits).toHaveLength(1);
    expect(server.hitCount('/slow')).toBe(2);
  });

  it('counts an answer that comes after the client timeout as a timeout', async () => {
    server.route('/slow', { body: 'late' }).setMode('/slow', 'timeout', { delayMs: 400 });
    const out = await fetchWithRetry(server.url('/slow'), {
      ...base(),
      sleep: instantSleep().sleep,
      retries: 1,
      timeoutMs: 100,
    });
    expect(out.record.error).toBe('timed out after 100 ms (after 2 attempts)');
    expect(out.body).toBeNull();
  });

  it('does not retry a body past maxBytes', async () => {
    server.route('/big', { body: Buffer.alloc(3000) });
    const out = await fetchWithRetry(server.url('/big'), {
      ...base(),
      sleep: instantSleep().sleep,
      maxBytes: 1000,
    });
    expect(out.record.error).toBe('body exceeds 1000 bytes');
    expect(out.record.status).toBe(200);
    expect(out.body).toBeNull();
    expect(server.hitCount('/big')).toBe(1);
  });

  it('records a refused connection and never throws', async () => {
    const closed = await FakeServer.start();
    const url = closed.url('/x');
    await closed.close();
    const out = await fetchWithRetry(url, { ...base(), sleep: instantSleep().sleep, retries: 1 });
    expect(out.record.status).toBeNull();
    expect(out.record.error).toMatch(/ECONNREFUSED|fetch failed/);
    expect(out.attempts).toBe(2);
  });

  it('records an unusable URL without trying', async () => {
    let calls = 0;
    const http: HttpGet = async () => {
      calls++;
      throw new Error('unreachable');
    };
    const bad = await fetchWithRetry('not a url', { ...base(), http });
    expect(bad.record.error).toBe('invalid URL');
    const ftp = await fetchWithRetry('ftp://example.org/x', { ...base(), http });
    expect(ftp.record.error).toBe('unsupported URL scheme ftp:');
    expect(calls).toBe(0);
  });
});
