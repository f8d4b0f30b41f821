/**
 * The server under hostile requests (issue 13): a forged Host header never reaches a feed, a page or the page
 * cache (the configured public URL does); a malformed %-escape anywhere in a path or query is a 400 without a
 * stack trace (through Hono and the API's fast lane alike); the page cache keys on the parameters a page reads and
 * stays within its byte budget under unique queries (a short soak; bench/soak.ts is the long one); pages are rate
 * limited per client like the API, with a higher budget.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/cli/serve.ts';
import { createReassessApp, type ReassessApp } from '../../src/server/app.ts';
import { listAgencies } from '../../src/store/agencies.ts';
import { NOW, webLedger } from '../browser/fixture.ts';

let fx: Awaited<ReturnType<typeof webLedger>>;
let r: ReassessApp;
let agencyId: string;
const PUBLIC = 'https://reassess.example/';
/**
 * A corrections address: on the server an agency page links its correction report (which names the page's URL)
 * only when one is set; without one the tip form takes its place (issue 18).
 */
const CORRECTIONS = 'mailto:corrections@reassess.example';

beforeAll(async () => {
  fx = await webLedger();
  r = await createReassessApp({
    db: fx.ledger.db,
    now: NOW,
    rateLimit: false,
    baseUrl: PUBLIC,
    corrections: CORRECTIONS,
  });
  agencyId = (await listAgencies(fx.ledger.db))[0]?.agencyId as string;
});
afterAll(async () => {
  await fx?.dispose();
});

