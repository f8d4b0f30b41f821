/**
 * Evidence where users look (issue 18): nothing unreviewed is public (the imported seed stays in review); once a
 * reviewer other than its author approves a record, it is on the agency page grouped by criterion with its sources
 * (EN/ES), on the national evidence page and its filters, in the API (`/api/v1/evidence…`), in the downloads and
 * as an entry of the evidence feed; a retracted record stays, marked.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../src/editors/deps.ts';
import { importEvidence, parseEvidenceFile } from '../../src/evidence/evidence-file.ts';
import type { Editor } from '../../src/evidence/records.ts';
import { approve, createRecord, retract, submitForReview } from '../../src/evidence/records.ts';
import { ledgerVersion } from '../../src/read/version.ts';
import { createReassessApp, type ReassessApp } from '../../src/server/app.ts';
import { listAgencies } from '../../src/store/agencies.ts';
import type { Ledger } from '../../src/store/connection.ts';
import { webLedger } from '../browser/fixture.ts';
import { account, content, testDeps } from '../support/editors.ts';

const SEED = new URL('../../src/reference/evidence-seed.json', import.meta.url);
const seedFile = parseEvidenceFile(readFileSync(SEED, 'utf8'), 'evidence-seed.json');
const seedTitles = seedFile.records.map((r) => r.content.title);

let fx: Awaited<ReturnType<typeof webLedger>>;
let ledger: Ledger;
let r: ReassessApp;
const deps = testDeps();
let alice: Editor;
let bob: Editor;
let harris: string;
let recordId: string;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
async function get(path: string) {
  const res = await r.app.request(path);
  return { status: res.status, text: await res.text() };
}
/** The page's "last updated" line (the layout's freshness note). */
const lastUpdatedLine = (html: string) => /Ledger last updated [^<.]*/.exec(html)?.[0] ?? null;
const api = async (path: string) => JSON.parse((await get(path)).text);

beforeAll(async () => {
  fx = await webLedger();
  ledger = fx.ledger;
  r = await createReassessApp({ db: ledger.db, now: deps.now, rateLimit: false, checkIntervalMs: 0 });
  alice = await account(ledger.db, deps, 'alice', 'contributor');
  bob = await account(ledger.db, deps, 'bob', 'reviewer');
  await importEvidence(ledger.db, deps, CLI_ACTOR, seedFile, 'src/reference/evidence-seed.json');
  const a = (await listAgencies(ledger.db)).find((x) => x.name === "Harris County Sheriff's Office");
  harris = a?.agencyId as string;
  recordId = await createRecord(ledger.db, deps, alice, {
    content: content({
      agencyId: harris,
      agencyName: "Harris County Sheriff's Office",
      state: 'TX',
      countyFips: '48201',
      title: 'A test finding <b>not markup</b>',
      criteria: ['profiling', 'jail-conditions'],
    }),
    origin: 'editor',
    note: 'test',
  });
  await submitForReview(ledger.db, deps, alice, recordId);
});
afterAll(async () => {
  await fx?.dispose();
});

