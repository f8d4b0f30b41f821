/**
 * Server-rendered pages: every page type renders in both languages with the freshness line and the language
 * switch, ICE text is escaped everywhere (an agency named `O'Brien <script>alert(1)</script> & Co`), security
 * headers are on every response, no inline script exists, assets are hashed and compressed, the changes filter
 * and the search work without JavaScript, and the figures agree with the ledger's own queries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyDetail } from '../../src/read/agencies.ts';
import { coverage, listPlacements } from '../../src/read/geography.ts';
import { SPECS } from '../../src/reference/load.ts';
import { createReassessApp, type ReassessApp } from '../../src/server/app.ts';
import { SECURITY_HEADERS } from '../../src/server/headers.ts';
import { listAgencies } from '../../src/store/agencies.ts';
import { listAgreements, listChanges } from '../../src/store/agreements.ts';
import type { Ledger } from '../../src/store/connection.ts';
import { latestSightings } from '../../src/store/publications.ts';
import { EVIL, EVIL_AGENCY, NOW, webLedger } from '../browser/fixture.ts';

let fx: Awaited<ReturnType<typeof webLedger>>;
let ledger: Ledger;
let r: ReassessApp;

beforeAll(async () => {
  fx = await webLedger();
  ledger = fx.ledger;
  r = await createReassessApp({ db: ledger.db, now: NOW, rateLimit: false });
});
afterAll(async () => {
  await fx?.dispose();
});

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await r.app.request(path, { headers });
  return { res, text: await res.text() };
}

const agencyId = async (name: string) => {
  const a = (await listAgencies(ledger.db)).find((x) => x.name === name);
  if (!a) throw new Error(`no agency ${name}`);
  return a.agencyId;
};

/** The name as Preact writes text: `<` and `&` escaped (enough: no tag can start). */
const ESCAPED = EVIL.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Every `<script>` element of a page: external, or a JSON block (never inline code). */
function scripts(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
}

describe('pages', () => {
  it('renders every page type in English and Spanish with freshness, language switch and lang attribute', async () => {
    const sightings = await latestSightings(ledger.db);
    const harris = await agencyId("Harris County Sheriff's Office");
    const paths = [
      '/',
      '/search/',
      '/changes/',
      '/data/',
      '/methodology/',
      `/agency/${harris}/`,
      '/state/TX/',
    ];
    for (const p of paths)
      for (const lang of ['en', 'es'] as const) {
        const url = lang === 'es' ? `/es${p}` : p;
        const { res, text } = await get(url);
        expect(res.status, url).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/html/);
        expect(text.startsWith(`<!DOCTYPE html><html lang="${lang}">`), url).toBe(true);
        // Freshness: the latest participating list's date, written out in the page's language.
        const date = new Intl.DateTimeFormat(lang === 'es' ? 'es-US' : 'en-US', {
          dateStyle: 'long',
          timeZone: 'UTC',
        }).format(new Date(`${sightings.participating?.date}T00:00:00Z`));
        expect(text, url).toContain(`class="freshness"`);
        expect(text, url).toContain(date);
        // The switch leads to the same page in the other language.
        const other = lang === 'es' ? p : `/es${p}`;
        expect(text, url).toMatch(new RegExp(`class="lang-switch" href="${other.replace(/[/.]/g, '\\$&')}"`));
        expect(text).toContain('<a class="skip-link" href="#main">');
        for (const s of scripts(text))
          expect(s, url).toMatch(/ src="\/assets\/[a-z-]+-[0-9a-f]{12}\.js"|type="application\/json"/);
      }
  });

  it('escapes ICE text on every page that shows it, and in the island data', async () => {
    const id = await agencyId(EVIL_AGENCY);
    for (const url of [
      '/',
      '/es/',
      `/agency/${id}/`,
      `/es/agency/${id}/`,
      '/state/TX/',
      '/changes/',
      '/changes/?state=TX',
      `/search/?q=${encodeURIComponent("O'Brien")}`,
    ]) {
      const { text } = await get(url);
      expect(text, url).not.toContain('<script>alert(1)</script>');
      expect(text, url).toContain(ESCAPED);
    }
    // The data the home island loads holds the name as JSON text (set with textContent, never parsed as HTML).
    const home = (await get('/')).text;
    const timeline = /"timeline":"([^"]+)"/.exec(home)?.[1] as string;
    const tl = await (await r.app.request(timeline)).json();
    expect(JSON.stringify(tl)).toContain(JSON.stringify(EVIL).slice(1, -1));
    // Search result for the name on the server, and the page title.
    const { text } = await get(`/agency/${id}/`);
    expect(text).toContain(
      `<title>O'Brien &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co Police Department (TX)`,
    );
  });

  it('answers unknown pages, agencies and states with 404 pages', async () => {
    for (const url of ['/nope/', '/agency/agy-0000000000/', '/es/state/ZZ/']) {
      const { res, text } = await get(url);
      expect(res.status, url).toBe(404);
      expect(text).toContain('<h1>');
    }
    const lower = await r.app.request('/state/tx/');
    expect(lower.status).toBe(301);
    expect(lower.headers.get('location')).toBe('/state/TX/');
  });
});

