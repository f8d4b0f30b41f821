/**
 * The query parameters each page reads, in their canonical form: the server renders a page from this query only
 * and keys its page cache on it, so a parameter a page ignores (`/changes/?x=…`) or an unusable value
 * (`?from=yesterday`) can neither change the page nor make a new cache entry. A page that starts reading a
 * parameter adds it here; a page not listed reads none.
 */
import { readFilter } from './change-filter.ts';
import { documentPaths } from './pages/document.tsx';
import { documentsQuery } from './pages/documents.tsx';
import { evidenceFilter } from './pages/evidence/evidence-page.tsx';
import { pagePaths } from './paths.ts';

type Canonical = (q: URLSearchParams) => [string, string][];

/** A page number: a whole number from 2 up ('' for the first page or anything else). */
function pageNumber(v: string | null): string {
  const n = Math.floor(Number(v));
  return Number.isFinite(n) && n > 1 ? String(n) : '';
}

const PAGE_QUERIES: Record<string, Canonical> = {
  [pagePaths.changes]: (q) => {
    const f = readFilter(q);
    return [
      ['from', f.from],
      ['to', f.to],
      ['state', f.state],
      ['model', f.model],
      ['kind', f.kind],
      ['page', pageNumber(q.get('page'))],
    ];
  },
  [pagePaths.search]: (q) => [['q', (q.get('q') ?? '').slice(0, 200)]],
  [pagePaths.evidence]: (q) => {
    const f = evidenceFilter(q);
    return [
      ['kind', f.kind ?? ''],
      ['criterion', f.criterion ?? ''],
      ['state', f.state ?? ''],
      ['from', f.from ?? ''],
      ['to', f.to ?? ''],
    ];
  },
  [documentPaths.list]: (q) => {
    const d = documentsQuery(q);
    return [
      ['q', d.q],
      ['model', d.model],
      ['deviations', d.deviations ? 'true' : ''],
    ];
  },
};

/** An agency's page reads `tip=correction` (its tip form opens on the kind "correction"). */
const AGENCY_PAGE = /^\/agency\/[^/]+\/$/;
const agencyQuery: Canonical = (q) => [['tip', q.get('tip') === 'correction' ? 'correction' : '']];

/** The canonical query of a language-free page path (`/changes/`, with or without its last `/`). */
export function pageQuery(path: string, query: URLSearchParams): URLSearchParams {
  const key = path.endsWith('/') ? path : `${path}/`;
  const canonical = PAGE_QUERIES[key] ?? (AGENCY_PAGE.test(key) ? agencyQuery : undefined);
  const out = new URLSearchParams();
  if (canonical) for (const [k, v] of canonical(query)) if (v !== '') out.set(k, v);
  return out;
}
