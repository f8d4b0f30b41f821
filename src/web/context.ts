/** What every page is rendered with. */
import type { VNode } from 'preact';
import type { SearchIndex } from '../read/search.ts';
import type { SiteData } from '../read/site-data.ts';
import { type Lang, type Translate, translator } from './i18n.ts';
import type { PageModel } from './page-model.ts';
import { localized, withBase } from './paths.ts';

export interface AssetUrls {
  css: string;
  icon: string;
  /** Island bundles by name (home, search, changes, common). */
  js: Record<string, string>;
  geometry: string;
  timeline: string;
  searchIndex: string;
  /** ZIP codes and their counties (loaded by the search when a ZIP code is typed). */
  zips: string;
}

export interface DownloadItem {
  path: string;
  contentType: string;
  size: number;
}

export interface RenderCtx {
  lang: Lang;
  t: Translate;
  base: string;
  /** Language-free path of the page (`/agency/x/`). */
  path: string;
  data: SiteData;
  assets: AssetUrls;
  /** `static`: pages for the static export (filtering and search run in the browser). */
  mode: 'server' | 'static';
  /** Where corrections go: a `mailto:` address or a GitHub repository URL. */
  corrections: string;
  downloads: DownloadItem[];
  /** Whether the API is mounted (server) or its snapshots are written (static). */
  api: boolean;
  query: URLSearchParams;
  /** The search index (server-side answers to `?q=` without JavaScript). */
  search: SearchIndex | null;
  /** The read model and what the pages build from it once per version (page-model.ts). */
  model: PageModel;
}

export interface PageResult {
  title: string;
  main: VNode;
  /** Island bundle to load (default `common`: the language memory). */
  island?: string;
  /** JSON blocks for the island, by element id. */
  json?: Record<string, unknown>;
  status?: number;
  description?: string;
  /** Extra Atom feed for the page (root-relative path). */
  feed?: { href: string; title: string };
  /** Whether the other language has this page (false for 404s). */
  translated?: boolean;
  /** For a merged agency: where it now lives. */
  redirect?: string;
}

export function makeCtx(base: Omit<RenderCtx, 't'>): RenderCtx {
  return { ...base, t: translator(base.lang) };
}

/** URL of a page in the context's language (or another). */
export function href(ctx: Pick<RenderCtx, 'base' | 'lang'>, path: string, lang: Lang = ctx.lang): string {
  return withBase(ctx.base, localized(lang, path));
}

/** URL of a language-free resource (assets, downloads, API). */
export function rootHref(ctx: Pick<RenderCtx, 'base'>, path: string): string {
  return withBase(ctx.base, path);
}

/**
 * URL of an Atom feed (`/feeds/…`) in the context's language: Spanish pages link the Spanish feeds under
 * `/es/feeds/…`, the evidence feed (`/es/feeds/evidence.atom`) among them: every feed has a Spanish twin.
 */
export function atomHref(ctx: Pick<RenderCtx, 'base' | 'lang'>, path: string): string {
  const es = ctx.lang === 'es' && path.startsWith('/feeds/');
  return withBase(ctx.base, es ? `/es${path}` : path);
}