describe('security and caching', () => {
  it('sets the security headers on pages, assets, API, feeds, downloads and errors', async () => {
    const home = (await get('/')).text;
    const css = /href="(\/assets\/site-[0-9a-f]+\.css)"/.exec(home)?.[1] as string;
    for (const url of [
      '/',
      '/es/changes/',
      css,
      '/api/v1/stats',
      '/feeds/events.atom',
      '/downloads/agencies.csv',
      '/nope',
    ]) {
      const res = await r.app.request(url);
      for (const [k, v] of Object.entries(SECURITY_HEADERS))
        expect(res.headers.get(k), `${url} ${k}`).toBe(v);
    }
    const csp = SECURITY_HEADERS['Content-Security-Policy'] as string;
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('serves hashed assets with a long cache, precompressed', async () => {
    const home = (await get('/')).text;
    const urls = [...home.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] as string);
    expect(urls.length).toBeGreaterThanOrEqual(3);
    for (const u of urls) {
      const br = await r.app.request(u, { headers: { 'Accept-Encoding': 'gzip, br' } });
      expect(br.status, u).toBe(200);
      expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(br.headers.get('content-encoding')).toBe('br');
      const plain = await r.app.request(u);
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect(Number(br.headers.get('content-length'))).toBeLessThan((await plain.arrayBuffer()).byteLength);
    }
    expect((await r.app.request('/assets/site-000000000000.css')).status).toBe(404);
    // Pages are compressed on the fly.
    const page = await r.app.request('/', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(page.headers.get('content-encoding')).toBe('gzip');
  });
});

describe('content', () => {
  it('home figures agree with the ledger queries and the geography coverage', async () => {
    const latest = (await latestSightings(ledger.db)).any as string;
    const active = await listAgreements(ledger.db, { activeOn: latest });
    const cov = await coverage(ledger.db);
    const home = (await get('/')).text;
    const stat = (k: string) => new RegExp(`data-stat="${k}">([^<]*)<`).exec(home)?.[1]?.replace(/,/g, '');
    expect(Number(stat('active'))).toBe(active.length);
    expect(Number(stat('agencies'))).toBe(new Set(active.map((a) => a.agencyId)).size);
    expect(Number(stat('states'))).toBe(new Set(active.map((a) => a.state)).size);
    expect(Number(stat('residents'))).toBe(cov.national.sheriffCounties.residents);
    expect(Number(stat('hispanic'))).toBe(cov.national.sheriffCounties.hispanic);
    expect(cov.national.sheriffCounties.residents).toBeGreaterThan(0);
  });

  it('filters changes by query parameters on the server', async () => {
    const all = await listChanges(ledger.db, '1900-01-01');
    const tx = all.filter((c) => c.state === 'TX' && c.kind === 'added');
    expect(tx.length).toBeGreaterThan(0);
    const { text } = await get('/changes/?state=TX&kind=added');
    const rows = [...text.matchAll(/<tr data-date="([^"]+)" data-state="([^"]*)" data-kind="([^"]+)"/g)];
    expect(rows.length).toBe(tx.length);
    for (const m of rows) expect([m[2], m[3]]).toEqual(['TX', 'added']);
    const dated = (await get('/changes/?from=2025-03-20&to=2025-04-01')).text;
    const inRange = all.filter((c) => c.date >= '2025-03-20' && c.date <= '2025-04-01');
    expect([...dated.matchAll(/<tr data-date="/g)].length).toBe(inRange.length);
    // The form keeps the filter.
    expect(text).toMatch(/<option value="TX" selected/);
  });

  it('answers a misspelled search without JavaScript, and says plainly when a county has no agreement', async () => {
    const gulfport = (await get('/search/?q=gulfprot')).text;
    expect(gulfport).toMatch(/<a href="\/agency\/agy-[a-z0-9]+\/">Gulfport Police Department, MS<\/a>/);
    const loving = (await get('/search/?q=Loving%20County')).text;
    expect(loving).toContain('Loving County, TX');
    expect(loving).toContain('No 287(g) agreement in this county.');
    const lovingEs = (await get('/es/search/?q=Loving%20County')).text;
    expect(lovingEs).toContain('Ningún acuerdo 287(g) en este condado.');
    const state = (await get('/state/TX/')).text;
    expect(state).toMatch(
      /<tr id="c48301"><th scope="row"><a href="\/county\/48301\/">Loving<\/a><\/th><td>no agreement<\/td>/,
    );
    // The state's tables are sortable, filterable and downloadable as shown.
    expect(state).toContain('<table id="state-counties" class="data-table"');
    expect(state).toContain('data-file="agencies-TX.csv"');
  });

  it('agency page shows status, each agreement in a sentence, MOA links, events, the evidence behind “How we know” and a correction link', async () => {
    const id = await agencyId('Tulsa Police Department');
    const d = await agencyDetail(ledger.db, id);
    const placement = (await listPlacements(ledger.db)).find((p) => p.agencyId === id);
    const { text } = await get(`/agency/${id}/`);
    expect(text).toContain('<h1>Tulsa Police Department</h1>');
    for (const a of d?.agreements ?? []) {
      expect(text).toContain(a.agreementId);
      if (a.moaUrl) expect(text).toContain(`href="${a.moaUrl}"`);
    }
    expect([...text.matchAll(/<li><time datetime=/g)].length).toBe(d?.events.length);
    expect(text).toContain('Signed (was pending)');
    // One plain sentence per agreement; the evidence behind "How we know", each list linked to its stored file.
    expect(text).toContain(
      'Task Force Model agreement signed March 20, 2025; on ICE’s list since March 24, 2025.',
    );
    expect(text).toMatch(/<details class="how-we-know"[^>]*><summary>How we know<\/summary>/);
    expect(text).toMatch(
      /<a href="\/files\/[0-9a-f]{64}\.xlsx">ICE’s participating list of March 24, 2025<\/a>/,
    );
    expect(text).not.toContain('Rule:');
    expect(text).toContain(placement?.ori as string);
    // No destination configured: corrections go through the tip form (the moderation queue), with no link to a
    // made-up address; with one, its link is offered beside the form.
    expect(text).toContain('<form method="post" action="/tips" class="tip-form"');
    expect(text).toContain('name="kind" value="correction"');
    expect(text).not.toContain('class="correction-text"');
    expect(text).not.toContain('/issues/new');
    // "Report a correction" opens the tip form on the kind "correction", for this agency (the queue, always).
    const tipHref = `/agency/${id}/?tip=correction#tip`;
    expect(text).toContain(`<a class="button" href="${tipHref}">Report a correction</a>`);
    expect(text).toMatch(/value="record" checked/);
    const opened = (await get(`/agency/${id}/?tip=correction`)).text;
    expect(opened).toMatch(/name="kind" value="correction" checked/);
    expect(opened).not.toMatch(/value="record" checked/);
    expect(opened).toContain(`<input type="hidden" name="agency" value="${id}"/>`);
    expect((await get(`/agency/${id}/?tip=other`)).text).toMatch(/value="record" checked/);
    expect((await get(`/es/agency/${id}/`)).text).toContain(`href="/es${tipHref}"`);
    const gh = await createReassessApp({
      db: ledger.db,
      now: NOW,
      corrections: 'https://github.com/example/ledger',
    });
    const g = await (await gh.app.request(`/agency/${id}/`)).text();
    expect(g).toMatch(
      /href="https:\/\/github\.com\/example\/ledger\/issues\/new\?title=Correction%3A%20Tulsa%20Police%20Department/,
    );
    // The operator's address is an extra option: the correction link still opens the tip form.
    expect(g).toContain(`<a class="button" href="${tipHref}">Report a correction</a>`);
    expect(g).toContain('Or write to this site’s operator');
    const mail = await createReassessApp({ db: ledger.db, now: NOW, corrections: 'mailto:fix@example.org' });
    const m = await (await mail.app.request(`/agency/${id}/`)).text();
    expect(m).toMatch(/href="mailto:fix@example\.org\?subject=Correction%3A%20Tulsa/);
    expect(m).toContain(`<a class="button" href="${tipHref}">Report a correction</a>`);
    expect(m).toContain('<form method="post" action="/tips" class="tip-form"');
  });

  it('methodology lists every reviewed file with its entries', async () => {
    const { text } = await get('/methodology/');
    for (const spec of Object.values(SPECS)) expect(text).toContain(`src/reference/${spec.file}`);
    const abbreviations = (await import('../../src/reference/load.ts')).loadReference('nameAbbreviations');
    const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    expect(abbreviations.length).toBeGreaterThan(0);
    for (const row of abbreviations) {
      expect(text).toContain(`<td>${esc(row.abbreviation)}</td>`);
      expect(text).toContain(`<td>${esc(row.evidence)}</td>`);
    }
  });

  it('data page lists the downloads and links the OpenAPI document', async () => {
    const { text } = await get('/data/');
    expect(text).toContain('href="/api/v1/openapi.json"');
    expect(text).toContain('href="/downloads/agencies.csv"');
    expect(text).toMatch(/<code>\/api\/v1\/[a-z]/);
    const openapi = await r.app.request('/api/v1/openapi.json');
    expect(openapi.status).toBe(200);
  });

  it('prefixes every link with the base path of the public URL', async () => {
    const sub = await createReassessApp({ db: ledger.db, now: NOW, baseUrl: 'https://example.org/ledger/' });
    const res = await sub.app.request('/ledger/es/changes/');
    expect(res.status).toBe(200);
    const html = await res.text();
    const links = [...html.matchAll(/(?:href|src)="(\/[^"]*)"/g)].map((m) => m[1] as string);
    expect(links.length).toBeGreaterThan(10);
    for (const l of links) expect(l.startsWith('/ledger/'), l).toBe(true);
    const css = links.find((l) => l.endsWith('.css')) as string;
    expect((await sub.app.request(css)).status).toBe(200);
  });
});
