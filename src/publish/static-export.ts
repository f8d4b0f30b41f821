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
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../domain/errors.ts';
import { listDocuments } from '../read/documents.ts';
import { lazy } from '../read/lazy.ts';
import { buildView } from '../read/model.ts';
import { allStates } from '../reference/us-states.ts';
import type { Db } from '../store/db.ts';
import { allAssets, staticAssets } from '../web/assets.ts';
import type { Lang } from '../web/i18n.ts';
import { LANGS } from '../web/i18n.ts';
import { DEFAULT_CORRECTIONS } from '../web/pages/agency.tsx';
import { documentPaths } from '../web/pages/document.tsx';
import { basePath, localized, pagePaths, splitLang, withBase } from '../web/paths.ts';
import { pageRenderer, type SiteState, siteState } from '../web/site.ts';
import { apiSnapshots } from './api-snapshots.ts';
import { buildDownloads } from './downloads.ts';
import { buildFeeds } from './feeds.ts';
import { publishInto, refusal } from './site-folder.ts';
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
}

export interface ExportReport {
  out: string;
  pages: number;
  files: number;
  bytes: number;
  /** Files (pages, data, assets) with the same bytes as the previous site's, linked from it rather than written. */
  unchanged: number;
  ms: number;
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
function sameBytes(path: string, body: Buffer): boolean {
  try {
    return statSync(path).size === body.byteLength && readFileSync(path).equals(body);
  } catch {
    return false;
  }
}

/**
 * Writes files under `out` (never outside it), counting them and their bytes. With `previous` (the site this one
 * replaces), a file whose bytes are the same as the previous site's at the same path is hard-linked from it instead
 * of written: a republish writes only what changed (the new folder is still whole, and swapped in as before).
 */
function writer(out: string, previous?: string) {
  const counts = { files: 0, bytes: 0, kept: 0 };
  const made = new Set<string>();
  const seen = new Set<string>();
  const write = (rel: string, body: string | Uint8Array) => {
    const target = resolve(out, rel.replace(/^\/+/, ''));
    if (target !== out && !target.startsWith(out + sep))
      throw new Error(`refusing to write outside ${out}: ${rel}`);
    const dir = dirname(target);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    const bytes =
      typeof body === 'string'
        ? Buffer.from(body)
        : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    // A path written twice: the first file may be a link to the previous site's, which must never be written into.
    if (seen.has(target)) rmSync(target, { force: true });
    seen.add(target);
    const before = previous ? join(previous, relative(out, target)) : null;
    if (before && sameBytes(before, bytes)) {
      try {
        linkSync(before, target);
        counts.kept++;
      } catch {
        writeFileSync(target, bytes);
      }
    } else writeFileSync(target, bytes);
    counts.files++;
    counts.bytes += bytes.byteLength;
  };
  return { write, counts };
}

/** Every page in both languages, and the two 404 pages; the number of pages written. */
async function writePages(
  opts: ExportOptions,
  baseUrl: string,
  site: SiteState,
  write: (rel: string, body: string) => void,
): Promise<number> {
  const now = opts.now ?? (() => new Date());
  const base = basePath(baseUrl);
  const render = pageRenderer({
    db: opts.db,
    now,
    base,
    corrections: opts.corrections || DEFAULT_CORRECTIONS,
    mode: 'static',
    statics: await staticAssets(),
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
  const agencyIds = [...site.data.agencies.map((a) => a.agencyId), ...site.data.merged.keys()].sort();
  const states = allStates().map((s) => s.usps);
  let pages = 0;
  const counties = [...site.model.view.counties.keys()].sort();
  const datasetIds = (await site.view.analyses()).datasets.map((d) => d.datasetId);
  const evidenceIds = site.view.evidence.all.map((r) => r.recordId);
  const documentShas = (await listDocuments(opts.db)).map((d) => d.sha256);
  for (const p of sitePaths(agencyIds, states, counties, datasetIds, evidenceIds, documentShas))
    for (const lang of LANGS as Lang[]) {
      const url = localized(lang, p);
      const res = await page(url);
      if (res.status !== 200) throw new Error(`page ${url} answered ${res.status}`);
      write(join(url, 'index.html'), res.html);
      pages++;
    }
  for (const lang of LANGS as Lang[])
    write(lang === 'en' ? '404.html' : 'es/404.html', (await page(localized(lang, '/404/'))).html);
  return pages;
}

export async function exportSite(opts: ExportOptions): Promise<ExportReport> {
  const started = performance.now();
  const now = opts.now ?? (() => new Date());
  const out = resolve(opts.out);
  const baseUrl = opts.baseUrl ?? 'http://localhost:8287/';
  const log = opts.log ?? (() => undefined);
  const why = refusal(out, opts.dataDir);
  if (why) throw new UsageError(`refusing to publish: ${why}`);
  const view = await buildView(opts.db, { now });
  // Built once: the data page lists them, the export writes them.
  const downloads = lazy(() => buildDownloads(opts.db, now, view));
  const site = await siteState(view, downloads);
  // Written into a new folder and swapped in whole (site-folder.ts): no reader sees half a site, no stale page stays.
  const { pages, counts } = await publishInto(out, opts.dataDir, async (folder) => {
    const { write, counts } = writer(folder, existsSync(out) ? out : undefined);
    const pages = await writePages(opts, baseUrl, site, write);
    log(`${pages} pages`);
    for (const a of allAssets(await staticAssets(), site.dataAssets)) write(a.path, a.body);
    for (const f of await apiSnapshots(opts.db, now, view)) write(f.path, f.body);
    for (const f of await downloads()) write(f.path, f.body);
    for (const f of await buildFeeds(opts.db, baseUrl, now, view)) write(f.path, f.body);
    if (opts.rawPath) {
      const copied = copyStoredFiles(site.model.files, opts.rawPath, folder, out);
      counts.files += copied.copied;
      counts.bytes += copied.bytes;
      log(
        `stored files: ${copied.copied} copied, ${copied.kept} kept from the previous site, ${copied.missing} missing`,
      );
      // The archived MOA PDFs where the agency and document pages link them (`documents/{sha256}.pdf`).
      const docs = (await listDocuments(opts.db)).map((d) => d.sha256);
      const pdfs = copyArchivedDocuments(docs, opts.rawPath, folder, out);
      counts.files += pdfs.copied + pdfs.kept;
      counts.bytes += pdfs.bytes;
    }
    log(`${counts.files - counts.kept} files written, ${counts.kept} unchanged kept from the previous site`);
    return { pages, counts };
  });
  return {
    out,
    pages,
    files: counts.files,
    bytes: counts.bytes,
    unchanged: counts.kept,
    ms: Math.round(performance.now() - started),
  };
}
