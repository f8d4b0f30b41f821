/**
 * Retrieval: `sync` reads ICE's 287(g) page, downloads the workbooks (and optionally the MOA PDFs) it links, and
 * hands every good workbook to the ingester; `backfill` does the same for the Wayback Machine's captures of the
 * workbook URLs. Every retrieval is recorded, including the failed and the rejected ones. All I/O goes through the
 * injected deps, and every base URL comes from the config.
 */
import { createHash } from 'node:crypto';
import { FetchError, InputError, UsageError } from '../domain/errors.ts';
import { PDF_MEDIA_TYPE, XLSX_MEDIA_TYPE } from '../domain/media-types.ts';
import type { FetchRecord } from '../domain/types.ts';
import { findMoaLinks, findWorkbookLinks, labelOf } from '../sources/ice-page/find-links.ts';
import { type Capture, captureInstant, captureUrl, waybackDigest } from '../sources/wayback/cdx.ts';
import { FETCH_DEFAULTS, fetchWithRetry, type HttpGet, realSleep } from './http.ts';
import { sniffPdf, sniffWorkbook } from './sniff.ts';
import { listCaptures } from './wayback.ts';

/** Where the bytes come from. Everything else reads these through SyncConfig, never directly. */
export const DEFAULT_SOURCES = {
  pageUrl: 'https://www.ice.gov/identify-and-arrest/287g',
  cdxBase: 'https://web.archive.org/cdx/search/cdx',
  waybackBase: 'https://web.archive.org',
  /** CDX prefixes (no scheme; the index matches them case-insensitively) under which ICE has served workbooks. */
  /**
   * The FBI Law Enforcement Employees agency table (ORI, county, population served). The FBI publishes it on the
   * Crime Data Explorer's downloads page behind a scripted link; the default is a public copy of that table in
   * the one-row-per-agency shape (recoveredfactory/287g-watch). Set REASSESS_FBI_LEE_URL to use another copy or
   * the FBI's master file (same column names; the latest year per ORI is kept).
   */
  fbiLeeUrl:
    'https://raw.githubusercontent.com/recoveredfactory/287g-watch/main/packages/pipeline/data/fbi_lee_latest.csv',
  /** The Census Bureau's API, ACS 5-year detailed tables; `{vintage}` is replaced. */
  acsUrl:
    'https://api.census.gov/data/{vintage}/acs/acs5?get=NAME,B03002_001E,B03002_003E,B03002_004E,B03002_012E&for=county:*',
  /** ACS 5-year vintage (the latest release as of 2026-11 is 2024; the county shapes are 2017's, see docs/geography.md). */
  acsVintage: '2024',
  /** The Census Bureau's 2020 ZCTA to county relationship file (a ZIP code's counties, for the county search). */
  zctaUrl: 'https://www2.census.gov/geo/docs/maps-data/data/rel2020/zcta520/tab20_zcta520_county20_natl.txt',
  /** The Census Gazetteer of places (internal points of cities, towns, CDPs), where the map draws agencies. */
  placesUrl:
    'https://www2.census.gov/geo/docs/maps-data/data/gazetteer/2020_Gazetteer/2020_Gaz_place_national.zip',
  /** The Census Gazetteer of county subdivisions (townships), for agencies of a township. */
  cousubsUrl:
    'https://www2.census.gov/geo/docs/maps-data/data/gazetteer/2020_Gazetteer/2020_Gaz_cousubs_national.zip',
  backfillPrefixes: [
    'www.ice.gov/doclib/about/offices/ero/287g/participatingAgencies',
    'www.ice.gov/doclib/about/offices/ero/287g/pendingAgencies',
    'www.ice.gov/sites/default/files/documents/Document/2025/participatingAgencies',
    // 2026 upstream names (MANIFEST quirk 2): the index matches case-insensitively, so only the prefixed one is new.
    'www.ice.gov/doclib/about/offices/ero/287g/287gParticipatingAgencies',
  ] as readonly string[],
} as const;

