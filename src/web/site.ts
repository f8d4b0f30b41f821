/**
 * The site's pages, for the server and the static export alike: the state one ledger version's pages render from
 * (the read model, its pages' data, the data assets, the downloads' list), and the routing from a language-free
 * page path to its page component, rendered to an HTML document with its status (or a redirect, on the server).
 */
import { openApiDocument } from '../api/app.ts';
import type { LedgerView } from '../read/model.ts';
import type { SiteData } from '../read/site-data.ts';
import type { Db } from '../store/db.ts';
import { assetUrls, type DataAssets, makeAsset, type StaticAssets } from './assets.ts';
import { makeCtx, type PageResult, type RenderCtx } from './context.ts';
import type { Lang } from './i18n.ts';
import { renderDocument } from './layout.tsx';
import { buildPageModel, type PageModel } from './page-model.ts';
import { agencyPage, mergedAgencyPage } from './pages/agency.tsx';
import { analysesPage, analysisPage } from './pages/analyses.tsx';
import { changesPage } from './pages/changes.tsx';
import { countyPage } from './pages/county.tsx';
import { type ApiEndpoint, dataPage } from './pages/data.tsx';
import { documentPages } from './pages/document-route.ts';
import { evidenceRoute } from './pages/evidence/evidence-page.tsx';
import { homePage } from './pages/home.tsx';
import { agencyIndexPage } from './pages/indexes/agencies.tsx';
import { countyIndexPage } from './pages/indexes/counties.tsx';
import { downloadsPage } from './pages/indexes/downloads.tsx';
import { stateIndexPage } from './pages/indexes/states.tsx';
import { methodologyPage } from './pages/methodology.tsx';
import { notFoundPage } from './pages/not-found.tsx';
import { searchPage } from './pages/search.tsx';
import { statePage } from './pages/state.tsx';
import { localized, pagePaths } from './paths.ts';

/** A file the data page lists (a download). */
export interface SiteFile {
  path: string;
  contentType: string;
  body: string;
}

/** Everything the pages of one ledger version render from. */
export interface SiteState {
  version: string;
  view: LedgerView;
  data: SiteData;
  model: PageModel;
  dataAssets: DataAssets;
  downloads: () => Promise<SiteFile[]>;
}

/** The pages' state of a read model: its pages' data and the data assets made from it. */
export async function siteState(view: LedgerView, downloads: () => Promise<SiteFile[]>): Promise<SiteState> {
  const data = await view.site();
  const model = await buildPageModel(view, data);
  const xy = model.points.map((p) => (p ? [p.x, p.y] : 0));
  const dataAssets: DataAssets = {
    timeline: makeAsset('timeline', 'json', 'application/json', JSON.stringify({ ...data.timeline, xy }), 9),
    zips: makeAsset('zips', 'json', 'application/json', zipAsset(model), 9),
    searchIndex: makeAsset(
      'search-index',
      'json',
      'application/json',
      JSON.stringify(view.search.toJSON()),
      9,
    ),
  };
  return { version: view.version, view, data, model, dataAssets, downloads };
}

/** ZIP codes as the search island reads them: ZIP → [[county FIPS, county name, share in percent], …]. */
function zipAsset(model: PageModel): string {
  const out: Record<string, [string, string, number][]> = {};
  for (const [zip, parts] of model.places.zips)
    out[zip] = parts.map((p) => [p.fips, p.name, Math.round(p.share * 100)]);
  return JSON.stringify(out);
}

export interface SiteOptions {
  db: Db;
  now: () => Date;
  /** The base path of every link ('' at a domain's root). */
  base: string;
  corrections: string;
  /** `static`: pages for the static export (filtering and search run in the browser; no redirects). */
  mode: 'server' | 'static';
  statics: StaticAssets;
}

export interface RenderedPage {
  status: number;
  html: string;
  /** On the server: where the page moved (301). */
  redirect?: string;
}

/** Renders a page path, in a language, of a site state. */
export type PageRenderer = (
  s: SiteState,
  lang: Lang,
  rawPath: string,
  query: URLSearchParams,
  pageUrl: string,
) => Promise<RenderedPage>;

const AGENCY_PATH = /^\/agency\/([^/]+)\/$/;
const STATE_PATH = /^\/state\/([^/]+)\/$/;
const COUNTY_PATH = /^\/county\/([^/]+)\/$/;
const ANALYSIS_PATH = /^\/analysis\/([^/]+)\/$/;

