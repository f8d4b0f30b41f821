/**
 * County pages, index pages and stored files (issue 16): a page for every county, with or without an agreement, in
 * both languages, answering first and naming the population's source and vintage; a ZIP code finds its counties
 * without JavaScript; the index pages of agencies, states, counties and downloads; ICE's workbooks served by
 * sha256 byte for byte with their retrieval records; the changes summed by publication date under the page's
 * filters; and the static export carries all of it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSite } from '../../src/publish/static-export.ts';
import { createReassessApp, type ReassessApp } from '../../src/server/app.ts';
import { listAgencies } from '../../src/store/agencies.ts';
import { listChanges } from '../../src/store/agreements.ts';
import { NOW, WORKBOOKS, webLedger } from '../browser/fixture.ts';
import { tempDir } from '../support/ledgers.ts';

let fx: Awaited<ReturnType<typeof webLedger>>;
let r: ReassessApp;
const out = tempDir('reassess-county-export-');

beforeAll(async () => {
  fx = await webLedger();
  r = await createReassessApp({
    db: fx.ledger.db,
    now: NOW,
    rateLimit: false,
    rawPath: (sha) => fx.ledger.raw.pathOf(sha),
  });
});
afterAll(async () => {
  await fx?.dispose();
  rmSync(out, { recursive: true, force: true });
});

async function get(path: string) {
  const res = await r.app.request(path);
  return { res, text: await res.text() };
}

const sha = (b: Buffer | Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('county pages', () => {
  it('answers for a county with its sheriff listed, in both languages, with the population source', async () => {
    const en = await get('/county/48201/');
    expect(en.res.status).toBe(200);
    expect(en.text).toContain('<h1>Harris County, Texas</h1>');
    expect(en.text).toContain('data-answer="sheriff"');
    expect(en.text).toContain('Harris County Sheriff');
    // The fixture's ACS table is the 2019 5-year file: the 2015–2019 estimates, for whole counties.
    expect(en.text).toContain('2015–2019 5-year estimates');
    expect(en.text).toContain('whole counties');
    expect(en.text).toContain('77002');
    const es = await get('/es/county/48201/');
    expect(es.res.status).toBe(200);
    expect(es.text).toContain('lang="es"');
    expect(es.text).toContain('data-answer="sheriff"');
  });

  it('answers plainly for a county without any agreement, and 404s an unknown code', async () => {
    const m = await get('/county/41051/');
    expect(m.res.status).toBe(200);
    expect(m.text).toContain('data-answer="no"');
    // The answer's date is the county's own (here: when our records begin), not the latest list's.
    expect(m.text).toContain(
      'No 287(g) agreement in Multnomah County, Oregon on any ICE list since our records begin in March 2025.',
    );
    expect((await get('/es/county/41051/')).res.status).toBe(200);
    // Travis County's sheriff left the list: no agreement now, one agency had one before.
    const travis = await get('/county/48453/');
    expect(travis.text).not.toContain('data-answer="sheriff"');
    // Another agency of the county holds one: since that agreement was first listed, not as of the latest list.
    expect(/<p class="answer"[^>]*>([^<]*)</.exec(travis.text)?.[1]).toBe(
      'The sheriff of Travis County, Texas holds no 287(g) agreement, but 1 other agency in the county holds one, on ICE’s list since March 10, 2025.',
    );
    expect((await get('/county/99999/')).res.status).toBe(404);
  });

  it('finds a ZIP code’s counties without JavaScript, the larger share first', async () => {
    const { text } = await get('/search/?q=78737');
    const hays = text.indexOf('/county/48209/');
    const travis = text.indexOf('/county/48453/');
    expect(hays).toBeGreaterThan(0);
    expect(travis).toBeGreaterThan(hays);
    const one = await get('/search/?q=77002');
    expect(one.text).toContain('/county/48201/');
    expect(one.text).not.toContain('/county/48453/');
  });
});

describe('index pages', () => {
  it('lists agencies, states, counties and downloads in both languages', async () => {
    const agencies = await listAgencies(fx.ledger.db);
    for (const prefix of ['', '/es']) {
      const a = await get(`${prefix}/agency/`);
      expect(a.res.status).toBe(200);
      for (const x of agencies) expect(a.text).toContain(`/agency/${x.agencyId}/`);
      const s = await get(`${prefix}/state/`);
      expect(s.res.status).toBe(200);
      expect(s.text).toContain(`${prefix}/state/TX/`);
      expect(s.text).toContain(`${prefix}/state/WY/`);
      const c = await get(`${prefix}/county/`);
      expect(c.res.status).toBe(200);
      expect(c.text).toContain(`${prefix}/county/41051/`);
      expect(c.text).toContain(`${prefix}/county/48201/`);
      const d = await get(`${prefix}/downloads/`);
      expect(d.res.status).toBe(200);
      expect(d.text).toContain('id="stored-files"');
    }
  });
});

describe('changes by publication date', () => {
  it('sums the filtered changes by date, each date a link to its changes under the same filters', async () => {
    const all = await listChanges(fx.ledger.db, '1900-01-01');
    const tx = all.filter((c) => c.state === 'TX');
    const { text } = await get('/changes/?state=TX');
    const dates = [...new Set(tx.map((c) => c.date))].sort().reverse();
    expect(text).toContain(`Changes by publication date (${dates.length} dates)`);
    const links = [...text.matchAll(/href="\/changes\/\?from=([\d-]+)&amp;to=\1&amp;state=TX"/g)].map(
      (m) => m[1],
    );
    expect(links).toEqual(dates);
    const day = dates[0] as string;
    const added = tx.filter((c) => c.date === day && c.kind === 'added').length;
    const onDay = await get(`/changes/?state=TX&from=${day}&to=${day}`);
    expect(onDay.text).toContain(`<td class="num">${added}</td>`);
    expect([...onDay.text.matchAll(/<tr data-date="/g)].length).toBe(tx.filter((c) => c.date === day).length);
  });
});

describe('stored files', () => {
  it('serves every ICE workbook by its sha256, byte for byte, listed with its retrieval', async () => {
    const page = (await get('/downloads/')).text;
    for (const w of WORKBOOKS) {
      const h = sha(w.bytes);
      expect(page).toContain(`/files/${h}.xlsx`);
      const res = await r.app.request(`/files/${h}.xlsx`);
      expect(res.status).toBe(200);
      expect(sha(new Uint8Array(await res.arrayBuffer()))).toBe(h);
      expect(res.headers.get('content-disposition')).toContain(w.file);
    }
    expect(page).toContain(WORKBOOKS[0]?.file);
    expect((await r.app.request(`/files/${'0'.repeat(64)}.xlsx`)).status).toBe(404);
    const first = sha(WORKBOOKS[0]?.bytes as Buffer);
    expect((await r.app.request(`/files/${first}.pdf`)).status).toBe(404);
  });

  it('the static export holds every county page in both languages, the index pages and the stored files', {
    timeout: 600_000,
  }, async () => {
    await exportSite({ db: fx.ledger.db, out, now: NOW, rawPath: (s) => fx.ledger.raw.pathOf(s) });
    for (const p of [
      'county/41051',
      'es/county/41051',
      'county/02013',
      'county',
      'agency',
      'state',
      'downloads',
    ])
      expect(existsSync(join(out, p, 'index.html')), p).toBe(true);
    for (const w of WORKBOOKS) {
      const file = join(out, 'files', `${sha(w.bytes)}.xlsx`);
      expect(sha(readFileSync(file))).toBe(sha(w.bytes));
    }
  });
});
