/**
 * Finds the header row by name and decides the list kind and schema era from the columns present.
 * Never by position: ICE inserted COUNTY (2025-03-17), ADDENDUM (2025-07-01) and a pending MOA column (2026-01-08).
 */
import type { ListKind } from '../../domain/types.ts';
import type { XlsxRow } from '../xlsx/read-xlsx.ts';

/** Canonical column names, and the spellings accepted for each (compared upper-cased, spaces collapsed). */
export const COLUMN_NAMES: Record<string, readonly string[]> = {
  STATE: ['STATE'],
  'LAW ENFORCEMENT AGENCY': ['LAW ENFORCEMENT AGENCY', 'AGENCY', 'AGENCY NAME'],
  TYPE: ['TYPE', 'AGENCY TYPE'],
  COUNTY: ['COUNTY'],
  'SUPPORT TYPE': ['SUPPORT TYPE', 'MODEL'],
  SIGNED: ['SIGNED', 'DATE SIGNED'],
  MOA: ['MOA'],
  ADDENDUM: ['ADDENDUM'],
};

const LOOKUP = new Map<string, string>();
for (const [canon, names] of Object.entries(COLUMN_NAMES)) for (const n of names) LOOKUP.set(n, canon);

export function headerKey(raw: string): string {
  return raw
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .toUpperCase();
}

export interface HeaderMatch {
  /** Row number of the header. */
  row: number;
  /** Column index → canonical column name (or the header text itself for unknown columns). */
  columns: Map<number, string>;
  known: Set<string>;
  unknown: string[];
}

/** Looks for the header in the first `scan` rows: a row holding both STATE and LAW ENFORCEMENT AGENCY. */
export function findHeader(rows: XlsxRow[], scan = 10): HeaderMatch | null {
  for (const row of rows.slice(0, scan)) {
    const columns = new Map<number, string>();
    const known = new Set<string>();
    const unknown: string[] = [];
    for (const cell of row.cells) {
      const key = headerKey(cell.value);
      if (key === '') continue;
      const canon = LOOKUP.get(key);
      if (canon && !known.has(canon)) {
        known.add(canon);
        columns.set(cell.col, canon);
      } else {
        unknown.push(cell.value);
        columns.set(cell.col, key);
      }
    }
    if (known.has('STATE') && known.has('LAW ENFORCEMENT AGENCY'))
      return { row: row.r, columns, known, unknown };
  }
  return null;
}

/** A SIGNED column means participating. ICE once served each list under the other's name. */
export function kindOf(h: HeaderMatch): ListKind {
  return h.known.has('SIGNED') ? 'participating' : 'pending';
}

/** Schema era, per the pack's MANIFEST (P1–P3 participating, Q1–Q3 pending, H0 html-era tables). */
export function eraOf(h: HeaderMatch, htmlEra: boolean): string {
  const k = h.known;
  if (htmlEra) return 'H0';
  if (k.has('SIGNED')) {
    if (k.has('ADDENDUM')) return 'P3';
    if (k.has('COUNTY')) return 'P2';
    return 'P1';
  }
  if (k.has('MOA')) return 'Q3';
  if (k.has('COUNTY')) return 'Q2';
  return 'Q1';
}