/** The API's endpoints and their summaries (the data page lists them), read once from its OpenAPI document. */
function apiEndpoints(opts: SiteOptions): () => ApiEndpoint[] {
  let endpoints: ApiEndpoint[] | null = null;
  return () => {
    if (endpoints) return endpoints;
    try {
      const doc = openApiDocument({ db: opts.db, now: opts.now }) as {
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
  };
}

export function pageRenderer(opts: SiteOptions): PageRenderer {
  const endpoints = apiEndpoints(opts);

  async function ctxFor(s: SiteState, lang: Lang, path: string, query: URLSearchParams): Promise<RenderCtx> {
    const listsFiles = path === pagePaths.data || path === pagePaths.downloads;
    const files = listsFiles ? await s.downloads().catch(() => [] as SiteFile[]) : [];
    return makeCtx({
      lang,
      base: opts.base,
      path,
      data: s.data,
      assets: assetUrls(opts.base, opts.statics, s.dataAssets),
      mode: opts.mode,
      corrections: opts.corrections,
      downloads: files.map((f) => ({
        path: f.path,
        contentType: f.contentType,
        size: Buffer.byteLength(f.body),
      })),
      api: true,
      query,
      search: s.view.search,
      model: s.model,
    });
  }

  /** An agency's page: its own, the page of a merged ID (a redirect on the server), or null when unknown. */
  async function agency(s: SiteState, ctx: RenderCtx, id: string, pageUrl: string) {
    const into = s.data.merged.get(id);
    if (into) return mergedAgencyPage(ctx, id, into);
    if (!s.data.agencyById.has(id)) return null;
    const d = s.view.details.get(id);
    if (!d) return null;
    const all = await s.view.analyses();
    return agencyPage(ctx, d, pageUrl, s.view.evidence.forPlacement(id, s.view.placements.get(id)), {
      datasets: all.ofAgency(id),
      analyses: all.ofDataset,
    });
  }

  /** The stop-data analyses' index or one dataset's page, or null for another path. */
  async function analysis(s: SiteState, ctx: RenderCtx, path: string): Promise<PageResult | null> {
    if (path === pagePaths.analyses) return analysesPage(ctx, await s.view.analyses());
    const m = ANALYSIS_PATH.exec(path);
    if (!m) return null;
    return analysisPage(ctx, await s.view.analyses(), decodeURIComponent(m[1] as string));
  }

  /** The page of a path that names no agency or state, or null when unknown. */
  function fixedPage(ctx: RenderCtx, path: string): PageResult | null {
    if (path === '/') return homePage(ctx);
    if (path === pagePaths.search) return searchPage(ctx);
    if (path === pagePaths.changes) return changesPage(ctx);
    if (path === pagePaths.data) return dataPage(ctx, endpoints());
    if (path === pagePaths.methodology) return methodologyPage(ctx);
    if (path === pagePaths.agencies) return agencyIndexPage(ctx);
    if (path === pagePaths.states) return stateIndexPage(ctx);
    if (path === pagePaths.counties) return countyIndexPage(ctx);
    if (path === pagePaths.downloads) return downloadsPage(ctx);
    return null;
  }

  /** Renders a language-free page path; an unknown one is the not-found page. */
  return async (s, lang, rawPath, query, pageUrl) => {
    const path = rawPath.endsWith('/') ? rawPath : `${rawPath}/`;
    const ctx = await ctxFor(s, lang, path, query);
    let page = fixedPage(ctx, path) ?? (await analysis(s, ctx, path));
    const evidence = page ? undefined : evidenceRoute(ctx, s.view.evidence, path);
    if (evidence) page = evidence.page ?? notFoundPage(ctx, evidence.missing);
    const agencyMatch = AGENCY_PATH.exec(path);
    const stateMatch = STATE_PATH.exec(path);
    if (agencyMatch) {
      const id = decodeURIComponent(agencyMatch[1] as string);
      page = await agency(s, ctx, id, pageUrl);
      if (page?.redirect && opts.mode === 'server') return { status: 301, html: '', redirect: page.redirect };
      page ??= notFoundPage(ctx, ctx.t('agencyNotFound', { id }));
    } else if (COUNTY_PATH.test(path)) {
      const fips = decodeURIComponent((COUNTY_PATH.exec(path) as RegExpExecArray)[1] as string);
      page = countyPage(ctx, fips) ?? notFoundPage(ctx, ctx.t('countyNotFound', { fips }));
    } else if (stateMatch) {
      const code = decodeURIComponent(stateMatch[1] as string);
      if (code !== code.toUpperCase() && opts.mode === 'server')
        return {
          status: 301,
          html: '',
          redirect: `${opts.base}${localized(lang, pagePaths.state(code.toUpperCase()))}`,
        };
      page = statePage(ctx, code.toUpperCase()) ?? notFoundPage(ctx, ctx.t('stateNotFound', { code }));
    }
    page ??= await documentPages(opts.db, ctx, path, query);
    page ??= notFoundPage(ctx);
    return { status: page.status ?? 200, html: renderDocument(ctx, page) };
  };
}