export interface SyncDeps {
  http: HttpGet;
  now: () => Date;
  sleep?: (ms: number) => Promise<void>;
  recordFetch: (f: FetchRecord) => Promise<void>;
  storeRaw: (bytes: Buffer, meta: { url: string; label: string | null; mediaType: string }) => Promise<void>;
  ingestWorkbook: (
    bytes: Buffer,
    meta: { url: string; label: string | null; fetch: FetchRecord; capturedAt?: string },
  ) => Promise<unknown>;
  /** Stores and ingests a reference table; throws InputError when its content is refused. */
  ingestReference?: (
    bytes: Buffer,
    meta: { url: string; fetch: FetchRecord; vintage: string | null },
  ) => Promise<unknown>;
  /** True when the URL was fetched successfully within `days` (reference tables change yearly at most). */
  fetchedWithin?: (url: string, days: number) => Promise<boolean>;
  /** When given and true for a MOA URL, that MOA is not downloaded again (reported as 'skipped'). */
  hasMoa?: (url: string) => Promise<boolean>;
  /** The MOA and addendum links of the stored lists (read after this run's lists are ingested). */
  listedMoaLinks?: () => Promise<string[]>;
  /**
   * Stores and reads a downloaded PDF as a document (issue 15), recording its retrieval; throws InputError when
   * the PDF is refused. Without it, MOA PDFs are kept as raw files only.
   */
  ingestDocument?: (bytes: Buffer, meta: { url: string; fetch: FetchRecord }) => Promise<unknown>;
  log?: (msg: string) => void;
}

export interface SyncConfig {
  pageUrl: string;
  cdxBase: string;
  waybackBase: string;
  timeoutMs: number;
  retries: number;
  archiveMoas: boolean;
  maxMoas?: number;
  /** First retry wait (doubled per retry). Default FETCH_DEFAULTS.backoffMs. */
  backoffMs?: number;
  /** Pause between consecutive downloads, to be polite to ice.gov and the archive. Default 0. */
  requestDelayMs?: number;
  /** Byte cap for one workbook or PDF. Default FETCH_DEFAULTS.maxBytes. */
  maxBytes?: number;
  /** CDX prefixes used by backfill when its options name none. Default DEFAULT_SOURCES.backfillPrefixes. */
  backfillPrefixes?: readonly string[];
  /** Reference tables fetched by sync (empty: none). */
  references?: readonly ReferenceTarget[];
}

export interface ReferenceTarget {
  kind: 'fbi-lee' | 'acs-b03002' | 'zcta-county' | 'gazetteer-places' | 'gazetteer-cousubs';
  url: string;
  vintage: string | null;
}

/** The reference tables sync fetches, from the defaults or the given URLs and vintage. */
export function referenceTargets(
  o: {
    fbiLeeUrl?: string;
    acsUrl?: string;
    acsVintage?: string;
    censusKey?: string;
    zctaUrl?: string;
    placesUrl?: string;
    cousubsUrl?: string;
  } = {},
): ReferenceTarget[] {
  const vintage = o.acsVintage || DEFAULT_SOURCES.acsVintage;
  let acs = (o.acsUrl || DEFAULT_SOURCES.acsUrl).replace('{vintage}', vintage);
  if (o.censusKey) acs += `${acs.includes('?') ? '&' : '?'}key=${encodeURIComponent(o.censusKey)}`;
  return [
    { kind: 'fbi-lee', url: o.fbiLeeUrl || DEFAULT_SOURCES.fbiLeeUrl, vintage: null },
    { kind: 'acs-b03002', url: acs, vintage },
    { kind: 'zcta-county', url: o.zctaUrl || DEFAULT_SOURCES.zctaUrl, vintage: '2020' },
    { kind: 'gazetteer-places', url: o.placesUrl || DEFAULT_SOURCES.placesUrl, vintage: '2020' },
    { kind: 'gazetteer-cousubs', url: o.cousubsUrl || DEFAULT_SOURCES.cousubsUrl, vintage: '2020' },
  ];
}

export const DEFAULT_SYNC_CONFIG: SyncConfig = {
  pageUrl: DEFAULT_SOURCES.pageUrl,
  cdxBase: DEFAULT_SOURCES.cdxBase,
  waybackBase: DEFAULT_SOURCES.waybackBase,
  timeoutMs: 60_000,
  retries: 3,
  archiveMoas: true,
  requestDelayMs: 1_000,
  backfillPrefixes: DEFAULT_SOURCES.backfillPrefixes,
};

