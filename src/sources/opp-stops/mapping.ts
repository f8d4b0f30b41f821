/**
 * Reviewed column-mapping files: how another publisher's stop file becomes the OPP schema. One CSV per publisher
 * file layout, header `target,source,format,values,evidence,reviewed`:
 * - a row per OPP column: `source` names the publisher's column (read as text, by name); `format` is a strptime
 *   format for `date`/`time` (e.g. `%m/%d/%Y`); `values` maps publisher codes to OPP values
 *   (`W=white;B=black;H=hispanic`, required for enumerated and boolean columns: booleans map to TRUE/FALSE);
 * - rows whose target starts with `@` carry the dataset's metadata in `source`: `@source`, `@licence`,
 *   `@location`, `@state`, `@county_fips`, `@time_zone`, `@centre_lat`, `@centre_lng`.
 * Every row needs its evidence (where the publisher documents the column or code) and a review date. A value
 * outside `values` is not guessed: the row is quarantined with the reason.
 */
import { parse } from 'csv-parse/sync';
import { BOOLEAN_COLUMNS, type ColumnType, columnType, VOCABULARIES } from './schema.ts';

export interface MappedColumn {
  target: string;
  source: string;
  type: ColumnType;
  format: string | null;
  values: Record<string, string> | null;
}

export interface ColumnMapping {
  file: string;
  columns: MappedColumn[];
  meta: Record<string, string>;
}

const HEADER = ['target', 'source', 'format', 'values', 'evidence', 'reviewed'];
const META = [
  '@source',
  '@licence',
  '@location',
  '@state',
  '@county_fips',
  '@time_zone',
  '@centre_lat',
  '@centre_lng',
];

function parseValues(text: string, file: string, line: number): Record<string, string> | null {
  if (text.trim() === '') return null;
  const out: Record<string, string> = {};
  for (const pair of text.split(';')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`${file}, line ${line}, field values: "${pair}" is not CODE=VALUE`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

function checkColumn(c: MappedColumn, file: string, line: number): void {
  const where = `${file}, line ${line}`;
  const vocab = VOCABULARIES[c.target];
  const isBool = (BOOLEAN_COLUMNS as readonly string[]).includes(c.target);
  if ((vocab || isBool) && !c.values)
    throw new Error(`${where}, field values: ${c.target} needs a value map`);
  const allowed = isBool ? ['TRUE', 'FALSE'] : vocab;
  for (const v of Object.values(c.values ?? {}))
    if (allowed && !allowed.includes(v) && v !== 'NA')
      throw new Error(`${where}, field values: "${v}" is not a value of ${c.target} (${allowed.join(', ')})`);
  if ((c.type === 'DATE' || c.type === 'TIME') && !c.format)
    throw new Error(`${where}, field format: ${c.target} needs a strptime format`);
}

/** Parses and checks a mapping file's text. */
export function parseMapping(text: string, file: string): ColumnMapping {
  const [header, ...rows] = parse(text, { skip_empty_lines: true, relax_column_count: true }) as string[][];
  if (!header || header.join(',') !== HEADER.join(','))
    throw new Error(`${file}, line 1: header must be ${HEADER.join(',')}`);
  const columns: MappedColumn[] = [];
  const meta: Record<string, string> = {};
  rows.forEach((cells, i) => {
    const line = i + 2;
    if (cells.length !== HEADER.length)
      throw new Error(`${file}, line ${line}: expected ${HEADER.length} fields`);
    const [target, source, format, values, evidence, reviewed] = cells as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (!evidence.trim())
      throw new Error(`${file}, line ${line}, field evidence: every mapping needs its evidence`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(reviewed))
      throw new Error(`${file}, line ${line}, field reviewed: a date`);
    if (target.startsWith('@')) {
      if (!META.includes(target))
        throw new Error(`${file}, line ${line}, field target: unknown metadata ${target}`);
      meta[target.slice(1)] = source;
      return;
    }
    const c = {
      target,
      source,
      type: columnType(target),
      format: format || null,
      values: parseValues(values, file, line),
    };
    checkColumn(c, file, line);
    columns.push(c);
  });
  for (const t of ['date', 'subject_race'])
    if (!columns.some((c) => c.target === t))
      throw new Error(`${file}: no mapping for the required column ${t}`);
  return { file, columns, meta };
}
