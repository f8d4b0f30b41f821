/**
 * The site's URLs. English pages live at the root (`/`, `/agency/<id>/`), Spanish ones under `/es/`
 * (`/es/agency/<id>/`). Every page is a folder with an `index.html` in the static export, so links end in `/`;
 * the server answers with or without it. `base` is the path the site is published under ('' at a domain's root).
 * Pure: the islands use it too.
 */
import type { Lang } from './i18n.ts';

/** A page path in one language: `/changes/` → `/es/changes/`. */
export function localized(lang: Lang, path: string): string {
  const p = path.startsWith('/') ? path : `/${path}`;
  return lang === 'es' ? `/es${p}` : p;
}

/** The language and language-free path of a request path (`/es/agency/x/` → es, `/agency/x/`). */
export function splitLang(path: string): { lang: Lang; path: string } {
  if (path === '/es' || path.startsWith('/es/')) return { lang: 'es', path: path.slice(3) || '/' };
  return { lang: 'en', path: path || '/' };
}

export function withBase(base: string, path: string): string {
  return `${base.replace(/\/$/, '')}${path}`;
}

export const pagePaths = {
  home: '/',
  search: '/search/',
  changes: '/changes/',
  data: '/data/',
  methodology: '/methodology/',
  analyses: '/analysis/',
  agency: (id: string) => `/agency/${encodeURIComponent(id)}/`,
  state: (code: string) => `/state/${encodeURIComponent(code)}/`,
  analysis: (datasetId: string) => `/analysis/${encodeURIComponent(datasetId)}/`,
  evidence: '/evidence/',
  evidenceRecord: (id: string) => `/evidence/${encodeURIComponent(id)}/`,
  county: (fips: string) => `/county/${encodeURIComponent(fips)}/`,
  /** Index pages. */
  agencies: '/agency/',
  states: '/state/',
  counties: '/county/',
  downloads: '/downloads/',
};

/** A stored file (an ICE workbook, a reference table) by its sha256, with the extension of its media type. */
export function filePath(sha256: string, mediaType: string): string {
  return `/files/${sha256}.${fileExtension(mediaType)}`;
}

export function fileExtension(mediaType: string): string {
  const t = mediaType.split(';')[0]?.trim() ?? '';
  if (t.includes('spreadsheetml')) return 'xlsx';
  if (t === 'application/pdf') return 'pdf';
  if (t === 'text/csv') return 'csv';
  if (t === 'application/json') return 'json';
  if (t === 'application/zip') return 'zip';
  if (t.startsWith('text/')) return 'txt';
  return 'bin';
}

/** The base path (no trailing slash) of an absolute or root-relative base URL. */
export function basePath(baseUrl: string | undefined): string {
  if (!baseUrl) return '';
  try {
    return new URL(baseUrl).pathname.replace(/\/$/, '');
  } catch {
    return baseUrl.replace(/\/$/, '');
  }
}