export type WorkbookStatus = 'ingested' | 'rejected' | 'failed';
export type MoaStatus = 'stored' | 'rejected' | 'failed' | 'skipped';

export interface WorkbookOutcome {
  /** ICE's URL of the workbook (for backfill: the captured original, not the archive URL). */
  url: string;
  label: string | null;
  status: WorkbookStatus;
  reason?: string;
  /** The recorded retrieval (for backfill its url is the archive's raw-capture URL). */
  fetch: FetchRecord;
  /** Backfill only: capture instant (UTC ISO). */
  capturedAt?: string;
  /** What ingestWorkbook returned. */
  result?: unknown;
}

export interface MoaOutcome {
  url: string;
  status: MoaStatus;
  reason?: string;
  fetch?: FetchRecord;
  /** Set when ICE no longer serves the link and the Wayback Machine's copy was taken: its capture instant. */
  waybackCapture?: string;
}

export interface ReferenceOutcome {
  kind: string;
  url: string;
  status: 'ingested' | 'rejected' | 'failed' | 'skipped';
  reason?: string;
}

export interface SyncReport {
  page: FetchRecord;
  workbooks: WorkbookOutcome[];
  moas: MoaOutcome[];
  references: ReferenceOutcome[];
}

export interface CdxQueryOutcome {
  urlPrefix: string;
  /** The index query's record (null only if the query never produced one). */
  fetch: FetchRecord | null;
  captures: number;
  error?: string;
}

export interface BackfillOptions {
  /** Default: config.backfillPrefixes, else DEFAULT_SOURCES.backfillPrefixes. */
  urlPrefixes?: readonly string[];
  /** Capture-time bounds, inclusive: 4–14 digits (`2025`, `20250301`) or an ISO date/instant. */
  from?: string;
  to?: string;
  /** Download at most this many captures (oldest first). */
  limit?: number;
}

export interface BackfillReport {
  queries: CdxQueryOutcome[];
  workbooks: WorkbookOutcome[];
  /** Captures listed but not downloaded: not an .xlsx path, or already taken in this run. */
  skipped: { url: string; timestamp: string; reason: string }[];
  /** The MOA and addendum links of the stored lists, archived after the captures (when config.archiveMoas). */
  moas: MoaOutcome[];
}

interface Ctx {
  config: SyncConfig;
  deps: SyncDeps;
  sleep: (ms: number) => Promise<void>;
  log: (msg: string) => void;
  downloads: number;
}

function context(config: SyncConfig, deps: SyncDeps): Ctx {
  return { config, deps, sleep: deps.sleep ?? realSleep, log: deps.log ?? (() => {}), downloads: 0 };
}

async function download(ctx: Ctx, url: string, source: string, maxBytes?: number) {
  const { config, deps } = ctx;
  if (ctx.downloads++ > 0 && (config.requestDelayMs ?? 0) > 0) await ctx.sleep(config.requestDelayMs ?? 0);
  return fetchWithRetry(url, {
    http: deps.http,
    now: deps.now,
    source,
    sleep: ctx.sleep,
    timeoutMs: config.timeoutMs,
    retries: config.retries,
    backoffMs: config.backoffMs ?? FETCH_DEFAULTS.backoffMs,
    maxBytes: maxBytes ?? config.maxBytes ?? FETCH_DEFAULTS.maxBytes,
  });
}

interface WorkbookTarget {
  url: string;
  fetchUrl: string;
  label: string | null;
  source: string;
  capturedAt?: string;
  digest?: string;
}

