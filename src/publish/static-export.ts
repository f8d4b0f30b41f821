/**
 * The whole site as static files for any static host: every page in both languages (each agency and each state
 * and territory included) as `<path>/index.html`, a `404.html`, the hashed assets, the API as JSON snapshots under
 * `api/v1/`, the downloads and the feeds. Links are root-relative under the base path of `baseUrl` (so the site
 * can live at a domain's root or under a folder). Search runs in the browser from the search index; the changes
 * page filters in the browser from the same query parameters the server reads.
 *
 * The pages come from the same read model and page renderer (web/site.ts) as `reassess serve`, in its static
 * mode, so both render alike.
 */
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../domain/errors.ts';
import { listDocuments } from '../read/documents.ts';
import { lazy } from '../read/lazy.ts';
import { buildView, type LedgerView } from '../read/model.ts';
import { allStates } from '../reference/us-states.ts';
import type { Db } from '../store/db.ts';
import { allAssets, staticAssets } from '../web/assets.ts';
import type { Lang } from '../web/i18n.ts';
import { formatDate, LANGS, translator } from '../web/i18n.ts';
import { freshnessText } from '../web/layout.tsx';
import { DEFAULT_CORRECTIONS } from '../web/pages/agency.tsx';
import { documentPaths } from '../web/pages/document.tsx';
import { basePath, localized, pagePaths, splitLang, withBase } from '../web/paths.ts';
import { pageRenderer, type SiteState, siteState } from '../web/site.ts';
import { apiSnapshots } from './api-snapshots.ts';
import { buildDownloads } from './downloads.ts';
import { buildFeeds } from './feeds.ts';
import { fileSink } from './file-sink.ts';
import { codeStamp, pageDigests, siteStamp } from './page-digest.ts';
import { publishInto, refusal, updateInPlace } from './site-folder.ts';
import { copyArchivedDocuments, copyStoredFiles } from './stored-files.ts';

export interface ExportOptions {
  db: Db;
  out: string;
  /** The ledger's data folder: `out` may not be it, be inside it or hold it (site-folder.ts). */
  dataDir?: string;
  /** Public URL of the site (absolute links in feeds; its path is the base of every link). */
  baseUrl?: string;
  now?: () => Date;
  corrections?: string;
  log?: (msg: string) => void;
  /** The raw store's path of a sha256: every stored file is copied to `files/` (none without it). */
  rawPath?: (sha256: string) => string;
  /** The build stamp of the pages' digests (page-digest.ts: the program's own files by default). */
  codeStamp?: string;
}

export interface ExportReport {
  out: string;
  pages: number;
  files: number;
  bytes: number;
  /** Files (pages, data, assets) with the same bytes as the previous site's, linked from it rather than written. */
  unchanged: number;
  /** Pages rendered (the others kept unchanged from the previous site: their digest did not change). */
  rendered: number;
  ms: number;
  /**
   * Where the time went, in ms: reading the ledger into the read model and the pages' model (`read`), the pages'
   * digests, rendering and writing (`pages`), the API snapshots, assets, downloads, feeds and stored files
   * (`data`), and waiting for the last writes, moving them in and the manifest (`finish`).
   */
  phases: { read: number; pages: number; data: number; finish: number };
}

/** Every page path of the site, in one language (language-free: `/agency/x/`). */
export function sitePaths(
  agencyIds: string[],
  stateCodes: string[],
  countyFips: string[] = [],
  datasetIds: string[] = [],
  evidenceIds: string[] = [],
  documentShas: string[] = [],
): string[] {
  return [
    pagePaths.home,
    pagePaths.search,
    pagePaths.changes,
    pagePaths.evidence,
    ...evidenceIds.map(pagePaths.evidenceRecord),
    pagePaths.data,
    pagePaths.methodology,
    pagePaths.agencies,
    pagePaths.states,
    pagePaths.counties,
    pagePaths.downloads,
    ...stateCodes.map(pagePaths.state),
    ...agencyIds.map(pagePaths.agency),
    ...countyFips.map(pagePaths.county),
    pagePaths.analyses,
    ...datasetIds.map(pagePaths.analysis),
    documentPaths.list,
    ...documentShas.map(documentPaths.one),
  ];
}

/** True when `path` is a file holding exactly `body` (its size is checked first: most changed files differ in it). */
function sameBytes(path: string, body: string | Uint8Array, size: number): boolean {
  try {
    return (
      statSync(path).size === size &&
      readFileSync(path).equals(typeof body === 'string' ? Buffer.from(body) : body)
    );
  } catch {
    return false;
  }
}

