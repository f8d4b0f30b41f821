/**
 * The web server: one Hono app with the pages (server-rendered Preact, English at `/`, Spanish at `/es/`), the
 * hashed static assets, the API at `/api/v1`, the Atom feeds at `/feeds/...` and the downloads at
 * `/downloads/...`. Security headers on every response; compressed bodies (assets precompressed, pages on the
 * fly). What the pages show is read once per ledger version (a finished run) and reused until the next one.
 *
 * `mode: 'static'` renders the pages for the static export (the export requests every page from this app).
 */

import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { type ApiDeps, createApi, openApiDocument } from '../api/app.ts';
import type { ApiLane } from '../api/fast-lane.ts';
import { buildDownloads, type DownloadFile } from '../publish/downloads.ts';
import { ATOM_TYPE, renderFeed } from '../publish/feeds.ts';
import { loadSiteData, type SiteData } from '../read/site-data.ts';
import { type LedgerView, LedgerViews } from '../read/views.ts';
import type { Db } from '../store/db.ts';
import { agencyDetail } from '../store/queries.ts';
import { type Asset, allAssets, assetUrls, type DataAssets, makeAsset, staticAssets } from '../web/assets.ts';
import { type AssetUrls, makeCtx, type PageResult, type RenderCtx } from '../web/context.ts';
import type { Lang } from '../web/i18n.ts';
import { renderDocument } from '../web/layout.tsx';
import { agencyPage, DEFAULT_CORRECTIONS, mergedAgencyPage } from '../web/pages/agency.tsx';
import { changesPage } from '../web/pages/changes.tsx';
import { type ApiEndpoint, dataPage } from '../web/pages/data.tsx';
import { homePage } from '../web/pages/home.tsx';
import { methodologyPage } from '../web/pages/methodology.tsx';
import { notFoundPage } from '../web/pages/not-found.tsx';
import { searchPage } from '../web/pages/search.tsx';
import { statePage } from '../web/pages/state.tsx';
import { basePath, localized, pagePaths, splitLang } from '../web/paths.ts';
import { SECURITY_HEADERS, securityHeaders } from './headers.ts';

export interface AppOptions {
  db: Db;
  now?: () => Date;
  /** Public URL of the site (absolute links in feeds; its path is the base of every link). */
  baseUrl?: string;
  /** Where "report a correction" goes: a `mailto:` address or a GitHub repository URL. */
  corrections?: string;
  rateLimit?: ApiDeps['rateLimit'];
  /** Key the rate limit on `X-Forwarded-For` (set when a reverse proxy is in front; see ApiDeps). */
  trustProxy?: boolean;
  /** How often the ledger's version is checked (ms); default 1000. */
  checkIntervalMs?: number;
  /** `static`: render pages for the static export. */
  mode?: 'server' | 'static';
  /** Shared ledger views (the API's); one is made when absent. */
  views?: LedgerViews;
}

/** Everything derived from one ledger version. */
export interface SiteState {
  version: string;
  view: LedgerView;
  data: SiteData;
  dataAssets: DataAssets;
  downloads: () => Promise<DownloadFile[]>;
}

export interface ReassessApp {
  app: Hono;
  /** The API's fast lane (api/fast-lane.ts), for the Node server to try before the app; `served` counts its answers. */
  lane: ApiLane & { served: number };
  views: LedgerViews;
  /** The current ledger version's site state. */
  site(): Promise<SiteState>;
  /** Asset URLs and files of the current version. */
  assets(): Promise<{ urls: AssetUrls; files: Asset[] }>;
}

const PAGE_CACHE = 400;

/** Paths the downloads may have (`/downloads/...`, and a data package at the root). */
function isDownload(path: string): boolean {
  return path.startsWith('/downloads/') || /^\/[\w.-]+\.(json|csv|geojson)$/.test(path);
}
const HTML = 'text/html; charset=utf-8';

