/**
 * The FBI's Law Enforcement Employees (LEE) agency table, as CSV: one row per agency and year with its ORI,
 * name, state, county name(s), type and population served. Columns are found by name. The Crime Data
 * Explorer's full master file (every year since 1960) and its one-row-per-agency slice share these names; when
 * an ORI has several years the latest is kept.
 */
import { parse } from 'csv-parse/sync';
import { InputError } from '../../domain/errors.ts';

export const LEE_COLUMNS = [
  'ori',
  'data_year',
  'pub_agency_name',
  'state_abbr',
  'county_name',
  'agency_type_name',
  'population',
] as const;

export interface FbiAgency {
  ori: string;
  year: number;
  name: string;
  state: string;
  /** County names as the FBI writes them (upper case); several for agencies serving several counties. */
  counties: string[];
  type: string;
  population: number | null;
}

export interface LeeRead {
  agencies: FbiAgency[];
  rows: number;
  problems: { row: number; field: string; message: string }[];
  /** The latest data year in the table (its vintage). */
  vintage: string;
}

export function readLeeCsv(bytes: Buffer, file: string): LeeRead {
  let records: string[][];
  try {
    records = parse(bytes, { bom: true, relax_column_count: true, skip_empty_lines: true });
  } catch (err) {
    throw new InputError(file, `not a readable CSV file (${(err as Error).message})`);
  }
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const missing = LEE_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0)
    throw new InputError(file, `not an FBI LEE agency table: column(s) ${missing.join(', ')} missing`, 1);
  const col = Object.fromEntries(LEE_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<
    (typeof LEE_COLUMNS)[number],
    number
  >;
  const problems: LeeRead['problems'] = [];
  const byOri = new Map<string, FbiAgency>();
  for (let i = 1; i < records.length; i++) {
    const r = records[i] ?? [];
    const row = i + 1;
    const get = (c: (typeof LEE_COLUMNS)[number]) => (r[col[c]] ?? '').trim();
    const ori = get('ori').toUpperCase();
    if (!/^[A-Z]{2}[A-Z0-9]{7}$/.test(ori)) {
      problems.push({ row, field: 'ori', message: `not an ORI code: "${get('ori')}"; row skipped` });
      continue;
    }
    const year = Number(get('data_year'));
    if (!Number.isInteger(year)) {
      problems.push({ row, field: 'data_year', message: `not a year: "${get('data_year')}"; row skipped` });
      continue;
    }
    const pop = get('population');
    const population = /^\d+$/.test(pop) ? Number(pop) : null;
    if (population === null && pop !== '' && pop.toUpperCase() !== 'NULL')
      problems.push({ row, field: 'population', message: `not a number: "${pop}"; read as missing` });
    const countyText = get('county_name');
    const counties =
      countyText === '' || /^not specified$/i.test(countyText)
        ? []
        : countyText
            .split(/[,;]/)
            .map((s) => s.trim())
            .filter(Boolean);
    const a: FbiAgency = {
      ori,
      year,
      name: get('pub_agency_name'),
      state: get('state_abbr').toUpperCase(),
      counties,
      type: get('agency_type_name'),
      population,
    };
    const prev = byOri.get(ori);
    if (!prev || prev.year < year) byOri.set(ori, a);
  }
  const agencies = [...byOri.values()].sort((a, b) => a.ori.localeCompare(b.ori));
  const vintage = String(Math.max(0, ...agencies.map((a) => a.year)));
  return { agencies, rows: records.length - 1, problems, vintage };
}