/** Beside the pages, in the site folder: each page's digest and every file of the site (page-digest.ts). */
export const MANIFEST = '.reassess-site.json';

interface SiteManifest {
  /** Page URL (with its language) → the digest of its inputs when it was rendered. */
  pages: Record<string, string>;
}

function readManifest(out: string): SiteManifest | null {
  try {
    const m = JSON.parse(readFileSync(join(out, MANIFEST), 'utf8')) as SiteManifest;
    return m && typeof m.pages === 'object' && m.pages !== null ? m : null;
  } catch {
    return null;
  }
}

/**
 * Writes files into `folder` (never outside it), counting them and their bytes, and lists every file of the site.
 * `live` is the site this one replaces. Written anew (`link`), a file whose bytes equal the old site's at the same
 * path is hard-linked from it; updated in place (`stage`), such a file is left where it is, and only the others are
 * written into `folder` (moved into the site afterwards, site-folder.ts). `keep` keeps an old file unread.
 */
function writer(folder: string, live: string | undefined, mode: 'link' | 'stage') {
  const sink = fileSink();
  const counts = { files: 0, bytes: 0, kept: 0 };
  const made = new Set<string>();
  const files = new Set<string>();
  const written: string[] = [];
  /** The target of a site path, refused outside the folder. */
  const inside = (rel: string) => {
    const target = resolve(folder, rel.replace(/^\/+/, ''));
    if (target !== folder && !target.startsWith(folder + sep))
      throw new Error(`refusing to write outside ${folder}: ${rel}`);
    return { target, key: relative(folder, target) };
  };
  /** The folder of a link to the previous site's file, made here (only paths not written before are linked). */
  const place = (rel: string) => {
    const { target } = inside(rel);
    const dir = dirname(target);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    return { target };
  };
  const keepOld = (r: string, target: string): boolean => {
    if (!live) return false;
    if (mode === 'stage') return existsSync(join(live, r));
    try {
      linkSync(join(live, r), target);
      return true;
    } catch {
      return false;
    }
  };
  const write = (rel: string, body: string | Uint8Array) => {
    const size = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
    const r = rel.replace(/^\/+/, '');
    const same = live !== undefined && sameBytes(join(live, r), body, size);
    const { target, key } = inside(rel);
    if (same && mode === 'stage') counts.kept++;
    // A link is made here, at once; a path written before goes to the sink (its worker writes in order).
    else if (same && !files.has(key) && keepOld(key, place(rel).target)) counts.kept++;
    else {
      // The file system's calls (folders, file) are made by the sink's worker, in order.
      sink.write(target, body, files.has(key));
      written.push(key);
    }
    files.add(key);
    counts.files++;
    counts.bytes += size;
  };
  /** Keeps the old site's file at `rel` without reading it; false when there is none. */
  const keep = (rel: string): boolean => {
    const r = rel.replace(/^\/+/, '');
    if (!live || files.has(r)) return false;
    // One call tells both whether the old file is there and its size (~10,000 kept pages on a republish).
    const size = statSync(join(live, r), { throwIfNoEntry: false })?.size;
    if (size === undefined) return false;
    if (mode === 'link' && !keepOld(r, place(rel).target)) return false;
    files.add(r);
    counts.kept++;
    counts.files++;
    counts.bytes += size;
    return true;
  };
  return { write, keep, counts, files, written, sink };
}

type Writer = ReturnType<typeof writer>;

/** The pages' paths, in one language: every agency (merged IDs too), state, county, dataset, record, document. */
async function allPagePaths(opts: ExportOptions, site: SiteState) {
  const agencyIds = [...site.data.agencies.map((a) => a.agencyId), ...site.data.merged.keys()].sort();
  const states = allStates().map((s) => s.usps);
  const counties = [...site.model.view.counties.keys()].sort();
  const datasetIds = (await site.view.analyses()).datasets.map((d) => d.datasetId);
  const evidenceIds = site.view.evidence.all.map((r) => r.recordId);
  const documentShas = (await listDocuments(opts.db)).map((d) => d.sha256);
  return {
    agencyIds,
    counties,
    paths: sitePaths(agencyIds, states, counties, datasetIds, evidenceIds, documentShas),
  };
}

/**
 * Every page in both languages, and the two 404 pages. A page whose digest (page-digest.ts) equals the one it was
 * rendered with in the previous site is kept as it is; `digests` gets every page's digest.
 */
