/**
 * The whole site as static files for any static host: every page in both languages (each agency and each state
 * and territory included) as `<path>/index.html`, a `404.html`, the hashed assets, the API as JSON snapshots under
 * `api/v1/`, the downloads and the feeds. Links are root-relative under the base path of `baseUrl` (so the site
 * can live at a domain's root or under a folder). Search runs in the browser from the search index; the changes
 * page filters in the browser from the same query parameters the server reads.
 *
 * The pages come from the same app as `reassess serve` (in its static mode), so both render alike.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { allStates } from '../reference/us-states.ts';
import { createReassessApp } from '../server/app.ts';
import type { Db } from '../store/db.ts';
import type { Lang } from '../web/i18n.ts';
import { LANGS } from '../web/i18n.ts';
import { localized, pagePaths, withBase } from '../web/paths.ts';
import { apiSnapshots } from './api-snapshots.ts';
import { buildFeeds } from './feeds.ts';

export interface ExportOptions {
  db: Db;
  out: string;
  /** Public URL of the site (absolute links in feeds; its path is the base of every link). */
  baseUrl?: string;
  now?: () => Date;
  corrections?: string;
  log?: (msg: string) => void;
}

export interface ExportReport {
  out: string;
  pages: number;
  files: number;
  bytes: number;
  ms: number;
}

/** Every page path of the site, in one language (language-free: `/agency/x/`). */
export function sitePaths(agencyIds: string[], stateCodes: string[]): string[] {
  return [
    pagePaths.home,
    pagePaths.search,
    pagePaths.changes,
    pagePaths.data,
    pagePaths.methodology,
    ...stateCodes.map(pagePaths.state),
    ...agencyIds.map(pagePaths.agency),
  ];
}

export async function exportSite(opts: ExportOptions): Promise<ExportReport> {
  const started = performance.now();
  const now = opts.now ?? (() => new Date());
  const out = resolve(opts.out);
  const baseUrl = opts.baseUrl ?? 'http://localhost:8287/';
  const log = opts.log ?? (() => undefined);
  const r = await createReassessApp({
    db: opts.db,
    now,
    baseUrl,
    mode: 'static',
    rateLimit: false,
    ...(opts.corrections ? { corrections: opts.corrections } : {}),
  });
  const site = await r.site();
  let files = 0;
  let bytes = 0;
  const write = (rel: string, body: string | Uint8Array) => {
    const target = resolve(out, rel.replace(/^\/+/, ''));
    if (target !== out && !target.startsWith(out + sep))
      throw new Error(`refusing to write outside ${out}: ${rel}`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, body);
    files++;
    bytes += typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  };

  const agencyIds = [...site.data.agencies.map((a) => a.agencyId), ...site.data.merged.keys()].sort();
  const states = allStates().map((s) => s.usps);
  const paths = sitePaths(agencyIds, states);
  let pages = 0;
  for (const p of paths)
    for (const lang of LANGS as Lang[]) {
      const url = localized(lang, p);
      const res = await r.app.request(withBase(new URL(baseUrl).pathname.replace(/\/$/, ''), url));
      if (res.status !== 200) throw new Error(`page ${url} answered ${res.status}`);
      write(join(url, 'index.html'), await res.text());
      pages++;
    }
  for (const lang of LANGS as Lang[]) {
    const res = await r.app.request(
      withBase(new URL(baseUrl).pathname.replace(/\/$/, ''), localized(lang, '/404/')),
    );
    write(lang === 'en' ? '404.html' : 'es/404.html', await res.text());
  }
  log(`${pages} pages`);

  const assets = await r.assets();
  for (const a of assets.files) write(a.path, a.body);
  for (const f of await apiSnapshots(opts.db, now, site.view)) write(f.path, f.body);
  for (const f of await site.downloads()) write(f.path, f.body);
  for (const f of await buildFeeds(opts.db, baseUrl, now, site.view)) write(f.path, f.body);
  return { out, pages, files, bytes, ms: Math.round(performance.now() - started) };
}
