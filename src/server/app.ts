/**
 * The web server: one Hono app with the pages (server-rendered Preact, English at `/`, Spanish at `/es/`), the
 * hashed static assets, the API at `/api/v1`, the Atom feeds at `/feeds/...` (Spanish at `/es/feeds/...`) and the downloads at
 * `/downloads/...`. Security headers on every response; compressed bodies (assets precompressed, pages on the
 * fly). What the pages show is read once per ledger version (a finished run) and reused until the next one.
 * The pages are routed and rendered by web/site.ts, which the static export calls too.
 */

import { Hono, type MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import { type ApiDeps, clientAddress, createApi } from '../api/app.ts';
import { errorBody } from '../api/envelope.ts';
import type { ApiLane } from '../api/fast-lane.ts';
import type { RateLimit } from '../api/rate-limit.ts';
import { malformedEscape } from '../api/url-escapes.ts';
import { type ServiceDeps, systemDeps } from '../editors/deps.ts';
import { buildDownloads, type DownloadFile } from '../publish/downloads.ts';
import { ATOM_TYPE, FeedQueryError, renderFeed } from '../publish/feeds.ts';
import { lazy } from '../read/lazy.ts';
import type { LedgerView } from '../read/model.ts';
import { LedgerViews } from '../read/model-cache.ts';
import type { Db } from '../store/db.ts';
import type { RawStore } from '../store/raw-store.ts';
import { type Asset, allAssets, assetUrls, staticAssets } from '../web/assets.ts';
import type { AssetUrls } from '../web/context.ts';
import { pageQuery } from '../web/page-query.ts';
import { DEFAULT_CORRECTIONS } from '../web/pages/agency.tsx';
import { basePath, splitLang } from '../web/paths.ts';
import { type PageRenderer, pageRenderer, type SiteState, siteState } from '../web/site.ts';
import { serveArchivedDocuments } from './documents.ts';
import { editorRoutes } from './editor/app.ts';
import { tipRoutes, withTipToken } from './editor/tips.ts';
import { serveStoredFiles } from './files.ts';
import { SECURITY_HEADERS, securityHeaders } from './headers.ts';
import { PageCache } from './page-cache.ts';
import { PAGE_RATE_LIMIT, pageRateLimit } from './page-limit.ts';

export type { SiteState } from '../web/site.ts';

export interface AppOptions {
  db: Db;
  now?: () => Date;
  /**
   * Public URL of the site: every absolute URL the server writes (feeds, the page address in correction reports)
   * starts with it, never with the request's Host header; its path is the base of every link. Default
   * DEFAULT_PUBLIC_URL (`reassess serve` passes the address it listens on).
   */
  baseUrl?: string;
  /** Where "report a correction" goes: a `mailto:` address or a GitHub repository URL. */
  corrections?: string;
  rateLimit?: ApiDeps['rateLimit'];
  /** The rendered pages' budget in bytes (default PAGE_CACHE_BYTES). */
  pageCacheBytes?: number;
  /** Pages, feeds and downloads per client (default PAGE_RATE_LIMIT; off by default when `rateLimit` is false). */
  pageRateLimit?: RateLimit | false;
  /** Key the rate limit on `X-Forwarded-For` (set when a reverse proxy is in front; see ApiDeps). */
  trustProxy?: boolean;
  /** How often the ledger's version is checked (ms); default 1000. */
  checkIntervalMs?: number;
  /** Shared ledger views (the API's); one is made when absent. */
  views?: LedgerViews;
  /** Clock and randomness of the editors' pages and the tip form (issue 18); the system's when absent. */
  services?: ServiceDeps;
  /** Tips per client per window (default 5 per 10 minutes). */
  tipLimit?: { max: number; windowMs: number };
  /** The raw store: when given, archived documents are served at `/documents/<sha256>.pdf` (issue 15). */
  raw?: RawStore;
  /** The raw store's path of a sha256: stored files are served from it at /files/ (none without it). */
  rawPath?: (sha256: string) => string;
}

export interface ReassessApp {
  app: Hono;
  /** The API's fast lane (api/fast-lane.ts), for the Node server to try before the app; `served` counts its answers. */
  lane: ApiLane & { served: number };
  views: LedgerViews;
  /** The rendered pages kept (their count and bytes). */
  pageCache: PageCache;
  /** The current ledger version's site state. */
  site(): Promise<SiteState>;
  /** Asset URLs and files of the current version. */
  assets(): Promise<{ urls: AssetUrls; files: Asset[] }>;
}

/** The public URL when none is configured. */
export const DEFAULT_PUBLIC_URL = 'http://localhost:8287/';

/** Paths the downloads may have (`/downloads/...`, and a data package at the root). */
function isDownload(path: string): boolean {
  return path.startsWith('/downloads/') || /^\/[\w.-]+\.(json|csv|geojson)$/.test(path);
}
const HTML = 'text/html; charset=utf-8';

/**
 * The site state of the current ledger version, built once per version; `onNew` runs when a new one is in place.
 * Data assets of recent versions stay in `dataByPath` (a page already loaded may still ask for the previous one).
 */
function siteStates(
  views: LedgerViews,
  make: (view: LedgerView) => Promise<SiteState>,
  dataByPath: Map<string, Asset>,
  onNew: () => void,
): () => Promise<SiteState> {
  let state: SiteState | null = null;
  let building: { version: string; promise: Promise<SiteState> } | null = null;
  return async () => {
    const view = await views.current();
    if (state?.version === view.version) return state;
    if (building?.version !== view.version) {
      const promise = make(view).then(
        (s) => {
          for (const a of Object.values(s.dataAssets)) dataByPath.set(a.path, a);
          while (dataByPath.size > 12) dataByPath.delete(dataByPath.keys().next().value as string);
          state = s;
          onNew();
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
  };
}

/** `/assets/:file`: hashed assets, precompressed, cached for a year. */
function serveAsset(app: Hono, find: (path: string) => Asset | undefined) {
  app.get('/assets/:file', (c) => {
    const a = find(c.req.path);
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
}

interface PageDeps {
  site: () => Promise<SiteState>;
  render: PageRenderer;
  /** The public URL's origin (`https://example.org`): pages' absolute addresses start with it. */
  origin: string;
  local: (path: string) => string;
  pageCache: PageCache;
  /** The served HTML of a cached page (a fresh tip-form token in agency pages). */
  fresh: (html: string) => string;
}

/**
 * Everything else: a download, or a page. A page is rendered from its canonical query only (web/page-query.ts) and
 * kept by version, path and that query (page-cache.ts), so nothing else in the request can change it.
 */
function servePages(app: Hono, d: PageDeps) {
  app.get('*', async (c) => {
    const s = await d.site();
    const url = new URL(c.req.url);
    const pathname = d.local(url.pathname);
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
    const query = pageQuery(path, url.searchParams);
    const q = query.toString();
    const key = `${s.version}|${pathname}${q ? `?${q}` : ''}`;
    let hit = d.pageCache.get(key);
    if (!hit) {
      const r = await d.render(s, lang, path, query, `${d.origin}${url.pathname}`);
      if (r.redirect) return c.redirect(r.redirect, 301);
      hit = { status: r.status, html: r.html };
      d.pageCache.set(key, hit);
    }
    return c.body(d.fresh(hit.html), hit.status as 200, {
      'Content-Type': HTML,
      'Cache-Control': 'no-cache',
      'Content-Language': lang,
    });
  });
}

/** A 400 for a request whose path or query holds a malformed %-escape (JSON under the API, text elsewhere). */
function rejectMalformed(local: (path: string) => string): MiddlewareHandler {
  return async (c, next) => {
    const url = c.req.url;
    if (!malformedEscape(url.slice(url.indexOf('/', url.indexOf('//') + 2)))) return next();
    const message = 'The address holds a malformed %-escape.';
    if (local(new URL(url).pathname).startsWith('/api/'))
      return c.json(errorBody(400, 'bad_request', message), 400, { 'Cache-Control': 'no-store' });
    return c.text(`${message}\nLa dirección contiene un escape % mal formado.\n`, 400, {
      'Cache-Control': 'no-store',
    });
  };
}

/**
 * Security headers, malformed escapes refused, page compression (the API compresses its own answers) and the 500
 * of every route (its cause goes to the log, never into the response).
 */
function baseApp(local: (path: string) => string): Hono {
  const app = new Hono();
  app.use('*', securityHeaders());
  app.use('*', rejectMalformed(local));
  // The API compresses its own answers (brotli or gzip, once per body, with matching strong ETags).
  const compressPages = compress();
  app.use('*', (c, next) => (local(c.req.path).startsWith('/api/') ? next() : compressPages(c, next)));
  app.onError((err, c) => {
    console.error(
      `web: ${c.req.method} ${c.req.path}: ${err instanceof Error ? (err.stack ?? err.message) : err}`,
    );
    return c.text('The server failed to answer this request.', 500);
  });
  return app;
}

/**
 * The editors' side (issue 18): the public tip endpoint and the editors' pages under `/editor`, with the clock and
 * randomness of `opts.services`; the function that puts a fresh tip-form token into a served page.
 */
function editorSide(
  app: Hono,
  opts: AppOptions,
  d: { views: LedgerViews; base: string; now: () => Date; cssHref: () => Promise<string> },
): (html: string) => string {
  const { views, base, cssHref } = d;
  const services = opts.services ?? systemDeps(d.now);
  const tipSecret = services.random(32);
  const client = (c: Parameters<typeof clientAddress>[0]) => clientAddress(c, opts.trustProxy ?? false);
  tipRoutes(app, {
    db: opts.db,
    deps: services,
    secret: tipSecret,
    client,
    base,
    cssHref,
    agencyNames: async () => {
      const v = await views.current();
      return (id) => v.details.get(id)?.name;
    },
    ...(opts.tipLimit ? { limit: opts.tipLimit } : {}),
  });
  editorRoutes(app, {
    db: opts.db,
    deps: services,
    base,
    cssHref,
    client,
    agencies: async () => {
      const v = await views.current();
      return (id) => {
        const a = v.details.get(id);
        return a
          ? {
              agencyId: a.agencyId,
              name: a.name,
              state: a.state,
              countyFips: v.placements.get(id)?.countyFips[0] ?? null,
            }
          : null;
      };
    },
  });
  return (html: string) => withTipToken(html, tipSecret, services.now().getTime());
}

export async function createReassessApp(opts: AppOptions): Promise<ReassessApp> {
  const now = opts.now ?? (() => new Date());
  const base = basePath(opts.baseUrl);
  const views = opts.views ?? new LedgerViews(opts.db, opts.checkIntervalMs ?? 1000, undefined, now);
  const statics = await staticAssets();
  const staticByPath = new Map<string, Asset>();
  for (const a of [statics.css, statics.icon, statics.geometry, ...Object.values(statics.js)])
    staticByPath.set(a.path, a);
  const dataByPath = new Map<string, Asset>();
  const pageCache = new PageCache(opts.pageCacheBytes);
  const publicUrl = opts.baseUrl ?? DEFAULT_PUBLIC_URL;
  const site = siteStates(
    views,
    (view) =>
      siteState(
        view,
        lazy(() => buildDownloads(opts.db, now, view)),
      ),
    dataByPath,
    () => pageCache.clear(),
  );
  const render = pageRenderer({
    db: opts.db,
    now,
    base,
    corrections: opts.corrections || DEFAULT_CORRECTIONS,
    mode: 'server',
    statics,
  });
  /** A request's path without the base path. */
  const local = (path: string) => (base && path.startsWith(`${base}/`) ? path.slice(base.length) : path);

  const app = baseApp(local);
  app.use(
    '*',
    pageRateLimit({
      limit: opts.pageRateLimit ?? (opts.rateLimit === false ? false : PAGE_RATE_LIMIT),
      trustProxy: opts.trustProxy ?? false,
      now,
      exempt: (path) => /^\/(api|assets)\//.test(local(path)),
    }),
  );
  serveAsset(app, (path) => staticByPath.get(local(path)) ?? dataByPath.get(local(path)));
  const api = createApi({
    db: opts.db,
    now,
    views,
    ...(opts.rateLimit !== undefined ? { rateLimit: opts.rateLimit } : {}),
    ...(opts.trustProxy ? { trustProxy: true } : {}),
  });
  app.route('/api/v1', api);
  // English feeds under /feeds/, Spanish ones under /es/feeds/ (publish/feeds.ts reads the language from the path).
  app.on('GET', ['/feeds/*', '/es/feeds/*'], async (c) => {
    let body: string | null;
    try {
      body = await renderFeed(views, local(c.req.path), publicUrl, now, new URL(c.req.url).searchParams);
    } catch (e) {
      if (e instanceof FeedQueryError) return c.text(`Bad feed filter: ${e.message}`, 400);
      throw e;
    }
    if (body === null) return c.text('No such feed', 404);
    return c.body(body, 200, { 'Content-Type': ATOM_TYPE, 'Cache-Control': 'public, max-age=300' });
  });
  const fresh = editorSide(app, opts, {
    views,
    base,
    now,
    cssHref: async () => assetUrls(base, statics, (await site()).dataAssets).css,
  });
  if (opts.raw) serveArchivedDocuments(app, opts.db, opts.raw);
  if (opts.rawPath)
    serveStoredFiles(app, { pathOf: opts.rawPath, files: async () => (await site()).model.files, local });
  servePages(app, { site, render, origin: new URL(publicUrl).origin, local, pageCache, fresh });

  let root = app;
  if (base) {
    root = new Hono();
    root.use('*', securityHeaders());
    root.use('*', rejectMalformed(local));
    root.route(base, app);
    root.get('/', (c) => c.redirect(`${base}/`, 302));
  }
  return {
    app: root,
    lane: api.lane(base, SECURITY_HEADERS),
    views,
    pageCache,
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