/** Download, record, sniff, store and ingest one workbook. Only unexpected ingester errors propagate. */
async function takeWorkbook(ctx: Ctx, t: WorkbookTarget): Promise<WorkbookOutcome> {
  const { deps } = ctx;
  const extra = t.capturedAt ? { capturedAt: t.capturedAt } : {};
  const { record, body } = await download(ctx, t.fetchUrl, t.source);
  if (!body) {
    await deps.recordFetch(record);
    ctx.log(`workbook ${t.fetchUrl}: failed: ${record.error}`);
    return {
      url: t.url,
      label: t.label,
      status: 'failed',
      reason: record.error ?? 'no body',
      fetch: record,
      ...extra,
    };
  }
  const sniff = sniffWorkbook(body);
  if (!sniff.ok) {
    const rejected: FetchRecord = { ...record, error: `not a workbook: ${sniff.reason}` };
    await deps.recordFetch(rejected);
    ctx.log(`workbook ${t.fetchUrl}: ${rejected.error}`);
    return {
      url: t.url,
      label: t.label,
      status: 'rejected',
      reason: rejected.error ?? '',
      fetch: rejected,
      ...extra,
    };
  }
  if (t.digest) {
    const got = waybackDigest(createHash('sha1').update(body).digest());
    if (got !== t.digest) ctx.log(`workbook ${t.fetchUrl}: archive digest ${t.digest}, bytes hash to ${got}`);
  }
  await deps.recordFetch(record);
  await deps.storeRaw(body, { url: t.url, label: t.label, mediaType: XLSX_MEDIA_TYPE });
  try {
    const result = await deps.ingestWorkbook(body, { url: t.url, label: t.label, fetch: record, ...extra });
    ctx.log(`workbook ${t.fetchUrl}: ingested`);
    return { url: t.url, label: t.label, status: 'ingested', fetch: record, result, ...extra };
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    ctx.log(`workbook ${t.fetchUrl}: rejected by the reader: ${err.message}`);
    return { url: t.url, label: t.label, status: 'rejected', reason: err.message, fetch: record, ...extra };
  }
}

/**
 * Reads ICE's page, takes every workbook it links, then (when config.archiveMoas) the MOA PDFs it links.
 * Throws FetchError when the page cannot be retrieved and InputError when it links no workbook; both after the
 * page's retrieval has been recorded.
 */
export async function sync(config: SyncConfig, deps: SyncDeps): Promise<SyncReport> {
  const ctx = context(config, deps);
  const {
    record: page,
    body: pageBody,
    finalUrl,
  } = await download(ctx, config.pageUrl, 'ice-page', 16 * 1024 * 1024);
  await deps.recordFetch(page);
  if (!pageBody) throw new FetchError(config.pageUrl, page.error ?? 'no body', page.status ?? undefined);
  await deps.storeRaw(pageBody, { url: config.pageUrl, label: null, mediaType: 'text/html' });

  const html = pageBody.toString('utf8');
  // Links are resolved against the URL the page was finally served from (after redirects).
  const base = finalUrl ?? config.pageUrl;
  const links = findWorkbookLinks(html, base);
  const all = [...links.participating, ...links.pending];
  if (all.length === 0) {
    throw new InputError(
      config.pageUrl,
      'the page links no workbook (no .xlsx link with "participat" or "pending" in its file name); ' +
        'ICE may have changed the page, see src/sources/ice-page/NOTES.md',
    );
  }
  ctx.log(
    `page ${config.pageUrl}: ${links.participating.length} participating, ${links.pending.length} pending`,
  );

  const workbooks: WorkbookOutcome[] = [];
  for (const url of all) {
    workbooks.push(
      await takeWorkbook(ctx, { url, fetchUrl: url, label: labelOf(url), source: 'ice-workbook' }),
    );
  }

  const moas = config.archiveMoas ? await archiveMoas(ctx, findMoaLinks(html, base)) : [];
  const references: ReferenceOutcome[] = [];
  for (const t of config.references ?? []) references.push(await takeReference(ctx, t));
  return { page, workbooks, moas, references };
}

/** Downloads one reference table (unless fetched in the last week) and hands it to the ingester. */
async function takeReference(ctx: Ctx, t: ReferenceTarget): Promise<ReferenceOutcome> {
  const { deps } = ctx;
  const shown = t.url.replace(/([?&]key=)[^&]+/, '$1…');
  if (!deps.ingestReference) return { kind: t.kind, url: shown, status: 'skipped', reason: 'no ingester' };
  if (deps.fetchedWithin && (await deps.fetchedWithin(shown, 7)))
    return { kind: t.kind, url: shown, status: 'skipped', reason: 'fetched in the last 7 days' };
  const { record, body } = await download(ctx, t.url, t.kind, 64 * 1024 * 1024);
  const safe = { ...record, url: shown };
  if (!body) {
    await deps.recordFetch(safe);
    return { kind: t.kind, url: shown, status: 'failed', reason: record.error ?? 'no body' };
  }
  const head = body.subarray(0, 512).toString('utf8').trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.includes('<body')) {
    const reason = 'an HTML page, not a reference table';
    await deps.recordFetch({ ...safe, error: `rejected: ${reason}` });
    return { kind: t.kind, url: shown, status: 'rejected', reason };
  }
  try {
    await deps.ingestReference(body, { url: shown, fetch: safe, vintage: t.vintage });
    return { kind: t.kind, url: shown, status: 'ingested' };
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return { kind: t.kind, url: shown, status: 'rejected', reason: err.message };
  }
}

