/**
 * County population by race and Hispanic origin: the Census Bureau's American Community Survey table B03002.
 * Two shapes are read, both by column name: the Census API's JSON (`[["NAME","B03002_001E",…,"state","county"],
 * …]`, what `reassess sync` fetches) and the older American FactFinder CSV (`Id2`, `Geography`,
 * `Estimate; Total:`, …), the shape of the copy in the data pack.
 */
import { parse } from 'csv-parse/sync';
import { InputError } from '../../domain/errors.ts';

export interface CountyPopulation {
  fips: string;
  name: string;
  total: number;
  hispanic: number;
  whiteNonHispanic: number;
  blackNonHispanic: number;
}

export interface AcsRead {
  counties: CountyPopulation[];
  rows: number;
  problems: { row: number; field: string; message: string }[];
}

/** Variables fetched from the Census API (estimates). */
export const ACS_VARIABLES = {
  total: 'B03002_001E',
  whiteNonHispanic: 'B03002_003E',
  blackNonHispanic: 'B03002_004E',
  hispanic: 'B03002_012E',
} as const;

const FACTFINDER = {
  fips: 'Id2',
  name: 'Geography',
  total: 'Estimate; Total:',
  whiteNonHispanic: 'Estimate; Not Hispanic or Latino: - White alone',
  blackNonHispanic: 'Estimate; Not Hispanic or Latino: - Black or African American alone',
  hispanic: 'Estimate; Hispanic or Latino:',
} as const;

type Field = keyof typeof FACTFINDER;

function build(
  file: string,
  header: string[],
  rows: string[][],
  names: Record<Field, string>,
  fipsOf: (get: (f: string) => string) => string,
): AcsRead {
  const need = [...new Set(Object.values(names))].filter((n) => n !== '');
  const missing = need.filter((n) => !header.includes(n));
  if (missing.length > 0)
    throw new InputError(file, `not an ACS B03002 county table: column(s) ${missing.join(', ')} missing`, 1);
  const problems: AcsRead['problems'] = [];
  const counties: CountyPopulation[] = [];
  rows.forEach((r, i) => {
    const row = i + 2;
    const get = (name: string) => (r[header.indexOf(name)] ?? '').trim();
    const fips = fipsOf(get);
    if (!/^\d{5}$/.test(fips)) {
      problems.push({
        row,
        field: names.fips || 'state+county',
        message: `not a county FIPS code: "${fips}"`,
      });
      return;
    }
    const num = (f: Exclude<Field, 'fips' | 'name'>) => {
      const v = get(names[f]);
      const n = Number(v);
      if (v === '' || !Number.isFinite(n) || n < 0) {
        problems.push({ row, field: names[f], message: `not a count: "${v}"; county skipped` });
        return null;
      }
      return n;
    };
    const total = num('total');
    const hispanic = num('hispanic');
    const white = num('whiteNonHispanic');
    const black = num('blackNonHispanic');
    if (total === null || hispanic === null || white === null || black === null) return;
    counties.push({
      fips,
      name: get(names.name),
      total,
      hispanic,
      whiteNonHispanic: white,
      blackNonHispanic: black,
    });
  });
  return { counties, rows: rows.length, problems };
}

export function readB03002(bytes: Buffer, file: string): AcsRead {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trimStart().startsWith('[')) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new InputError(file, 'not valid JSON (a Census API answer was expected)');
    }
    if (!Array.isArray(data) || !data.every((r) => Array.isArray(r)))
      throw new InputError(file, 'not a Census API table (an array of rows was expected)');
    const [header = [], ...rows] = (data as unknown[][]).map((r) =>
      r.map((v) => (v === null ? '' : String(v))),
    );
    const names = { fips: 'county', name: 'NAME', ...ACS_VARIABLES };
    if (!header.includes('state'))
      throw new InputError(file, 'not an ACS B03002 county table: column(s) state missing', 1);
    return build(file, header, rows, names, (get) => `${get('state')}${get('county')}`);
  }
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true });
  } catch (err) {
    throw new InputError(file, `not a readable CSV file (${(err as Error).message})`);
  }
  const [header = [], ...rows] = records;
  const trimmed = header.map((h) => h.trim());
  if (trimmed.includes(ACS_VARIABLES.total)) {
    const names = { fips: '', name: 'NAME', ...ACS_VARIABLES };
    return build(file, trimmed, rows, names, (get) => `${get('state')}${get('county')}`);
  }
  return build(file, trimmed, rows, FACTFINDER, (get) => get(FACTFINDER.fips));
}