async function writePages(
  opts: ExportOptions,
  baseUrl: string,
  site: SiteState,
  w: Writer,
  before: Record<string, string>,
  digests: Record<string, string>,
): Promise<{ pages: number; rendered: number }> {
  const now = opts.now ?? (() => new Date());
  const base = basePath(baseUrl);
  const statics = await staticAssets();
  const render = pageRenderer({
    db: opts.db,
    now,
    base,
    corrections: opts.corrections || DEFAULT_CORRECTIONS,
    mode: 'static',
    statics,
  });
  const prefix = new URL(baseUrl).pathname.replace(/\/$/, '');
  /** A page as `reassess serve` renders it for this path (under the base path). */
  const page = (url: string) => {
    const requested = withBase(prefix, url);
    const { lang, path } = splitLang(
      base && requested.startsWith(`${base}/`) ? requested.slice(base.length) : requested,
    );
    return render(site, lang, path, new URLSearchParams(), `${new URL(baseUrl).origin}${requested}`);
  };
  const { agencyIds, counties, paths } = await allPagePaths(opts, site);
  const analyses = await site.view.analyses();
  const stamp = siteStamp(opts.codeStamp ?? codeStamp(), site, {
    baseUrl,
    corrections: opts.corrections || DEFAULT_CORRECTIONS,
    // The pages with a digest link the static assets only (the data assets change with every list).
    assets: [statics.css, statics.icon, statics.geometry, ...Object.values(statics.js)].map((a) => a.path),
  });
  const states = allStates().map((s) => s.usps);
  const digestOf = pageDigests(site, stamp, agencyIds, counties, analyses, states);
  let pages = 0;
  let rendered = 0;
  for (const p of paths)
    for (const lang of LANGS as Lang[]) {
      const url = localized(lang, p);
      const file = join(url, 'index.html');
      const digest = digestOf.get(p);
      pages++;
      if (digest) digests[url] = digest;
      if (digest && before[url] === digest && w.keep(file)) continue;
      const res = await page(url);
      if (res.status !== 200) throw new Error(`page ${url} answered ${res.status}`);
      w.write(file, res.html);
      rendered++;
      if (w.sink.full()) await w.sink.drain();
    }
  for (const lang of LANGS as Lang[])
    w.write(lang === 'en' ? '404.html' : 'es/404.html', (await page(localized(lang, '/404/'))).html);
  return { pages, rendered };
}

/**
 * The freshness line of this publish in both languages, for the pages that do not print it (layout.tsx), and the
 * state pages' "As of …" sentence of the latest list (state/figures.tsx).
 */
function freshnessFile(site: SiteState): string {
  const dates = site.data.timeline.dates;
  const latest = dates[dates.length - 1];
  return JSON.stringify({
    ...Object.fromEntries(
      LANGS.map((lang) => [lang, freshnessText(translator(lang), lang, site.data.fresh)]),
    ),
    asOf: Object.fromEntries(
      LANGS.map((lang) => [
        lang,
        latest ? translator(lang)('statAsOf', { date: formatDate(lang, latest) }) : '',
      ]),
    ),
  });
}

/** What writing a site needs besides the options; `marks` gets the time each phase ended (performance.now()). */
interface SiteCtx {
  baseUrl: string;
  out: string;
  folder: string;
  site: SiteState;
  view: LedgerView;
  marks: Record<string, number>;
}

/** Writes the whole site with `w` and waits until every file is written; the pages' digests go into `digests`. */
async function writeSite(
  opts: ExportOptions,
  ctx: SiteCtx,
  w: Writer,
  before: Record<string, string>,
  digests: Record<string, string>,
) {
  let done: Awaited<ReturnType<typeof writeSiteFiles>>;
  try {
    done = await writeSiteFiles(opts, ctx, w, before, digests);
  } catch (e) {
    await w.sink.close().catch(() => undefined);
    throw e;
  }
  await w.sink.close();
  return done;
}