/**
 * The MOA and addendum PDFs: the links given (ICE's page) and every link of the stored lists, each once (in the
 * order given, then the lists'). Each is downloaded (unless `hasMoa` says it is archived recently), or, when ICE no
 * longer serves it, taken from the Wayback Machine's newest capture.
 */
async function archiveMoas(ctx: Ctx, fromPage: string[]): Promise<MoaOutcome[]> {
  const { config, deps } = ctx;
  const seen = new Set<string>();
  const all: string[] = [];
  for (const url of [...fromPage, ...((await deps.listedMoaLinks?.()) ?? [])]) {
    const k = url
      .replace(/^https?:\/\//i, '')
      .replace(/^www\./i, '')
      .toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    all.push(url);
  }
  const chosen = config.maxMoas !== undefined ? all.slice(0, Math.max(0, config.maxMoas)) : all;
  const out: MoaOutcome[] = [];
  for (const url of chosen) out.push(await takeMoa(ctx, url));
  return out;
}

/** Keeps a downloaded PDF: as a document when an ingester is given (it records the retrieval), else raw. */
async function keepPdf(ctx: Ctx, url: string, body: Buffer, record: FetchRecord): Promise<MoaOutcome> {
  const { deps } = ctx;
  const sniff = sniffPdf(body);
  if (!sniff.ok) {
    const rejected: FetchRecord = { ...record, error: `not a PDF: ${sniff.reason}` };
    await deps.recordFetch(rejected);
    return { url, status: 'rejected', reason: rejected.error ?? '', fetch: rejected };
  }
  if (deps.ingestDocument) {
    try {
      await deps.ingestDocument(body, { url: record.url, fetch: record });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      return { url, status: 'rejected', reason: err.reason, fetch: record };
    }
    return { url, status: 'stored', fetch: record };
  }
  await deps.recordFetch(record);
  await deps.storeRaw(body, { url, label: labelOf(url), mediaType: PDF_MEDIA_TYPE });
  return { url, status: 'stored', fetch: record };
}

/** The Wayback Machine's newest 200 capture of exactly this URL, or null (the index query is recorded). */
async function newestCapture(ctx: Ctx, url: string): Promise<Capture | null> {
  const { config, deps } = ctx;
  const bare = url.replace(/^https?:\/\//i, '');
  try {
    const captures = await listCaptures({
      cdxBase: config.cdxBase,
      urlPrefix: bare,
      http: deps.http,
      now: deps.now,
      sleep: ctx.sleep,
      timeoutMs: config.timeoutMs,
      retries: config.retries,
      onFetch: (r) => deps.recordFetch(r),
    });
    const same = (o: string) => o.replace(/^https?:\/\//i, '').toLowerCase() === bare.toLowerCase();
    return (
      captures.filter((c) => same(c.original)).sort((a, b) => (a.timestamp < b.timestamp ? 1 : -1))[0] ?? null
    );
  } catch (err) {
    if (!(err instanceof FetchError)) throw err;
    ctx.log(`moa ${url}: the Wayback index could not be read: ${err.reason}`);
    return null;
  }
}

async function takeMoa(ctx: Ctx, url: string): Promise<MoaOutcome> {
  const { deps, config } = ctx;
  if (deps.hasMoa && (await deps.hasMoa(url))) return { url, status: 'skipped', reason: 'already stored' };
  const { record, body } = await download(ctx, url, 'ice-moa');
  if (body) return keepPdf(ctx, url, body, record);
  await deps.recordFetch(record);
  // ICE removed it: the archive's copy, when there is one.
  if (record.status === 404 || record.status === 410) {
    const c = await newestCapture(ctx, url);
    if (c) {
      const copy = await download(ctx, captureUrl(config.waybackBase, c), 'wayback-moa');
      if (copy.body) {
        const kept = await keepPdf(ctx, url, copy.body, copy.record);
        return { ...kept, waybackCapture: captureInstant(c.timestamp) };
      }
      await deps.recordFetch(copy.record);
    }
  }
  return { url, status: 'failed', reason: record.error ?? 'no body', fetch: record };
}

/** `2025-03-01`, `2025-03-01T12:00:00Z` or `20250301` → CDX's digits-only form. */
export function toCdxTimestamp(value: string): string {
  const digits = value.trim().replace(/[-:TZ\s]/gi, '');
  if (!/^\d{4,14}$/.test(digits)) throw new UsageError(`not a date or Wayback timestamp: ${value}`);
  return digits;
}

/**
 * Lists the archive's captures under each prefix and ingests each distinct capture once, oldest first. Captures
 * whose path is not an `.xlsx` file are skipped; so is a capture already taken in this run (same timestamp and
 * URL, or same URL and digest). The same bytes under another URL are taken again: the label is news.
 */
export async function backfill(
  config: SyncConfig,
  deps: SyncDeps,
  opts: BackfillOptions = {},
): Promise<BackfillReport> {
  const ctx = context(config, deps);
  const prefixes = opts.urlPrefixes ?? config.backfillPrefixes ?? DEFAULT_SOURCES.backfillPrefixes;
  const from = opts.from !== undefined ? toCdxTimestamp(opts.from) : undefined;
  const to = opts.to !== undefined ? toCdxTimestamp(opts.to) : undefined;
  const queries: CdxQueryOutcome[] = [];
  const skipped: BackfillReport['skipped'] = [];
  const listed: Capture[] = [];

  for (const urlPrefix of prefixes) {
    let queryRecord: FetchRecord | null = null;
    try {
      const captures = await listCaptures({
        cdxBase: config.cdxBase,
        urlPrefix,
        http: deps.http,
        now: deps.now,
        sleep: ctx.sleep,
        timeoutMs: config.timeoutMs,
        retries: config.retries,
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        onFetch: async (r) => {
          queryRecord = r;
          await deps.recordFetch(r);
        },
      });
      queries.push({ urlPrefix, fetch: queryRecord, captures: captures.length });
      listed.push(...captures);
    } catch (err) {
      if (!(err instanceof FetchError)) throw err;
      queries.push({ urlPrefix, fetch: queryRecord, captures: 0, error: err.reason });
      ctx.log(`cdx ${urlPrefix}: ${err.reason}`);
    }
  }

  listed.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
  const seen = new Set<string>();
  const chosen: Capture[] = [];
  for (const c of listed) {
    const raw = captureUrl(config.waybackBase, c);
    if (!isXlsxUrl(c.original)) {
      skipped.push({ url: c.original, timestamp: c.timestamp, reason: 'not an .xlsx URL' });
      continue;
    }
    const keys = [`t ${c.timestamp} ${c.original}`, ...(c.digest ? [`d ${c.digest} ${c.original}`] : [])];
    if (keys.some((k) => seen.has(k))) {
      skipped.push({ url: raw, timestamp: c.timestamp, reason: 'same capture already taken in this run' });
      continue;
    }
    for (const k of keys) seen.add(k);
    chosen.push(c);
  }
  const limited = opts.limit !== undefined ? chosen.slice(0, Math.max(0, opts.limit)) : chosen;
  ctx.log(`backfill: ${listed.length} captures listed, ${limited.length} to download`);

  const workbooks: WorkbookOutcome[] = [];
  for (const c of limited) {
    workbooks.push(
      await takeWorkbook(ctx, {
        url: c.original,
        fetchUrl: captureUrl(config.waybackBase, c),
        label: labelOf(c.original),
        source: 'wayback',
        capturedAt: captureInstant(c.timestamp),
        digest: c.digest,
      }),
    );
  }
  const moas = config.archiveMoas ? await archiveMoas(ctx, []) : [];
  return { queries, workbooks, skipped, moas };
}

function isXlsxUrl(url: string): boolean {
  try {
    return /\.xlsx$/i.test(new URL(/^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `http://${url}`).pathname);
  } catch {
    return false;
  }
}
