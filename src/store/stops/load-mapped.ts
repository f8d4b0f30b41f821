/**
 * The ingest of another publisher's stop file through a reviewed column mapping (src/sources/opp-stops/
 * mapping.ts): every source column read as text by name, each OPP column computed from its source (strptime
 * formats for dates and times, code maps for enumerated and boolean columns), the source columns kept as `raw_*`.
 * A value the mapping does not cover, or that does not parse, sends the row to the quarantine with its reason.
 */

import { dateLiteral, ident, literal, quotedName, type StopsDb } from './duck.ts';
import { csvOptions, fillQuarantine, type LoadResult, loadSummary } from './load-csv.ts';

export interface MappedColumnSpec {
  target: string;
  source: string;
  type: string;
  format: string | null;
  values: Record<string, string> | null;
}

export interface MappedLoadSpec {
  csvPath: string;
  table: string;
  /** The source file's header, in order. */
  header: string[];
  columns: MappedColumnSpec[];
  dates: { from: string; to: string };
}

/** Expression for the mapped value, and the condition under which the source value is not usable. */
function mapped(c: MappedColumnSpec): { value: string; bad: string } {
  const src = quotedName(c.source);
  if (c.values) {
    const cases = Object.entries(c.values).map(
      ([k, v]) => `WHEN ${literal(k)} THEN ${v === 'NA' ? 'NULL' : literal(v)}`,
    );
    const text = `CASE ${src} ${cases.join(' ')} END`;
    const value = c.type === 'BOOLEAN' ? `CAST(${text} AS BOOLEAN)` : text;
    const keys = Object.keys(c.values).map(literal).join(', ');
    return { value, bad: `${src} IS NOT NULL AND ${src} NOT IN (${keys})` };
  }
  if (c.type === 'DATE' || c.type === 'TIME') {
    const value = `CAST(try_strptime(${src}, ${literal(c.format ?? '')}) AS ${c.type})`;
    return { value, bad: `${src} IS NOT NULL AND ${value} IS NULL` };
  }
  if (c.type === 'DOUBLE')
    return {
      value: `TRY_CAST(${src} AS DOUBLE)`,
      bad: `${src} IS NOT NULL AND TRY_CAST(${src} AS DOUBLE) IS NULL`,
    };
  return { value: src, bad: 'FALSE' };
}

const rawName = (s: string) =>
  `raw_${s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')}`;

export async function loadMappedCsv(db: StopsDb, spec: MappedLoadSpec): Promise<LoadResult> {
  const rejects = `rej_${spec.table}`.slice(0, 60);
  const read = csvOptions(
    { csvPath: spec.csvPath, columns: spec.header.map((name) => ({ name, type: 'VARCHAR' })) },
    rejects,
  );
  const targets = spec.columns.map((c) => ({ c, m: mapped(c) }));
  const whens = targets.map(
    ({ c, m }) => `WHEN ${m.bad} THEN ${literal(`mapping: ${c.target} value not covered`)}`,
  );
  const range = `WHEN ${targets.find((t) => t.c.target === 'date')?.m.value} NOT BETWEEN ${dateLiteral(spec.dates.from)} AND ${dateLiteral(spec.dates.to)} THEN 'date out of range'`;
  const raws = [...new Set(spec.header.map(rawName))].length === spec.header.length ? spec.header : [];
  const select = [
    ...targets.map(({ c, m }) => `${m.value} AS ${ident(c.target)}`),
    ...raws.map((h) => `${quotedName(h)} AS ${ident(rawName(h))}`),
    'NULL::VARCHAR AS flag_legacy',
    `CASE ${[...whens, range].join(' ')} END AS _quarantine`,
  ];
  await db.run(
    `CREATE OR REPLACE TABLE ${ident(spec.table)} AS SELECT ${select.join(', ')} FROM read_csv(${read})`,
  );
  await fillQuarantine(db, spec, rejects);
  return loadSummary(db, spec.table);
}
