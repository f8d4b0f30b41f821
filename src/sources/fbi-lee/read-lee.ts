/**
 * The FBI's Law Enforcement Employees (LEE) agency table, as CSV: one row per agency and year with its ORI,
 * name, state, county name(s), type and population served. Columns are found by name. The Crime Data
 * Explorer's full master file (every year since 1960) and its one-row-per-agency slice share these names; when
 * an ORI has several years the latest is kept.
 */
import { parse } from 'csv-parse/sync';
import { InputError } from '../../domain/errors.ts';
import { stateByUsps } from '../../reference/us-states.ts';

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
  /** How many rows each convention of the table (NOTES.md) re-read, e.g. `state NB → NE`: 192. */
  conventions: Record<string, number>;
}

/**
 * Convention 1 (NOTES.md): the FBI writes a few states with its own (NCIC) codes, not the USPS ones: `NB` is
 * Nebraska (USPS `NE`), `GM` is Guam (USPS `GU`). Its ORIs begin with the same code (`NB0010000`).
 */
export const FBI_STATE_CODES: Readonly<Record<string, string>> = { NB: 'NE', GM: 'GU' };

/**
 * The USPS state of an FBI row. Convention 1 above; convention 2: `FS` marks a federal agency, whose ORI begins
 * with the code of the state it sits in (`DC001015Y`), so that state is taken; a USPS code is kept as it is. Null
 * when neither the code nor the ORI names a state (the row is kept under its code, in no state's index).
 * Idempotent: a state already read (`NE`) reads the same, so tables stored before this rule read right too.
 */
export function leeState(code: string, ori: string): { state: string; rule: string | null } | null {
  const c = code.trim().toUpperCase();
  if (stateByUsps(c)) return { state: c, rule: null };
  const mapped = FBI_STATE_CODES[c];
  if (mapped) return { state: mapped, rule: `state ${c} → ${mapped}` };
  const prefix = ori.slice(0, 2).toUpperCase();
  if (c === 'FS' && stateByUsps(prefix)) return { state: prefix, rule: 'state FS (federal) → ORI prefix' };
  return null;
}

/**
 * Convention 3: a name that ends with `:` or `,` was cut before its unit. Multi-campus universities are written
 * `University of South Florida:` once per campus (the campus name is not in this table), federal offices
 * `Department of Veterans Affairs,`. The base name is the name without the mark; `truncated` says several rows
 * may share it, so the name alone does not tell them apart.
 */
export function leeBaseName(name: string): { base: string; truncated: boolean } {
  const t = name.trim();
  const truncated = /[:,]$/.test(t);
  return { base: truncated ? t.slice(0, -1).trim() : t, truncated };
}

/** Convention 4: campus police are rows of type `University or College`, named by the institution alone. */
export const CAMPUS_TYPE = 'University or College';

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
  const conventions: Record<string, number> = {};
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
    const st = leeState(get('state_abbr'), ori);
    if (st?.rule) conventions[st.rule] = (conventions[st.rule] ?? 0) + 1;
    if (!st)
      problems.push({
        row,
        field: 'state_abbr',
        message: `"${get('state_abbr')}" is not a state code and the ORI names no state; row kept under that code`,
      });
    const a: FbiAgency = {
      ori,
      year,
      name: get('pub_agency_name'),
      state: st?.state ?? get('state_abbr').toUpperCase(),
      counties,
      type: get('agency_type_name'),
      population,
    };
    const prev = byOri.get(ori);
    if (!prev || prev.year < year) byOri.set(ori, a);
  }
  const agencies = [...byOri.values()].sort((a, b) => a.ori.localeCompare(b.ori));
  const vintage = String(Math.max(0, ...agencies.map((a) => a.year)));
  return { agencies, rows: records.length - 1, problems, vintage, conventions };
}
