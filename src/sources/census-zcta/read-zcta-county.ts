/**
 * The Census Bureau's 2020 ZCTA to county relationship file (`tab20_zcta520_county20_natl.txt`): one row per part
 * of a ZIP Code Tabulation Area in a county, pipe-delimited, read by column name. Rows of a county's land outside
 * every ZCTA (an empty ZCTA side) are skipped; a ZCTA in several counties keeps one row per county, with the
 * share of its land area in each (parts of equal land share when it has no land, water only).
 */
import { InputError } from '../../domain/errors.ts';

export interface ZctaCounty {
  zcta: string;
  fips: string;
  /** The county's name as the file gives it (`Bexar County`). */
  countyName: string;
  /** The share of the ZCTA's land area in this county, 0–1. */
  landShare: number;
}

export interface ZctaRead {
  parts: ZctaCounty[];
  rows: number;
  problems: { row: number; field: string; message: string }[];
}

const COLUMNS = {
  zcta: 'GEOID_ZCTA5_20',
  fips: 'GEOID_COUNTY_20',
  name: 'NAMELSAD_COUNTY_20',
  land: 'AREALAND_PART',
} as const;

/** Whether a header line is this file's (its ZCTA and county GEOID columns). */
export function isZctaCountyHeader(line: string): boolean {
  const cols = line.replace(/^\uFEFF/, '').split('|');
  return cols.includes(COLUMNS.zcta) && cols.includes(COLUMNS.fips);
}

function columnIndex(header: string[], file: string): Record<keyof typeof COLUMNS, number> {
  const out = {} as Record<keyof typeof COLUMNS, number>;
  for (const [k, name] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, string][]) {
    const i = header.indexOf(name);
    if (i < 0) throw new InputError(file, `the ZCTA to county file has no column ${name}`, 1, name);
    out[k] = i;
  }
  return out;
}

type Part = Omit<ZctaCounty, 'landShare'> & { land: number };

/** One data line as a part, a problem, or null for a county-only row. */
function readLine(
  cells: string[],
  col: Record<keyof typeof COLUMNS, number>,
  row: number,
  problems: ZctaRead['problems'],
): Part | null {
  const zcta = (cells[col.zcta] ?? '').trim();
  if (zcta === '') return null;
  const fips = (cells[col.fips] ?? '').trim();
  if (!/^\d{5}$/.test(zcta)) {
    problems.push({ row, field: COLUMNS.zcta, message: `not a 5-digit ZCTA: "${zcta}"` });
    return null;
  }
  if (!/^\d{5}$/.test(fips)) {
    problems.push({ row, field: COLUMNS.fips, message: `not a 5-digit county code: "${fips}"` });
    return null;
  }
  const land = Number((cells[col.land] ?? '').trim() || 0);
  if (!Number.isFinite(land) || land < 0) {
    problems.push({ row, field: COLUMNS.land, message: `not an area: "${cells[col.land] ?? ''}"` });
    return null;
  }
  return { zcta, fips, countyName: (cells[col.name] ?? '').trim(), land };
}

/** Each part's share of its ZCTA's land (equal shares for a ZCTA without land). */
function withShares(parts: Part[]): ZctaCounty[] {
  const byZcta = new Map<string, Part[]>();
  for (const p of parts) {
    const list = byZcta.get(p.zcta);
    if (list) list.push(p);
    else byZcta.set(p.zcta, [p]);
  }
  const out: ZctaCounty[] = [];
  for (const list of byZcta.values()) {
    const total = list.reduce((n, p) => n + p.land, 0);
    for (const { land, ...p } of list)
      out.push({ ...p, landShare: total > 0 ? land / total : 1 / list.length });
  }
  return out.sort((a, b) => (a.zcta < b.zcta ? -1 : a.zcta > b.zcta ? 1 : b.landShare - a.landShare));
}

export function readZctaCounty(bytes: Buffer, file: string): ZctaRead {
  const lines = bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  const header = (lines[0] ?? '').split('|').map((h) => h.trim());
  const col = columnIndex(header, file);
  const problems: ZctaRead['problems'] = [];
  const parts: Part[] = [];
  const seen = new Set<string>();
  let rows = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    rows++;
    const cells = line.split('|');
    if (cells.length !== header.length) {
      problems.push({
        row: i + 1,
        field: '',
        message: `${cells.length} columns, the header has ${header.length}`,
      });
      continue;
    }
    const part = readLine(cells, col, i + 1, problems);
    if (!part) continue;
    const key = `${part.zcta}|${part.fips}`;
    if (seen.has(key)) continue;
    seen.add(key);
    parts.push(part);
  }
  if (parts.length === 0) throw new InputError(file, 'the ZCTA to county file has no ZCTA rows');
  return { parts: withShares(parts), rows, problems };
}