/** A raw HTTP GET with the headers given as sent (Host included). */
function rawGet(port: number, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const STACK = /\n\s+at |node_modules|\.ts:\d+/;

describe('absolute URLs', () => {
  it('come from the public URL (configured, or the default), never from a forged Host, cached or not', async () => {
    const plain = await createReassessApp({
      db: fx.ledger.db,
      now: NOW,
      rateLimit: false,
      corrections: CORRECTIONS,
    });
    for (const [app, origin] of [
      [r, 'https://reassess.example'],
      [plain, 'http://localhost:8287'],
    ] as const)
      for (const host of ['evil.example', 'reassess.example', 'evil.example']) {
        const feed = await (await app.app.request(`http://${host}/feeds/events.atom`)).text();
        expect(feed).toContain(`${origin}/agency/`);
        expect(feed).not.toContain('evil.example');
        const page = await (await app.app.request(`http://${host}/agency/${agencyId}/`)).text();
        expect(page).toContain(encodeURIComponent(`Page: ${origin}/agency/${agencyId}/`));
        expect(page).not.toContain('evil.example');
      }
  });

  it('come from the address reassess serve listens on when no base URL is set', async () => {
    const server = await startServer({
      db: fx.ledger.db,
      port: 0,
      now: NOW,
      rateLimit: false,
      corrections: CORRECTIONS,
    });
    try {
      for (const host of ['evil.example', `localhost:${server.port}`]) {
        const feed = await rawGet(server.port, '/feeds/events.atom', { Host: host });
        expect(feed.body).toContain(`http://localhost:${server.port}/agency/`);
        expect(feed.body).not.toContain('evil.example');
        const page = await rawGet(server.port, `/agency/${agencyId}/`, { Host: host });
        expect(page.body).toContain(
          encodeURIComponent(`Page: http://localhost:${server.port}/agency/${agencyId}/`),
        );
        expect(page.body).not.toContain('evil.example');
      }
    } finally {
      await server.close();
    }
  });
});

describe('malformed escapes', () => {
  const BAD = [
    '/agency/%ff/',
    '/es/agency/%ff/',
    '/agency/agy-%zz/',
    '/state/%E0%A4%A/',
    '/changes/?state=%ff',
    '/changes/?from=%',
    '/search/?q=%C0%AF',
    '/feeds/%ff.atom',
    '/downloads/%ff.csv',
    '/assets/%ff',
    '/%',
    '/api/v1/agencies?state=%ff',
    '/api/v1/agencies/%ff',
    '/api/v1/search?q=%ff',
  ];

  it('are answered 400 without a stack trace, through Hono', async () => {
    for (const url of BAD) {
      const res = await r.app.request(url);
      const body = await res.text();
      expect(res.status, url).toBe(400);
      expect(body, url).not.toMatch(STACK);
      expect(body, url).toContain('malformed %-escape');
    }
    // A well-formed escape of a percent sign is no error: an unknown agency.
    expect((await r.app.request('/agency/%25ff/')).status).toBe(404);
  });

  it('are answered 400 by the running server, fast lane included', async () => {
    const server = await startServer({ db: fx.ledger.db, port: 0, now: NOW, rateLimit: false });
    try {
      for (const url of BAD) {
        const res = await rawGet(server.port, url);
        expect(res.status, url).toBe(400);
        expect(res.body, url).not.toMatch(STACK);
      }
    } finally {
      await server.close();
    }
  });
});

describe('the page cache', () => {
  it('keys on the parameters a page reads, in their canonical form', async () => {
    const app = await createReassessApp({ db: fx.ledger.db, now: NOW, rateLimit: false });
    const first = await (await app.app.request('/changes/?state=TX')).text();
    for (let i = 0; i < 50; i++) {
      const res = await app.app.request(`/changes/?x=${i}&state=tx&from=not-a-date&utm_source=${i}`);
      expect(await res.text()).toBe(first);
    }
    expect(app.pageCache.size).toBe(1);
    for (let i = 0; i < 20; i++) await app.app.request(`/agency/${agencyId}/?x=${i}`);
    for (let i = 0; i < 20; i++) await app.app.request(`/?x=${i}`);
    expect(app.pageCache.size).toBe(3);
  });

  it('stays within its byte budget under unique queries, each asked twice (a short soak)', async () => {
    const budget = 1024 * 1024;
    const app = await createReassessApp({
      db: fx.ledger.db,
      now: NOW,
      rateLimit: false,
      pageCacheBytes: budget,
    });
    let most = 0;
    for (let i = 0; i < 150; i++)
      for (const url of [
        `/search/?q=sheriff${i}`,
        `/changes/?page=${i}`,
        `/es/changes/?from=2025-03-${(i % 28) + 1}`,
      ])
        for (let k = 0; k < 2; k++) {
          expect((await app.app.request(url)).status).toBe(200);
          most = Math.max(most, app.pageCache.bytes);
          expect(app.pageCache.bytes).toBeLessThanOrEqual(budget);
        }
    // Full and evicting: the budget, not a count, is what bounds it.
    expect(most).toBeGreaterThan(budget * 0.8);
    // Unknown pages (404) are rendered each time, never kept.
    const before = app.pageCache.size;
    for (let i = 0; i < 20; i++) expect((await app.app.request(`/nope-${i}/`)).status).toBe(404);
    for (let i = 0; i < 20; i++) await app.app.request(`/nope-${i}/`);
    expect(app.pageCache.size).toBeLessThanOrEqual(before);
  });
});

describe('the page rate limit', () => {
  it('limits pages, feeds and downloads per client with Retry-After; assets and other clients go on', async () => {
    const app = await createReassessApp({
      db: fx.ledger.db,
      now: NOW,
      rateLimit: false,
      trustProxy: true,
      pageRateLimit: { windowMs: 60_000, max: 5 },
    });
    const as = (ip: string, url: string) => app.app.request(url, { headers: { 'X-Forwarded-For': ip } });
    for (const url of ['/', '/changes/', '/feeds/events.atom', '/downloads/agencies.csv', '/state/TX/'])
      expect((await as('10.0.0.1', url)).status, url).toBe(200);
    const refused = await as('10.0.0.1', '/search/');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.text()).toContain('Demasiadas solicitudes');
    expect((await as('10.0.0.1', '/feeds/events.atom')).status).toBe(429);
    expect((await as('10.0.0.2', '/search/')).status).toBe(200);
    const home = await (await as('10.0.0.3', '/')).text();
    const css = /href="(\/assets\/site-[0-9a-f]+\.css)"/.exec(home)?.[1] as string;
    for (let i = 0; i < 10; i++) expect((await as('10.0.0.1', css)).status).toBe(200);
  });

  it('is on by default with a higher budget than the API', async () => {
    const { PAGE_RATE_LIMIT } = await import('../../src/server/page-limit.ts');
    expect(PAGE_RATE_LIMIT.max).toBeGreaterThan(600);
    const app = await createReassessApp({ db: fx.ledger.db, now: NOW });
    let status = 200;
    for (let i = 0; i <= PAGE_RATE_LIMIT.max && status === 200; i++)
      status = (await app.app.request(`/?i=${i}`)).status;
    expect(status).toBe(429);
  });
});