async function writeSiteFiles(
  opts: ExportOptions,
  ctx: SiteCtx,
  w: Writer,
  before: Record<string, string>,
  digests: Record<string, string>,
) {
  const { baseUrl, site, view, folder, out } = ctx;
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? (() => undefined);
  const { pages, rendered } = await writePages(opts, baseUrl, site, w, before, digests);
  ctx.marks.pages = performance.now();
  log(`${pages} pages, ${rendered} rendered, ${pages - rendered} unchanged kept`);
  w.write('freshness.json', freshnessFile(site));
  for (const a of allAssets(await staticAssets(), site.dataAssets)) {
    if (!w.keep(a.path)) w.write(a.path, a.body);
  }
  for (const f of await apiSnapshots(opts.db, now, view)) w.write(f.path, f.body);
  for (const f of await site.downloads()) w.write(f.path, f.body);
  for (const f of await buildFeeds(opts.db, baseUrl, now, view)) w.write(f.path, f.body);
  if (opts.rawPath) {
    // Stored files are named by their sha256: copied (or linked) straight into the site being written.
    const copied = copyStoredFiles(site.model.files, opts.rawPath, folder, out === folder ? undefined : out);
    w.counts.files += copied.copied + copied.kept;
    w.counts.kept += copied.kept;
    w.counts.bytes += copied.bytes;
    log(
      `stored files: ${copied.copied} copied, ${copied.kept} kept from the previous site, ${copied.missing} missing`,
    );
    // The archived MOA PDFs where the agency and document pages link them (`documents/{sha256}.pdf`).
    const docs = (await listDocuments(opts.db)).map((d) => d.sha256);
    const pdfs = copyArchivedDocuments(docs, opts.rawPath, folder, out === folder ? undefined : out);
    w.counts.files += pdfs.copied + pdfs.kept;
    w.counts.kept += pdfs.kept;
    w.counts.bytes += pdfs.bytes;
    for (const p of [...copied.paths, ...pdfs.paths]) w.files.add(p);
  }
  ctx.marks.data = performance.now();
  log(
    `${w.counts.files - w.counts.kept} files written, ${w.counts.kept} unchanged kept from the previous site`,
  );
  return { pages, rendered };
}

/** Writes the manifest (last, by a rename), unless it is the same. */
function writeManifest(folder: string, digests: Record<string, string>): void {
  const m: SiteManifest = { pages: digests };
  const body = Buffer.from(JSON.stringify(m));
  if (sameBytes(join(folder, MANIFEST), body, body.byteLength)) return;
  const tmp = join(folder, `${MANIFEST}.tmp-${process.pid}`);
  writeFileSync(tmp, body);
  renameSync(tmp, join(folder, MANIFEST));
}

function phasesOf(started: number, m: Record<string, number>, end: number): ExportReport['phases'] {
  const read = m.read ?? started;
  const pages = m.pages ?? read;
  const data = m.data ?? pages;
  const ms = (a: number, b: number) => Math.round(b - a);
  return { read: ms(started, read), pages: ms(read, pages), data: ms(pages, data), finish: ms(data, end) };
}

export async function exportSite(opts: ExportOptions): Promise<ExportReport> {
  const started = performance.now();
  const now = opts.now ?? (() => new Date());
  const out = resolve(opts.out);
  const baseUrl = opts.baseUrl ?? 'http://localhost:8287/';
  const why = refusal(out, opts.dataDir);
  if (why) throw new UsageError(`refusing to publish: ${why}`);
  const view = await buildView(opts.db, { now });
  // Built once: the data page lists them, the export writes them.
  const downloads = lazy(() => buildDownloads(opts.db, now, view));
  const site = await siteState(view, downloads);
  const marks: Record<string, number> = { read: performance.now() };
  const previous = existsSync(out) ? readManifest(out) : null;
  const digests: Record<string, string> = {};
  let done: { pages: { pages: number; rendered: number }; w: Writer };
  if (previous)
    // A site with a manifest: only what changed is written, in place (site-folder.ts).
    done = await updateInPlace(
      out,
      opts.dataDir,
      async (staging) => {
        const w = writer(staging, out, 'stage');
        const ctx = { baseUrl, out, folder: out, site, view, marks };
        const pages = await writeSite(opts, ctx, w, previous.pages, digests);
        w.files.add(MANIFEST);
        return { pages, w, staged: { written: w.written, files: w.files } };
      },
      () => writeManifest(out, digests),
    );
  // Written into a new folder and swapped in whole (site-folder.ts): no reader sees half a site, no stale page stays.
  else
    done = await publishInto(out, opts.dataDir, async (folder) => {
      const w = writer(folder, existsSync(out) ? out : undefined, 'link');
      const pages = await writeSite(opts, { baseUrl, out, folder, site, view, marks }, w, {}, digests);
      writeManifest(folder, digests);
      return { pages, w };
    });
  const end = performance.now();
  return {
    out,
    pages: done.pages.pages,
    rendered: done.pages.rendered,
    files: done.w.counts.files,
    bytes: done.w.counts.bytes,
    unchanged: done.w.counts.kept,
    ms: Math.round(end - started),
    phases: phasesOf(started, marks, end),
  };
}