describe('evidence on the public side', () => {
  it('shows nothing unreviewed: the seed and a record in review are in no page, API answer, feed or download', async () => {
    const list = await api('/api/v1/evidence');
    expect(list.data).toEqual([]);
    expect(list.meta.count).toBe(0);
    expect((await get(`/api/v1/evidence/${recordId}`)).status).toBe(404);
    expect((await get(`/evidence/${recordId}/`)).status).toBe(404);
    const texts = [
      (await get('/evidence/')).text,
      (await get(`/agency/${harris}/`)).text,
      (await get('/feeds/evidence.atom')).text,
      (await get('/es/feeds/evidence.atom')).text,
      (await get('/downloads/evidence.json')).text,
    ];
    for (const t of texts) {
      expect(t).not.toContain('A test finding');
      for (const title of seedTitles) expect(t).not.toContain(esc(title).slice(0, 60));
    }
  });

  it('publishes an approved record everywhere: agency page by criterion (EN/ES), national page, API, feed, downloads', async () => {
    const versionBefore = await ledgerVersion(ledger.db);
    const updatedBefore = (await api('/api/v1/evidence')).meta.lastUpdated;
    const footerBefore = lastUpdatedLine((await get('/evidence/')).text);
    expect(updatedBefore).not.toBeNull();
    expect(footerBefore).toMatch(/\d{4}/);
    deps.clock.advance(86_400_000 * 30); // a month after the data: the editor's action must not show as an update
    await approve(ledger.db, deps, bob, recordId, 1, 'checked the source');
    await r.views.refresh();
    // The ledger version (every cache's key) changes; "last updated" stays that of the data.
    expect(await ledgerVersion(ledger.db)).not.toBe(versionBefore);
    expect((await api('/api/v1/evidence')).meta.lastUpdated).toBe(updatedBefore);
    expect(lastUpdatedLine((await get('/evidence/')).text)).toBe(footerBefore);
    const en = (await get(`/agency/${harris}/`)).text;
    const section = en.slice(en.indexOf('id="evidence-title"'), en.indexOf('id="jurisdiction-title"'));
    expect(section).toContain('<h3>Racial profiling or civil-rights violations</h3>');
    expect(section).toContain('<h3>Jail conditions');
    expect(section.split('A test finding &lt;b>not markup&lt;/b>').length - 1).toBe(2); // under both criteria
    expect(section).toContain('A passage, quoted exactly.');
    expect(section).toContain('href="https://www.justice.gov/example"');
    const es = (await get(`/es/agency/${harris}/`)).text;
    expect(es).toContain('<h3>Perfil racial o violaciones de derechos civiles</h3>');

    const national = (await get('/evidence/')).text;
    expect(national).toContain('A test finding');
    expect((await get('/evidence/?kind=doj-findings')).text).toContain('A test finding');
    expect((await get('/evidence/?kind=lawsuit')).text).not.toContain('A test finding');
    expect((await get('/evidence/?criterion=statements')).text).not.toContain('A test finding');
    expect((await get('/evidence/?state=TX')).text).toContain('A test finding');
    expect((await get('/evidence/?state=NC')).text).not.toContain('A test finding');
    expect((await get('/evidence/?from=2013-01-01')).text).not.toContain('A test finding');
    expect((await get('/evidence/?to=2013-01-01')).text).toContain('A test finding');
    expect((await get('/es/evidence/')).text).toContain('<html lang="es">');
    expect((await get(`/evidence/${recordId}/`)).status).toBe(200);

    const list = await api('/api/v1/evidence');
    expect(list.data.map((x: { recordId: string }) => x.recordId)).toEqual([recordId]);
    expect(list.data[0].reviewer.name).toBe('BOB');
    expect((await api('/api/v1/evidence?state=NC')).data).toEqual([]);
    expect((await api(`/api/v1/evidence?agency=${harris}&criterion=profiling`)).meta.count).toBe(1);
    expect((await api(`/api/v1/evidence/${recordId}`)).data.sources[0].quote).toBe(
      'A passage, quoted exactly.',
    );
    expect((await get('/api/v1/evidence?kind=nonsense')).status).toBe(400);
    expect((await get('/api/v1/evidence/evd-0000000000')).status).toBe(404);

    const feed = (await get('/feeds/evidence.atom')).text;
    expect(feed).toContain(`/evidence/${recordId}/`);
    expect(feed.match(/<entry>/g)).toHaveLength(1);
    // The Spanish feed, served beside it and linked from the Spanish pages (in the page and in its head).
    const esFeed = await r.app.request('/es/feeds/evidence.atom');
    expect(esFeed.status).toBe(200);
    expect(esFeed.headers.get('content-type')).toContain('application/atom+xml');
    const esText = await esFeed.text();
    expect(esText).toContain('xml:lang="es"');
    expect(esText).toContain(`/es/evidence/${recordId}/"/>`);
    expect(esText).toContain('A test finding &lt;b&gt;not markup&lt;/b&gt;');
    expect(esText).toContain('Fuentes: https://www.justice.gov/example');
    for (const page of [`/es/evidence/`, `/es/evidence/${recordId}/`, `/es/agency/${harris}/`]) {
      const html = (await get(page)).text;
      expect(html, page).toContain('href="/es/feeds/evidence.atom"');
      expect(html, page).not.toContain('href="/feeds/evidence.atom"');
    }
    expect((await get('/evidence/')).text).toContain('<a href="/feeds/evidence.atom">');
    const dl = JSON.parse((await get('/downloads/evidence.json')).text);
    expect(dl.records.map((x: { recordId: string }) => x.recordId)).toEqual([recordId]);
    for (const t of [national, feed, JSON.stringify(dl)])
      for (const title of seedTitles) expect(t).not.toContain(esc(title).slice(0, 60));
  });

  it('keeps a retracted record public, marked, with the reason, and updates its feed entry', async () => {
    deps.clock.advance(60_000);
    await retract(ledger.db, deps, bob, recordId, 'The source was misread.');
    await r.views.refresh();
    const page = (await get(`/agency/${harris}/`)).text;
    expect(page).toContain('evidence-card retracted');
    expect(page).toContain('The source was misread.');
    const feed = (await get('/feeds/evidence.atom')).text;
    expect(feed).toContain('Retracted: A test finding');
    const esFeed = (await get('/es/feeds/evidence.atom')).text;
    expect(esFeed).toContain('Retirado: A test finding');
    expect(esFeed).toContain('The source was misread.');
    expect(esFeed).not.toContain('Retracted');
    expect((await api(`/api/v1/evidence/${recordId}`)).data.retracted.reason).toBe('The source was misread.');
  });
});
