/** The one success envelope, the one error envelope, and opaque cursors. */

import type { LedgerView } from '../read/model.ts';
import type { TMeta } from './schemas.ts';

export const ICE_PAGE = 'https://www.ice.gov/identify-and-arrest/287g';

export const SOURCE =
  `U.S. Immigration and Customs Enforcement (ICE), 287(g) Program lists of participating and pending agencies (${ICE_PAGE}), ` +
  'every published spreadsheet compiled into one history by Reassess';
export const GEO_SOURCE =
  `${SOURCE}; placements and figures also use the FBI Law Enforcement Employees (LEE) agency table, ` +
  'U.S. Census Bureau American Community Survey 5-year table B03002 and the us-atlas county shapes';
export const LICENCE =
  'ICE data: U.S. government work, public domain. This compilation: CC0-1.0 (https://creativecommons.org/publicdomain/zero/1.0/)';

export interface ErrorEnvelope {
  error: { status: number; code: string; message: string; details?: unknown };
}

export function errorBody(status: number, code: string, message: string, details?: unknown): ErrorEnvelope {
  return { error: { status, code, message, ...(details !== undefined ? { details } : {}) } };
}

export function meta(
  view: LedgerView,
  extra: { geo?: boolean; next_cursor?: string | null; count?: number } = {},
): TMeta {
  const out: TMeta = {
    source: extra.geo ? GEO_SOURCE : SOURCE,
    licence: LICENCE,
    lastUpdated: view.lastUpdated,
    publication: { participating: view.sightings.participating, pending: view.sightings.pending },
  };
  if (extra.next_cursor !== undefined) out.next_cursor = extra.next_cursor;
  if (extra.count !== undefined) out.count = extra.count;
  return out;
}

export function encodeCursor(key: string): string {
  return Buffer.from(JSON.stringify({ k: key }), 'utf8').toString('base64url');
}

/** The sort key inside a cursor, or null when the cursor is not one of ours. */
export function decodeCursor(cursor: string): string | null {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (v && typeof v === 'object' && typeof (v as { k?: unknown }).k === 'string')
      return (v as { k: string }).k;
  } catch {
    // not JSON: fall through
  }
  return null;
}

export class CursorError extends Error {}

/**
 * One page of `items` (sorted by `key`, ascending or descending) after the cursor's key. Keys are unique, so a
 * page never repeats or skips an item, even when the ledger changed between pages.
 */
export function paginate<T>(
  items: readonly T[],
  key: (t: T) => string,
  cursor: string | undefined,
  limit: number,
  descending = false,
): { page: T[]; next: string | null } {
  let start = 0;
  if (cursor !== undefined) {
    const after = decodeCursor(cursor);
    if (after === null) throw new CursorError('cursor is not valid');
    // Binary search for the first item after the cursor's key.
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const k = key(items[mid] as T);
      const beyond = descending ? k < after : k > after;
      if (beyond) hi = mid;
      else lo = mid + 1;
    }
    start = lo;
  }
  const page = items.slice(start, start + limit);
  const last = page[page.length - 1];
  const next = start + limit < items.length && last !== undefined ? encodeCursor(key(last)) : null;
  return { page, next };
}
