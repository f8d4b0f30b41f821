import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { acsApiJson, fbiCsv, gazetteerFile, zctaFile } from '../../test/fixtures/geography.ts';
import {
  type FakeCapture,
  type FakeIce,
  type FakeWayback,
  HTML_ERROR_PAGE,
  instantSleep,
  miniParticipating,
  miniPdf,
  miniPending,
  type PageLayout,
  startFakeIce,
  startFakeWayback,
  steppingClock,
  workbookBytes,
} from '../../test/support/fake-servers.ts';
import { FetchError, InputError } from '../domain/errors.ts';
import type { FetchRecord } from '../domain/types.ts';
import { readB03002 } from '../sources/census-acs/read-b03002.ts';
import { readGazetteer } from '../sources/census-gazetteer/read-gazetteer.ts';
import { readZctaCounty } from '../sources/census-zcta/read-zcta-county.ts';
import { readLeeCsv } from '../sources/fbi-lee/read-lee.ts';
import { readXlsx } from '../sources/xlsx/read-xlsx.ts';
import { nodeHttpGet } from './http.ts';
import {
  backfill,
  DEFAULT_SOURCES,
  referenceTargets,
  type SyncConfig,
  type SyncDeps,
  sync,
  toCdxTimestamp,
} from './sync.ts';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const bytes = workbookBytes();

interface Ingested {
  url: string;
  label: string | null;
  fetch: FetchRecord;
  capturedAt?: string;
  header: string[];
  sha256: string;
}

function harness(ingest?: (b: Buffer) => Promise<unknown>) {
  const fetches: FetchRecord[] = [];
  const stored: { url: string; label: string | null; mediaType: string; sha256: string; size: number }[] = [];
  const ingested: Ingested[] = [];
  const logs: string[] = [];
  const { sleep, waits } = instantSleep();
  const deps: SyncDeps = {
    http: nodeHttpGet,
    now: steppingClock(),
    sleep,
    recordFetch: async (f) => {
      fetches.push(f);
    },
    storeRaw: async (b, meta) => {
      stored.push({ ...meta, sha256: sha(b), size: b.length });
    },
    ingestWorkbook: async (b, meta) => {
      if (ingest) return ingest(b);
      // The project's own reader proves the bytes are a readable workbook.
      const wb = readXlsx(b, meta.label ?? meta.url);
      const header = (wb.rows[0]?.cells ?? []).map((c) => c.value.trim());
      ingested.push({ ...meta, header, sha256: sha(b) });
      return { rows: wb.rows.length - 1 };
    },
    log: (m) => logs.push(m),
  };
  return { deps, fetches, stored, ingested, waits, logs };
}

function configFor(
  ice: FakeIce | null,
  wb: FakeWayback | null = null,
  over: Partial<SyncConfig> = {},
): SyncConfig {
  return {
    pageUrl: ice?.pageUrl ?? 'http://127.0.0.1:9/page',
    cdxBase: wb?.cdxBase ?? 'http://127.0.0.1:9/cdx/search/cdx',
    waybackBase: wb?.waybackBase ?? 'http://127.0.0.1:9',
    timeoutMs: 1000,
    retries: 2,
    backoffMs: 50,
    archiveMoas: false,
    ...over,
  };
}

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function ice(
  layout: PageLayout = 'doclib',
  extra: { noWorkbookLinks?: boolean } = {},
): Promise<FakeIce> {
  const fake = await startFakeIce({
    layout,
    participating: bytes.participating,
    pending: bytes.pending,
    ...extra,
  });
  servers.push(fake.server);
  return fake;
}

async function wayback(captures: FakeCapture[]): Promise<FakeWayback> {
  const fake = await startFakeWayback(captures);
  servers.push(fake.server);
  return fake;
}

