/**
 * Archived copies of evidence sources (issue 18, `reassess evidence archive`), with a pinned fake fetch (no network):
 * a public record's source is fetched, its bytes kept in the raw store by sha256 and its retrieval recorded (time,
 * status, media type, final URL); a failure is recorded and reported and the other sources are still archived; a
 * page that changed keeps both copies; a URL that is not http(s), or that redirects to one, is refused and never
 * stored. The pages link the copies, the server serves them, and the static export carries them (no 404), while
 * "last updated" stays that of the data and the ledger version moves.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ArchiveDeps, archiveSources, archiveUrls } from '../../src/evidence/archive.ts';
import { approve, createRecord, submitForReview } from '../../src/evidence/records.ts';
import { exportSite } from '../../src/publish/static-export.ts';
import { loadPublicEvidence } from '../../src/read/evidence.ts';
import { ledgerVersion } from '../../src/read/version.ts';
import type { HttpGet, HttpResponse } from '../../src/retrieve/http.ts';
import { createReassessApp } from '../../src/server/app.ts';
import type { Ledger } from '../../src/store/connection.ts';
import { sourceFetchRows } from '../../src/store/evidence-archives.ts';
import { lastFinishedRun } from '../../src/store/runs.ts';
import { account, content, testDeps } from '../support/editors.ts';
import { openPgliteLedger } from '../support/ledgers.ts';

const GOOD = 'https://www.justice.gov/example-findings';
const MOVED = 'https://example.org/old-address';
const BROKEN = 'https://broken.example.org/page';
const sha = (b: string) => createHash('sha256').update(b).digest('hex');

/** A fake network: an answer (or an error to throw) per URL, and every URL asked, in order. */
class FakeNet {
  answers = new Map<string, HttpResponse | Error>();
  asked: string[] = [];
  page(url: string, body: string, contentType = 'text/html; charset=utf-8', finalUrl = url, status = 200) {
    this.answers.set(url, { status, contentType, body: Buffer.from(body), finalUrl });
  }
  http: HttpGet = async (url) => {
    this.asked.push(url);
    const a = this.answers.get(url);
    if (!a) throw new Error(`getaddrinfo ENOTFOUND ${new URL(url).hostname}`);
    if (a instanceof Error) throw a;
    return a;
  };
}

let ledger: Ledger;
let home: string;
let net: FakeNet;
const deps = testDeps();
let archiveDeps: ArchiveDeps;
let recordId: string;

beforeEach(async () => {
  ({ ledger, home } = await openPgliteLedger());
  net = new FakeNet();
  archiveDeps = { http: net.http, now: deps.now, raw: ledger.raw, sleep: async () => {}, retries: 2 };
  const alice = await account(ledger.db, deps, 'alice', 'contributor');
  const bob = await account(ledger.db, deps, 'bob', 'reviewer');
  const source = (url: string) =>
    ({ ...content().sources[0], url }) as ReturnType<typeof content>['sources'][0];
  recordId = await createRecord(ledger.db, deps, alice, {
    content: content({ sources: [source(GOOD), source(MOVED), source(BROKEN)] }),
    origin: 'editor',
    note: 'test',
  });
  await submitForReview(ledger.db, deps, alice, recordId);
  await approve(ledger.db, deps, bob, recordId, 1, 'checked');
  // An unpublished record's sources are never fetched.
  const draft = await createRecord(ledger.db, deps, alice, {
    content: content({ sources: [source('https://draft.example.org/')] }),
    origin: 'editor',
    note: 'draft',
  });
  expect(draft).not.toBe(recordId);
});

afterEach(async () => {
  await ledger.close();
  rmSync(home, { recursive: true, force: true });
});