export async function createReassessApp(opts: AppOptions): Promise<ReassessApp> {
  const now = opts.now ?? (() => new Date());
  const mode = opts.mode ?? 'server';
  const base = basePath(opts.baseUrl);
  const corrections = opts.corrections || DEFAULT_CORRECTIONS;
  const views = opts.views ?? new LedgerViews(opts.db, opts.checkIntervalMs ?? 1000);
  const statics = await staticAssets();
  const staticByPath = new Map<string, Asset>();
  for (const a of [statics.css, statics.icon, statics.geometry, ...Object.values(statics.js)])
    staticByPath.set(a.path, a);
  /** Data assets of recent versions (a page already loaded may still ask for the previous one). */
  const dataByPath = new Map<string, Asset>();

  let state: SiteState | null = null;
  let building: { version: string; promise: Promise<SiteState> } | null = null;
  const pageCache = new Map<string, { status: number; html: string }>();
  let endpoints: ApiEndpoint[] | null = null;

  async function build(view: LedgerView): Promise<SiteState> {
    const data = await loadSiteData(opts.db, now);
    const dataAssets: DataAssets = {
      timeline: makeAsset('timeline', 'json', 'application/json', JSON.stringify(data.timeline), 9),
      searchIndex: makeAsset(
        'search-index',
        'json',
        'application/json',
        JSON.stringify(view.search.toJSON()),
        9,
      ),
    };
    for (const a of [dataAssets.timeline, dataAssets.searchIndex]) dataByPath.set(a.path, a);
    while (dataByPath.size > 8) dataByPath.delete(dataByPath.keys().next().value as string);
    let downloads: Promise<DownloadFile[]> | null = null;
    return {
      version: view.version,
      view,
      data,
      dataAssets,
      downloads: () => {
        downloads ??= buildDownloads(opts.db, now, view).catch((e) => {
          downloads = null;
          throw e;
        });
        return downloads;
      },
    };
  }

  async function site(): Promise<SiteState> {
    const view = await views.current();
    if (state?.version === view.version) return state;
    if (building?.version !== view.version) {
      const promise = build(view).then(
        (s) => {
          state = s;
          pageCache.clear();
          return s;
        },
        (e) => {
          building = null;
          throw e;
        },
      );
      building = { version: view.version, promise };
    }
    return building.promise;
  }

  async function ctxFor(
    s: SiteState,
    lang: Lang,
    path: string,
    query: URLSearchParams,
    withDownloads: boolean,
  ): Promise<RenderCtx> {
    const files = withDownloads ? await s.downloads().catch(() => [] as DownloadFile[]) : [];
    return makeCtx({
      lang,
      base,
      path,
      data: s.data,
      assets: assetUrls(base, statics, s.dataAssets),
      mode,
      corrections,
      downloads: files.map((f) => ({
        path: f.path,
        contentType: f.contentType,
        size: Buffer.byteLength(f.body),
      })),
      api: true,
      query,
      search: s.view.search,
    });
  }

  function apiEndpoints(): ApiEndpoint[] {
    if (endpoints) return endpoints;
    try {
      const doc = openApiDocument({ db: opts.db, now }) as {
        paths?: Record<string, { get?: { summary?: string; description?: string } }>;
      };
      endpoints = Object.entries(doc.paths ?? {}).map(([path, ops]) => ({
        path,
        summary: ops.get?.summary ?? ops.get?.description ?? '',
      }));
    } catch {
      endpoints = [];
    }
    return endpoints;
  }

  /** Renders a language-free page path, or null for an unknown one. */
  async function renderPage(
    s: SiteState,
    lang: Lang,
    rawPath: string,
    query: URLSearchParams,
    pageUrl: string,
  ): Promise<{ status: number; html: string; redirect?: string }> {
    const path = rawPath.endsWith('/') ? rawPath : `${rawPath}/`;
    const ctx = await ctxFor(s, lang, path, query, path === pagePaths.data);
    let page: PageResult | null = null;
    const agencyMatch = /^\/agency\/([^/]+)\/$/.exec(path);
    const stateMatch = /^\/state\/([^/]+)\/$/.exec(path);
    if (path === '/') page = homePage(ctx);
    else if (path === pagePaths.search) page = searchPage(ctx);
    else if (path === pagePaths.changes) page = changesPage(ctx);
    else if (path === pagePaths.data) page = dataPage(ctx, apiEndpoints());
    else if (path === pagePaths.methodology) page = methodologyPage(ctx);
    else if (agencyMatch) {
      const id = decodeURIComponent(agencyMatch[1] as string);
      const into = s.data.merged.get(id);
      if (into) {
        page = mergedAgencyPage(ctx, id, into);
        if (mode === 'server') return { status: 301, html: '', redirect: page.redirect };
      } else if (s.data.agencyById.has(id)) {
        const d = await agencyDetail(opts.db, id);
        page = d ? agencyPage(ctx, d, pageUrl) : null;
      }
      page ??= notFoundPage(ctx, ctx.t('agencyNotFound', { id }));
    } else if (stateMatch) {
      const code = decodeURIComponent(stateMatch[1] as string);
      if (code !== code.toUpperCase()) {
        if (mode === 'server')
          return {
            status: 301,
            html: '',
            redirect: `${base}${localized(lang, pagePaths.state(code.toUpperCase()))}`,
          };
      }
      page = statePage(ctx, code.toUpperCase()) ?? notFoundPage(ctx, ctx.t('stateNotFound', { code }));
    }
    page ??= notFoundPage(ctx);
    return { status: page.status ?? 200, html: renderDocument(ctx, page) };
  }

  /** A request's path without the base path. */
  const local = (path: string) => (base && path.startsWith(`${base}/`) ? path.slice(base.length) : path);

  const app = new Hono();
  app.use('*', securityHeaders());
  // The API compresses its own answers (brotli or gzip, once per body, with matching strong ETags).
  const compressPages = compress();
  app.use('*', (c, next) => (local(c.req.path).startsWith('/api/') ? next() : compressPages(c, next)));
  app.onError((err, c) => {
    console.error(
      `web: ${c.req.method} ${c.req.path}: ${err instanceof Error ? (err.stack ?? err.message) : err}`,
    );
    return c.text('The server failed to answer this request.', 500);
  });

  app.get('/assets/:file', (c) => {
    const p = local(c.req.path);
    const a = staticByPath.get(p) ?? dataByPath.get(p);
    if (!a) return c.text('Not found', 404);
    const accept = c.req.header('Accept-Encoding') ?? '';
    const enc = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null;
    const headers: Record<string, string> = {
      'Content-Type': a.contentType,
      'Cache-Control': 'public, max-age=31536000, immutable',
      Vary: 'Accept-Encoding',
    };
    if (enc) headers['Content-Encoding'] = enc;
    const body = enc === 'br' ? a.br : enc === 'gzip' ? a.gzip : a.body;
    headers['Content-Length'] = String(body.length);
    return c.body(new Uint8Array(body), 200, headers);
  });

  const api = createApi({
    db: opts.db,
    now,
    views,
    ...(opts.rateLimit !== undefined ? { rateLimit: opts.rateLimit } : {}),
    ...(opts.trustProxy ? { trustProxy: true } : {}),
  });
  app.route('/api/v1', api);

  app.get('/feeds/*', async (c) => {
    const origin = opts.baseUrl ?? new URL(c.req.url).origin;
    const body = await renderFeed(views, local(c.req.path), origin, now);
    if (body === null) return c.text('No such feed', 404);
    return c.body(body, 200, { 'Content-Type': ATOM_TYPE, 'Cache-Control': 'public, max-age=300' });
  });

  app.get('*', async (c) => {
    const s = await site();
    const url = new URL(c.req.url);
    const pathname = local(url.pathname);
    const file = isDownload(pathname)
      ? (await s.downloads().catch(() => [] as DownloadFile[])).find((f) => `/${f.path}` === pathname)
      : undefined;
    if (file)
      return c.body(file.body, 200, {
        'Content-Type': file.contentType,
        'Cache-Control': 'public, max-age=300',
        'Content-Disposition': `inline; filename="${file.path.split('/').pop()}"`,
      });
    const { lang, path } = splitLang(pathname);
    // Only the changes and search pages read the query: other pages share one cache entry whatever it holds.
    const usesQuery = /^\/(changes|search)\/?$/.test(path);
    const key = `${s.version}|${pathname}${usesQuery ? url.search : ''}`;
    let hit = pageCache.get(key);
    if (!hit) {
      const pageUrl = `${opts.baseUrl ? opts.baseUrl.replace(/\/$/, '') : url.origin}${url.pathname}`;
      const r = await renderPage(
        s,
        lang,
        path,
        usesQuery ? url.searchParams : new URLSearchParams(),
        pageUrl,
      );
      if (r.redirect) return c.redirect(r.redirect, 301);
      hit = { status: r.status, html: r.html };
      if (pageCache.size >= PAGE_CACHE) pageCache.delete(pageCache.keys().next().value as string);
      pageCache.set(key, hit);
    }
    return c.body(hit.html, hit.status as 200, {
      'Content-Type': HTML,
      'Cache-Control': 'no-cache',
      'Content-Language': lang,
    });
  });

  let root = app;
  if (base) {
    root = new Hono();
    root.use('*', securityHeaders());
    root.route(base, app);
    root.get('/', (c) => c.redirect(`${base}/`, 302));
  }
  return {
    app: root,
    lane: api.lane(base, SECURITY_HEADERS),
    views,
    site,
    assets: async () => {
      const s = await site();
      return { urls: assetUrls(base, statics, s.dataAssets), files: allAssets(statics, s.dataAssets) };
    },
  };
}

/** The Hono app alone (see createReassessApp for the rest). */
export async function createApp(opts: AppOptions): Promise<Hono> {
  return (await createReassessApp(opts)).app;
}