describe('sync', () => {
  it('serves the real pack exactly when REASSESS_DATA is set (generated workbooks otherwise)', () => {
    expect(bytes.real).toBe(Boolean(process.env.REASSESS_DATA));
  });

  it('ingests both lists from the page and records every fetch with status, size and sha256', async () => {
    const fake = await ice('doclib');
    const h = harness();
    const report = await sync(configFor(fake), h.deps);

    expect(report.workbooks.map((w) => [w.url, w.label, w.status])).toEqual([
      [fake.participatingUrl, 'participatingAgencies05182026am', 'ingested'],
      [fake.pendingUrl, 'pendingAgencies02272026am', 'ingested'],
    ]);
    expect(report.moas).toEqual([]);
    expect(report.page).toMatchObject({ source: 'ice-page', url: fake.pageUrl, status: 200, error: null });

    expect(h.fetches.map((f) => [f.source, f.url, f.status, f.size, f.sha256, f.error])).toEqual([
      ['ice-page', fake.pageUrl, 200, Buffer.byteLength(fake.html), sha(fake.html), null],
      [
        'ice-workbook',
        fake.participatingUrl,
        200,
        bytes.participating.length,
        sha(bytes.participating),
        null,
      ],
      ['ice-workbook', fake.pendingUrl, 200, bytes.pending.length, sha(bytes.pending), null],
    ]);
    expect(h.fetches.every((f) => /^\d{4}-\d\d-\d\dT/.test(f.retrievedAt))).toBe(true);

    expect(h.ingested.map((i) => [i.url, i.label, i.sha256])).toEqual([
      [fake.participatingUrl, 'participatingAgencies05182026am', sha(bytes.participating)],
      [fake.pendingUrl, 'pendingAgencies02272026am', sha(bytes.pending)],
    ]);
    expect(h.ingested[0]?.header).toContain('SIGNED');
    expect(h.ingested[1]?.header).not.toContain('SIGNED');
    expect(h.ingested[0]?.fetch).toEqual(h.fetches[1]);
    expect(h.stored.map((s) => s.mediaType)).toEqual([
      'text/html',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    // The page links the participating workbook twice; it is fetched once.
    expect(fake.server.hitCount(fake.participatingPath)).toBe(1);
  });

  it('finds the workbooks by pattern after they move to another folder under other names', async () => {
    const fake = await ice('moved');
    const h = harness();
    const report = await sync(configFor(fake), h.deps);
    expect(report.workbooks.map((w) => [w.url, w.label, w.status])).toEqual([
      [`${fake.participatingUrl}?v=2&dl=1`, '287gParticipatingAgencies091526pm', 'ingested'],
      [fake.pendingUrl, 'Pending-Agencies_2026', 'ingested'],
    ]);
    expect(h.ingested.map((i) => i.sha256)).toEqual([sha(bytes.participating), sha(bytes.pending)]);
  });

  it('follows a redirected page and resolves its links against where it landed', async () => {
    const fake = await ice('moved');
    fake.server.route('/a/b/c/d/287g', { redirect: new URL(fake.pageUrl).pathname, status: 301 });
    const h = harness();
    const report = await sync(configFor(fake, null, { pageUrl: fake.server.url('/a/b/c/d/287g') }), h.deps);
    expect(report.page.url).toBe(fake.server.url('/a/b/c/d/287g'));
    expect(report.workbooks.map((w) => w.status)).toEqual(['ingested', 'ingested']);
  });

  it('retries a workbook after 500s, then ingests it', async () => {
    const fake = await ice();
    fake.server.setMode(fake.participatingPath, '500', { times: 2 });
    const h = harness();
    const report = await sync(configFor(fake, null, { retries: 3 }), h.deps);
    expect(report.workbooks.map((w) => w.status)).toEqual(['ingested', 'ingested']);
    expect(fake.server.hitCount(fake.participatingPath)).toBe(3);
    expect(h.waits).toEqual([50, 100]);
    expect(h.fetches[1]).toMatchObject({ status: 200, sha256: sha(bytes.participating), error: null });
  });

  it('records a workbook that times out as failed and goes on, quickly', async () => {
    const fake = await ice();
    fake.server.setMode(fake.pendingPath, 'timeout');
    const h = harness();
    const t0 = Date.now();
    const report = await sync(configFor(fake, null, { timeoutMs: 200, retries: 1 }), h.deps);
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(report.workbooks.map((w) => [w.status, w.reason])).toEqual([
      ['ingested', undefined],
      ['failed', 'timed out after 200 ms (after 2 attempts)'],
    ]);
    expect(h.fetches[2]).toMatchObject({
      source: 'ice-workbook',
      url: fake.pendingUrl,
      status: null,
      size: null,
      sha256: null,
      error: 'timed out after 200 ms (after 2 attempts)',
    });
    expect(h.ingested).toHaveLength(1);
  });

  it('records an HTML error page served with 200 and does not ingest or store it', async () => {
    const fake = await ice();
    fake.server.setMode(fake.participatingPath, 'html-error');
    const h = harness();
    const report = await sync(configFor(fake), h.deps);
    expect(report.workbooks[0]).toMatchObject({
      status: 'rejected',
      reason: 'not a workbook: an HTML page, not an Excel workbook',
    });
    expect(h.fetches[1]).toMatchObject({
      url: fake.participatingUrl,
      status: 200,
      size: Buffer.byteLength(HTML_ERROR_PAGE),
      sha256: sha(HTML_ERROR_PAGE),
      error: 'not a workbook: an HTML page, not an Excel workbook',
    });
    expect(h.ingested.map((i) => i.url)).toEqual([fake.pendingUrl]);
    expect(h.stored.some((s) => s.sha256 === sha(HTML_ERROR_PAGE))).toBe(false);
    expect(fake.server.hitCount(fake.participatingPath)).toBe(1);
  });

  it('records a 404 once, without retrying', async () => {
    const fake = await ice();
    fake.server.setMode(fake.pendingPath, '404');
    const h = harness();
    const report = await sync(configFor(fake), h.deps);
    expect(report.workbooks[1]).toMatchObject({ status: 'failed', reason: 'HTTP 404' });
    expect(h.fetches[2]).toMatchObject({ status: 404, error: 'HTTP 404' });
    expect(h.fetches[2]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(fake.server.hitCount(fake.pendingPath)).toBe(1);
  });

  it('fails clearly when the page links no workbook, after recording the page', async () => {
    const fake = await ice('doclib', { noWorkbookLinks: true });
    const h = harness();
    await expect(sync(configFor(fake), h.deps)).rejects.toThrow(InputError);
    await expect(sync(configFor(fake), h.deps)).rejects.toThrow(/links no workbook/);
    expect(h.fetches[0]).toMatchObject({ source: 'ice-page', status: 200, error: null });
    expect(h.ingested).toEqual([]);
  });

  it('throws FetchError when the page cannot be retrieved, after recording the attempt', async () => {
    const fake = await ice();
    fake.server.setMode(new URL(fake.pageUrl).pathname, '500');
    const h = harness();
    await expect(sync(configFor(fake, null, { retries: 1 }), h.deps)).rejects.toBeInstanceOf(FetchError);
    expect(h.fetches).toHaveLength(1);
    expect(h.fetches[0]).toMatchObject({
      source: 'ice-page',
      status: 500,
      error: 'HTTP 500 (after 2 attempts)',
    });
  });

  it('archives the MOA PDFs the page links, rejecting what is not a PDF', async () => {
    const fake = await ice();
    fake.server.setMode(fake.moaPaths[1] ?? '', 'html-error');
    const h = harness();
    const report = await sync(configFor(fake, null, { archiveMoas: true }), h.deps);
    expect(report.moas.map((m) => [m.url, m.status, m.reason])).toEqual([
      [fake.moaUrls[0], 'stored', undefined],
      [fake.moaUrls[1], 'rejected', 'not a PDF: an HTML page, not a PDF document'],
    ]);
    const pdfs = h.stored.filter((s) => s.mediaType === 'application/pdf');
    expect(pdfs.map((p) => [p.url, p.label])).toEqual([[fake.moaUrls[0], 'ArcadiaPDFL_TFM_MOA_030425']]);
    const moaFetches = h.fetches.filter((f) => f.source === 'ice-moa');
    expect(moaFetches.map((f) => [f.status, f.error])).toEqual([
      [200, null],
      [200, 'not a PDF: an HTML page, not a PDF document'],
    ]);
    expect(moaFetches.every((f) => f.sha256 && f.size)).toBe(true);
  });

  it('honours maxMoas and skips MOAs already stored', async () => {
    const fake = await ice();
    const h = harness();
    const one = await sync(configFor(fake, null, { archiveMoas: true, maxMoas: 1 }), h.deps);
    expect(one.moas.map((m) => m.status)).toEqual(['stored']);
    const known = new Set([fake.moaUrls[0]]);
    const again = await sync(configFor(fake, null, { archiveMoas: true }), {
      ...h.deps,
      hasMoa: async (u) => known.has(u),
    });
    expect(again.moas.map((m) => m.status)).toEqual(['skipped', 'stored']);
    expect(fake.server.hitCount(fake.moaPaths[0] ?? '')).toBe(1);
  });

  it('archives the lists’ MOA links too, each once, as documents; a link ICE removed from the Wayback Machine', async () => {
    const fake = await ice();
    fake.server.setMode(fake.moaPaths[1] ?? '', '404');
    const removed = fake.moaUrls[1] as string;
    const copy = miniPdf('wayback copy');
    const wb = await wayback([
      {
        timestamp: '20250301000000',
        original: removed,
        body: miniPdf('older copy'),
        mimetype: 'application/pdf',
      },
      { timestamp: '20250401000000', original: removed, body: copy, mimetype: 'application/pdf' },
    ]);
    const listedOnly = `${fake.server.origin}/doclib/287gMOA/listedOnlyMOA.pdf`;
    fake.server.route('/doclib/287gMOA/listedOnlyMOA.pdf', {
      body: miniPdf('listed'),
      contentType: 'application/pdf',
    });
    const h = harness();
    const documents: { url: string; source: string; sha256: string }[] = [];
    const report = await sync(configFor(fake, wb, { archiveMoas: true }), {
      ...h.deps,
      // The lists link the page's first MOA again (another spelling) and one the page does not.
      listedMoaLinks: async () => [(fake.moaUrls[0] as string).replace('http://', 'HTTP://'), listedOnly],
      ingestDocument: async (b, meta) => {
        documents.push({ url: meta.url, source: meta.fetch.source, sha256: sha(b) });
      },
    });
    expect(report.moas.map((m) => [m.url, m.status, m.waybackCapture])).toEqual([
      [fake.moaUrls[0], 'stored', undefined],
      [removed, 'stored', '2025-04-01T00:00:00Z'],
      [listedOnly, 'stored', undefined],
    ]);
    expect(documents.map((d) => d.source)).toEqual(['ice-moa', 'wayback-moa', 'ice-moa']);
    expect(documents[1]?.sha256).toBe(sha(copy));
    expect(documents[1]?.url).toMatch(/\/web\/20250401000000id_\//);
    // Each retrieval is recorded: the 404, the index query (the document ingester records the copy's own).
    expect(h.fetches.filter((f) => f.url === removed).map((f) => f.status)).toEqual([404]);
    expect(h.fetches.some((f) => f.source === 'wayback-cdx')).toBe(true);
    // Raw-only storage is not used when documents are ingested.
    expect(h.stored.filter((x) => x.mediaType === 'application/pdf')).toEqual([]);
  });

  it('reports a workbook the reader rejects, and lets unexpected ingester errors through', async () => {
    const fake = await ice();
    const rejecting = harness(async () => {
      throw new InputError('x.xlsx', 'no header row');
    });
    const report = await sync(configFor(fake), rejecting.deps);
    expect(report.workbooks.map((w) => [w.status, w.reason])).toEqual([
      ['rejected', 'x.xlsx: no header row'],
      ['rejected', 'x.xlsx: no header row'],
    ]);
    expect(rejecting.fetches.map((f) => f.error)).toEqual([null, null, null]);

    const broken = harness(async () => {
      throw new Error('database is gone');
    });
    await expect(sync(configFor(fake), broken.deps)).rejects.toThrow('database is gone');
  });

  it('waits between downloads when asked to be polite', async () => {
    const fake = await ice();
    const h = harness();
    await sync(configFor(fake, null, { requestDelayMs: 700 }), h.deps);
    expect(h.waits).toEqual([700, 700]);
  });
});

const ICE = 'https://www.ice.gov/doclib/about/offices/ero/287g/';
const SITES = 'https://www.ice.gov/sites/default/files/documents/Document/2025/';

function captures(): FakeCapture[] {
  return [
    { timestamp: '20250222170855', original: `${ICE}participatingAgencies.xlsx`, body: bytes.participating },
    // Same URL and bytes captured again (CDX collapses only adjacent rows): taken once.
    { timestamp: '20250223101010', original: `${ICE}participatingAgencies.xlsx`, body: bytes.participating },
    {
      timestamp: '20250305151329',
      original: `${ICE}participatingAgencies03032025PM.xlsx`,
      body: miniParticipating('b'),
    },
    {
      timestamp: '20250301000000',
      original: `${ICE}participatingAgencies.xlsx`,
      body: 'x',
      statuscode: '404',
    },
    { timestamp: '20250306120000', original: `${ICE}pendingAgencies03062025am.xlsx`, body: bytes.pending },
    { timestamp: '20250402000000', original: `${ICE}pendingAgencies04012025am.xlsx`, body: HTML_ERROR_PAGE },
    {
      timestamp: '20250416000000',
      original: `${SITES}participatingAgencies04152025.xlsx`,
      body: miniParticipating('c'),
    },
    { timestamp: '20250417000000', original: `${ICE}participatingAgencies-help.html`, body: '<html></html>' },
  ];
}

describe('backfill', () => {
  it('ingests each distinct capture once, oldest first, labelled from the original URL', async () => {
    const wb = await wayback(captures());
    const h = harness();
    const report = await backfill(configFor(null, wb), h.deps);

    expect(report.queries.map((q) => [q.urlPrefix, q.captures, q.error])).toEqual(
      DEFAULT_SOURCES.backfillPrefixes.map((p, i) => [p, [4, 2, 1, 0][i], undefined]),
    );
    expect(report.workbooks.map((w) => [w.label, w.status, w.capturedAt])).toEqual([
      ['participatingAgencies', 'ingested', '2025-02-22T17:08:55Z'],
      ['participatingAgencies03032025PM', 'ingested', '2025-03-05T15:13:29Z'],
      ['pendingAgencies03062025am', 'ingested', '2025-03-06T12:00:00Z'],
      ['pendingAgencies04012025am', 'rejected', '2025-04-02T00:00:00Z'],
      ['participatingAgencies04152025', 'ingested', '2025-04-16T00:00:00Z'],
    ]);
    expect(report.skipped.map((s) => [s.timestamp, s.reason])).toEqual([
      ['20250223101010', 'same capture already taken in this run'],
      ['20250417000000', 'not an .xlsx URL'],
    ]);

    // Ingest sees ICE's URL; the recorded fetch has the archive's raw-capture URL.
    const first = h.ingested[0];
    expect(first?.url).toBe(`${ICE}participatingAgencies.xlsx`);
    expect(first?.capturedAt).toBe('2025-02-22T17:08:55Z');
    expect(first?.fetch.url).toBe(`${wb.waybackBase}/web/20250222170855id_/${ICE}participatingAgencies.xlsx`);
    expect(first?.fetch.source).toBe('wayback');
    expect(h.ingested.map((i) => i.label)).toEqual([
      'participatingAgencies',
      'participatingAgencies03032025PM',
      'pendingAgencies03062025am',
      'participatingAgencies04152025',
    ]);

    // Every retrieval recorded: 4 index queries + 5 downloads, each with status, size and sha256.
    expect(h.fetches.map((f) => f.source)).toEqual([
      'wayback-cdx',
      'wayback-cdx',
      'wayback-cdx',
      'wayback-cdx',
      'wayback',
      'wayback',
      'wayback',
      'wayback',
      'wayback',
    ]);
    expect(
      h.fetches.every((f) => f.status === 200 && f.size !== null && /^[0-9a-f]{64}$/.test(f.sha256 ?? '')),
    ).toBe(true);
    expect(h.fetches[7]?.error).toBe('not a workbook: an HTML page, not an Excel workbook');
    expect(h.fetches[4]?.sha256).toBe(sha(bytes.participating));
    for (const c of captures().filter((x) => x.timestamp !== '20250223101010' && x.statuscode !== '404')) {
      if (c.original.endsWith('.xlsx')) expect(wb.server.hitCount(wb.rawPath(c))).toBe(1);
    }
    expect(h.logs.some((l) => l.includes('archive digest'))).toBe(false);
  });

  it('passes the date range to the index and downloads at most `limit` captures', async () => {
    const wb = await wayback(captures());
    const h = harness();
    const report = await backfill(configFor(null, wb), h.deps, {
      urlPrefixes: ['www.ice.gov/doclib/about/offices/ero/287g/participatingAgencies'],
      from: '2025-02-23',
      to: '20250331',
      limit: 1,
    });
    expect(wb.queries).toHaveLength(1);
    expect(wb.queries[0]?.get('from')).toBe('20250223');
    expect(wb.queries[0]?.get('to')).toBe('20250331');
    expect(report.workbooks.map((w) => [w.label, w.capturedAt])).toEqual([
      ['participatingAgencies', '2025-02-23T10:10:10Z'],
    ]);
  });

  it('goes on when one index query or one capture fails', async () => {
    const wb = await wayback(captures());
    wb.server.setMode(wb.cdxPath, '500', { times: 1 });
    const list = captures();
    const slow = list[2] as FakeCapture;
    wb.server.setMode(wb.rawPath(slow), 'timeout');
    const h = harness();
    const t0 = Date.now();
    const report = await backfill(configFor(null, wb, { retries: 0, timeoutMs: 200 }), h.deps);
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(report.queries.map((q) => [q.captures, q.error, q.fetch?.status])).toEqual([
      [0, 'HTTP 500', 500],
      [2, undefined, 200],
      [1, undefined, 200],
      [0, undefined, 200],
    ]);
    expect(report.workbooks.map((w) => [w.label, w.status])).toEqual([
      ['pendingAgencies03062025am', 'ingested'],
      ['pendingAgencies04012025am', 'rejected'],
      ['participatingAgencies04152025', 'ingested'],
    ]);

    const again = await backfill(configFor(null, wb, { retries: 0, timeoutMs: 200 }), harness().deps, {
      urlPrefixes: ['www.ice.gov/doclib/about/offices/ero/287g/participatingAgencies'],
    });
    expect(again.workbooks.find((w) => w.label === 'participatingAgencies03032025PM')).toMatchObject({
      status: 'failed',
      reason: 'timed out after 200 ms',
    });
  });

  it('reads date bounds as CDX timestamps', () => {
    expect(toCdxTimestamp('2025-03-01')).toBe('20250301');
    expect(toCdxTimestamp('2025-03-01T12:30:00Z')).toBe('20250301123000');
    expect(toCdxTimestamp('2025')).toBe('2025');
    expect(() => toCdxTimestamp('March 2025')).toThrow(/not a date/);
  });

  it('keeps every base URL in the config defaults', () => {
    expect(DEFAULT_SOURCES.pageUrl).toBe('https://www.ice.gov/identify-and-arrest/287g');
    expect(DEFAULT_SOURCES.cdxBase).toBe('https://web.archive.org/cdx/search/cdx');
    expect(DEFAULT_SOURCES.waybackBase).toBe('https://web.archive.org');
    expect(miniPending()).toBeInstanceOf(Buffer);
  });
});

describe('sync of reference tables', () => {
  const FBI = fbiCsv([
    { ori: 'LA0100000', name: 'Calcasieu', state: 'LA', county: 'CALCASIEU', type: 'County' },
  ]);
  const ACS = acsApiJson([
    { fips: '22019', name: 'Calcasieu Parish, Louisiana', total: 9, hispanic: 1, white: 5, black: 3 },
  ]);
  const ZCTA = zctaFile([
    ['70601', '22019', 'Calcasieu Parish', 100],
    ['70615', '22019', 'Calcasieu Parish', 100],
  ]);
  const PLACES = gazetteerFile([['LA', '2241155', 'Lake Charles city', 30.2, -93.2]]);
  const COUSUBS = gazetteerFile([['PA', '4212718224', 'Damascus township', 41.7, -75.1]], { cousub: true });

  it('builds the Census API URL from the vintage, adds the key, and takes every URL from the config', () => {
    const t = referenceTargets({ acsVintage: '2021', censusKey: 'k&1', fbiLeeUrl: 'http://x/fbi.csv' });
    expect(t).toEqual([
      { kind: 'fbi-lee', url: 'http://x/fbi.csv', vintage: null },
      {
        kind: 'acs-b03002',
        url: 'https://api.census.gov/data/2021/acs/acs5?get=NAME,B03002_001E,B03002_003E,B03002_004E,B03002_012E&for=county:*&key=k%261',
        vintage: '2021',
      },
      { kind: 'zcta-county', url: DEFAULT_SOURCES.zctaUrl, vintage: '2020' },
      { kind: 'gazetteer-places', url: DEFAULT_SOURCES.placesUrl, vintage: '2020' },
      { kind: 'gazetteer-cousubs', url: DEFAULT_SOURCES.cousubsUrl, vintage: '2020' },
    ]);
    expect(
      referenceTargets({
        zctaUrl: 'http://x/z.txt',
        placesUrl: 'http://x/p.zip',
        cousubsUrl: 'http://x/c.zip',
      })
        .slice(2)
        .map((r) => r.url),
    ).toEqual(['http://x/z.txt', 'http://x/p.zip', 'http://x/c.zip']);
    expect(referenceTargets()[1]?.vintage).toBe(DEFAULT_SOURCES.acsVintage);
  });

  it('downloads the FBI, ACS, ZCTA and Gazetteer tables, hands them to the ingester, and records the fetches (key hidden)', async () => {
    const fake = await ice();
    fake.server.route('/fbi/lee.csv', { body: FBI, contentType: 'text/csv' });
    fake.server.route('/data/2023/acs/acs5', { body: ACS, contentType: 'application/json' });
    fake.server.route('/rel/zcta.txt', { body: ZCTA, contentType: 'text/plain' });
    fake.server.route('/gaz/places.zip', { body: PLACES, contentType: 'application/zip' });
    fake.server.route('/gaz/cousubs.zip', { body: COUSUBS, contentType: 'application/zip' });
    const h = harness();
    const got: { url: string; vintage: string | null; rows: number }[] = [];
    h.deps.ingestReference = async (b, meta) => {
      const rows = meta.url.includes('lee')
        ? readLeeCsv(b, meta.url).rows
        : meta.url.includes('zcta')
          ? readZctaCounty(b, meta.url).rows
          : meta.url.includes('gaz')
            ? readGazetteer(b, meta.url).rows
            : readB03002(b, meta.url).rows;
      got.push({ url: meta.url, vintage: meta.vintage, rows });
    };
    const references = referenceTargets({
      fbiLeeUrl: fake.server.url('/fbi/lee.csv'),
      acsUrl: fake.server.url('/data/{vintage}/acs/acs5?get=NAME&for=county:*'),
      acsVintage: '2023',
      censusKey: 'SECRET',
      zctaUrl: fake.server.url('/rel/zcta.txt'),
      placesUrl: fake.server.url('/gaz/places.zip'),
      cousubsUrl: fake.server.url('/gaz/cousubs.zip'),
    });
    const report = await sync(configFor(fake, null, { references }), h.deps);
    expect(report.references.map((r) => [r.kind, r.status])).toEqual([
      ['fbi-lee', 'ingested'],
      ['acs-b03002', 'ingested'],
      ['zcta-county', 'ingested'],
      ['gazetteer-places', 'ingested'],
      ['gazetteer-cousubs', 'ingested'],
    ]);
    expect(got).toEqual([
      { url: fake.server.url('/fbi/lee.csv'), vintage: null, rows: 1 },
      { url: fake.server.url('/data/2023/acs/acs5?get=NAME&for=county:*&key=…'), vintage: '2023', rows: 1 },
      { url: fake.server.url('/rel/zcta.txt'), vintage: '2020', rows: 2 },
      { url: fake.server.url('/gaz/places.zip'), vintage: '2020', rows: 1 },
      { url: fake.server.url('/gaz/cousubs.zip'), vintage: '2020', rows: 1 },
    ]);
    expect(JSON.stringify(report)).not.toContain('SECRET');
  });

  it('reports an HTML error page served for a reference table as rejected, and skips one fetched this week', async () => {
    const fake = await ice();
    fake.server.route('/fbi/lee.csv', { body: HTML_ERROR_PAGE, contentType: 'text/html' });
    const h = harness();
    h.deps.ingestReference = async (b, meta) => readLeeCsv(b, meta.url);
    h.deps.fetchedWithin = async (url) => url.includes('census');
    const references = referenceTargets({
      fbiLeeUrl: fake.server.url('/fbi/lee.csv'),
      acsUrl: 'http://census.invalid/{vintage}',
    });
    const report = await sync(configFor(fake, null, { references }), h.deps);
    expect(report.references.map((r) => [r.kind, r.status])).toEqual([
      ['fbi-lee', 'rejected'],
      ['acs-b03002', 'skipped'],
      ['zcta-county', 'skipped'],
      ['gazetteer-places', 'skipped'],
      ['gazetteer-cousubs', 'skipped'],
    ]);
    expect(report.references[0]?.reason).toBe('an HTML page, not a reference table');
    expect(h.fetches.find((f) => f.url.endsWith('/fbi/lee.csv'))?.error).toBe(
      'rejected: an HTML page, not a reference table',
    );
  });
});