describe('evidence archive', () => {
  it('archives each public source, records every retrieval, and a failure stops none of the others', async () => {
    net.page(GOOD, '<p>findings v1</p>');
    net.page(MOVED, '%PDF-1.4 letter', 'application/pdf', 'https://example.org/new-address.pdf');
    net.answers.set(BROKEN, {
      status: 503,
      contentType: 'text/html',
      body: Buffer.from('busy'),
      finalUrl: BROKEN,
    });
    const versionBefore = await ledgerVersion(ledger.db);
    const dataUpdated = await lastFinishedRun(ledger.db);
    deps.clock.advance(3_600_000);
    const r = await archiveSources(ledger.db, archiveDeps, { all: false });

    expect(r.sources).toBe(3);
    expect(r.items.map((i) => [i.url, i.outcome])).toEqual([
      [GOOD, 'archived'],
      [MOVED, 'archived'],
      [BROKEN, 'failed'],
    ]);
    expect(net.asked.filter((u) => u === BROKEN)).toHaveLength(3); // 503 is retried (2 retries), then recorded
    expect(net.asked).not.toContain('https://draft.example.org/');
    expect(r.items[2]?.error).toMatch(/HTTP 503/);
    expect(ledger.raw.get(sha('<p>findings v1</p>')).toString()).toBe('<p>findings v1</p>');
    expect(ledger.raw.has(sha('busy'))).toBe(false);

    const rows = await sourceFetchRows(ledger.db);
    expect(rows.map((f) => [f.url, f.status, f.mediaType, f.finalUrl, f.error === null])).toEqual([
      [GOOD, 200, 'text/html', GOOD, true],
      [MOVED, 200, 'application/pdf', 'https://example.org/new-address.pdf', true],
      [BROKEN, 503, null, BROKEN, false],
    ]);
    for (const f of rows) expect(f.retrievedAt).toBe(deps.now().toISOString());

    const pub = (await loadPublicEvidence(ledger.db)).byId.get(recordId);
    const [good, moved, broken] = pub?.sources ?? [];
    expect(good?.archivedSha256).toBe(sha('<p>findings v1</p>'));
    expect(moved?.archives.map((a) => a.mediaType)).toEqual(['application/pdf']);
    expect(broken?.archivedSha256).toBeNull();
    expect(broken?.archives).toEqual([]);
    // A new ledger version (caches rebuild); "last updated" is still the data's.
    expect(await ledgerVersion(ledger.db)).not.toBe(versionBefore);
    expect(await lastFinishedRun(ledger.db)).toEqual(dataUpdated);

    // Without --all only the failed source is asked again; with it, every one.
    net.asked = [];
    await archiveSources(ledger.db, archiveDeps, { all: false });
    expect(net.asked).toEqual([BROKEN, BROKEN, BROKEN]);
    net.asked = [];
    await archiveSources(ledger.db, archiveDeps, { all: true });
    expect(new Set(net.asked)).toEqual(new Set([GOOD, MOVED, BROKEN]));
  });

  it('keeps both copies when the page changed, and knows an unchanged one', async () => {
    net.page(GOOD, '<p>findings v1</p>');
    await archiveSources(ledger.db, archiveDeps, { all: false });
    deps.clock.advance(86_400_000);
    net.page(GOOD, '<p>findings v2, edited</p>');
    const second = await archiveSources(ledger.db, archiveDeps, { all: true });
    expect(second.items.find((i) => i.url === GOOD)?.outcome).toBe('archived');
    deps.clock.advance(86_400_000);
    const third = await archiveSources(ledger.db, archiveDeps, { all: true });
    expect(third.items.find((i) => i.url === GOOD)?.outcome).toBe('unchanged');

    expect(ledger.raw.get(sha('<p>findings v1</p>')).toString()).toBe('<p>findings v1</p>');
    expect(ledger.raw.get(sha('<p>findings v2, edited</p>')).toString()).toBe('<p>findings v2, edited</p>');
    const good = (await loadPublicEvidence(ledger.db)).byId.get(recordId)?.sources[0];
    expect(good?.archives.map((a) => a.sha256)).toEqual([
      sha('<p>findings v1</p>'),
      sha('<p>findings v2, edited</p>'),
    ]);
    expect(good?.archivedSha256).toBe(sha('<p>findings v2, edited</p>'));
    expect(good?.archives[1]?.retrievedAt).toBe(deps.now().toISOString());
  });

  it('refuses what is not http(s), before asking the network and after a redirect', async () => {
    net.page(GOOD, 'secret', 'text/plain', 'file:///etc/passwd');
    const r = await archiveUrls(ledger.db, archiveDeps, ['file:///etc/passwd', 'ftp://example.org/x', GOOD]);
    expect(r.items.map((i) => i.outcome)).toEqual(['failed', 'failed', 'failed']);
    expect(r.items[0]?.error).toMatch(/unsupported URL scheme file:/);
    expect(r.items[1]?.error).toMatch(/unsupported URL scheme ftp:/);
    expect(r.items[2]?.error).toMatch(/non-http/);
    expect(net.asked).toEqual([GOOD]);
    expect(ledger.raw.has(sha('secret'))).toBe(false);
    expect((await sourceFetchRows(ledger.db)).every((f) => f.error !== null && f.mediaType === null)).toBe(
      true,
    );
  });

  it('links the copies from the evidence pages, serves them, and the static export carries them', async () => {
    net.page(GOOD, '<p>findings v1</p>');
    net.page(MOVED, '%PDF-1.4 letter', 'application/pdf');
    await archiveSources(ledger.db, archiveDeps, { all: false });
    const htmlSha = sha('<p>findings v1</p>');
    const pdfSha = sha('%PDF-1.4 letter');
    const { app } = await createReassessApp({
      db: ledger.db,
      now: deps.now,
      rateLimit: false,
      rawPath: (s) => ledger.raw.pathOf(s),
    });
    for (const path of [`/evidence/${recordId}/`, '/evidence/', `/es/evidence/${recordId}/`]) {
      const html = await (await app.request(path)).text();
      expect(html).toContain(`href="/files/${htmlSha}.txt"`);
      expect(html).toContain(`href="/files/${pdfSha}.pdf"`);
    }
    const file = await app.request(`/files/${pdfSha}.pdf`);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).toString()).toBe('%PDF-1.4 letter');
    const api = await (await app.request(`/api/v1/evidence/${recordId}`)).json();
    expect(api.data.sources[1].archives[0].sha256).toBe(pdfSha);

    const site = join(home, 'site');
    await exportSite({ db: ledger.db, out: site, rawPath: (s) => ledger.raw.pathOf(s) });
    const page = readFileSync(join(site, 'evidence', recordId, 'index.html'), 'utf8');
    const links = [...page.matchAll(/href="\/(files\/[0-9a-f]{64}\.[a-z]+)"/g)].map((m) => m[1] as string);
    expect(links.length).toBeGreaterThanOrEqual(2);
    for (const l of links) expect(existsSync(join(site, l))).toBe(true);
    expect(readFileSync(join(site, 'files', `${htmlSha}.txt`), 'utf8')).toBe('<p>findings v1</p>');
  });
});
