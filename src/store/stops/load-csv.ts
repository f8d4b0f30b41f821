/**
 * The typed ingest of an OPP-schema CSV into one DuckDB table (§1): read_csv with every column typed by name (no
 * sniffing), `NA` as null, and store_rejects, so rows that fail the schema land in DuckDB's reject tables. Those
 * rows, and rows with a value outside a column's vocabulary or a date outside the allowed range, go to the
 * dataset's quarantine table with their reason; nothing is coerced. Legacy values (`other/unknown`) are rewritten
 * and flagged per row in `flag_legacy`.
 */
import { dateLiteral, ident, literal, type StopsDb } from './duck.ts';

export interface TypedLoadSpec {
  csvPath: string;
  table: string;
  /** Every header column with its DuckDB type, in file order. */
  columns: { name: string; type: string }[];
  vocabularies: Record<string, readonly string[]>;
  legacy: Record<string, Record<string, string>>;
  dates: { from: string; to: string };
}

export interface LoadResult {
  rowsRead: number;
  rowsLoaded: number;
  quarantine: { reason: string; rows: number }[];
  /** The first quarantined rows: CSV line (when the reader knows it), reason and the text of the row. */
  examples: { line: number | null; reason: string; text: string }[];
  flags: { flag: string; rows: number }[];
}

export const csvOptions = (
  spec: { csvPath: string; columns: { name: string; type: string }[] },
  rejects: string,
) => {
  const cols = spec.columns.map((c) => `${literal(c.name)}: ${literal(c.type)}`).join(', ');
  return [
    literal(spec.csvPath),
    'header = true',
    'auto_detect = false',
    "delim = ','",
    `quote = '"'`,
    `escape = '"'`,
    "nullstr = 'NA'",
    `columns = {${cols}}`,
    'store_rejects = true',
    `rejects_table = ${literal(`${rejects}_errors`)}`,
    `rejects_scan = ${literal(`${rejects}_scans`)}`,
  ].join(', ');
};

/** CASE expression naming why a loaded row must be quarantined (null when it is fine). */
function reasonExpression(spec: TypedLoadSpec): string {
  const names = new Set(spec.columns.map((c) => c.name));
  const whens: string[] = [];
  if (names.has('date'))
    whens.push(
      `WHEN "date" < ${dateLiteral(spec.dates.from)} OR "date" > ${dateLiteral(spec.dates.to)} THEN 'date out of range'`,
    );
  for (const [col, allowed] of Object.entries(spec.vocabularies)) {
    if (!names.has(col)) continue;
    const ok = [...allowed, ...Object.keys(spec.legacy[col] ?? {})].map(literal).join(', ');
    whens.push(
      `WHEN ${ident(col)} IS NOT NULL AND ${ident(col)} NOT IN (${ok}) THEN ${literal(`vocabulary: ${col}`)}`,
    );
  }
  return whens.length ? `CASE ${whens.join(' ')} END` : 'NULL::VARCHAR';
}

/** Legacy rewrites (REPLACE list) and the per-row flag expression. */
function legacyExpressions(spec: TypedLoadSpec): { replace: string[]; flag: string } {
  const names = new Set(spec.columns.map((c) => c.name));
  const replace: string[] = [];
  const flags: string[] = [];
  for (const [col, map] of Object.entries(spec.legacy)) {
    if (!names.has(col) || Object.keys(map).length === 0) continue;
    const cases = Object.entries(map).map(([from, to]) => `WHEN ${literal(from)} THEN ${literal(to)}`);
    replace.push(`CASE ${ident(col)} ${cases.join(' ')} ELSE ${ident(col)} END AS ${ident(col)}`);
    const keys = Object.keys(map).map(literal).join(', ');
    flags.push(`CASE WHEN ${ident(col)} IN (${keys}) THEN ${literal(`${col} legacy value`)} END`);
  }
  return { replace, flag: flags.length ? `concat_ws('; ', ${flags.join(', ')})` : "''" };
}

async function createTable(db: StopsDb, spec: TypedLoadSpec, rejects: string): Promise<void> {
  const t = ident(spec.table);
  const { replace, flag } = legacyExpressions(spec);
  const rep = replace.length ? ` REPLACE (${replace.join(', ')})` : '';
  await db.run(
    `CREATE OR REPLACE TABLE ${t} AS SELECT *${rep}, nullif(${flag}, '') AS flag_legacy, ${reasonExpression(spec)} AS _quarantine FROM read_csv(${csvOptions(spec, rejects)})`,
  );
}

export async function fillQuarantine(db: StopsDb, spec: { table: string }, rejects: string): Promise<void> {
  const t = ident(spec.table);
  const q = ident(`${spec.table}_quarantine`);
  await db.run(`CREATE OR REPLACE TABLE ${q} (line BIGINT, reason VARCHAR, errors VARCHAR, text VARCHAR)`);
  await db.run(
    `INSERT INTO ${q} SELECT line,
       CASE WHEN bool_or(error_type IN ('MISSING COLUMNS', 'TOO MANY COLUMNS')) THEN 'wrong number of columns'
            ELSE arg_min(error_type || ' in ' || column_name, column_idx) END,
       string_agg(error_type || ' in ' || column_name || ': ' || error_message, ' | ' ORDER BY column_idx),
       any_value(csv_line)
     FROM ${ident(`${rejects}_errors`)} GROUP BY line ORDER BY line`,
  );
  await db.run(
    `INSERT INTO ${q} SELECT NULL, _quarantine, _quarantine, CAST(to_json(s) AS VARCHAR) FROM ${t} s WHERE _quarantine IS NOT NULL`,
  );
  await db.run(`DELETE FROM ${t} WHERE _quarantine IS NOT NULL`);
  await db.run(`ALTER TABLE ${t} DROP COLUMN _quarantine`);
  await db.run(`DROP TABLE IF EXISTS ${ident(`${rejects}_errors`)}`);
  await db.run(`DROP TABLE IF EXISTS ${ident(`${rejects}_scans`)}`);
}

export async function loadTypedCsv(db: StopsDb, spec: TypedLoadSpec): Promise<LoadResult> {
  const rejects = `rej_${spec.table}`.slice(0, 60);
  await createTable(db, spec, rejects);
  await fillQuarantine(db, spec, rejects);
  return loadSummary(db, spec.table);
}

/** Row counts, quarantine reasons, examples and flags of a loaded dataset table. */
export async function loadSummary(db: StopsDb, table: string): Promise<LoadResult> {
  const t = ident(table);
  const q = ident(`${table}_quarantine`);
  const [loaded] = await db.all<{ n: number }>(`SELECT count(*) AS n FROM ${t}`);
  const quarantine = await db.all<{ reason: string; rows: number }>(
    `SELECT reason, count(*) AS rows FROM ${q} GROUP BY reason ORDER BY rows DESC, reason`,
  );
  const examples = await db.all<{ line: number | null; reason: string; text: string }>(
    `SELECT line, errors AS reason, text FROM ${q} ORDER BY line NULLS LAST LIMIT 20`,
  );
  const flags = await db.all<{ flag: string; rows: number }>(
    `SELECT flag_legacy AS flag, count(*) AS rows FROM ${t} WHERE flag_legacy IS NOT NULL GROUP BY 1 ORDER BY 1`,
  );
  const rowsLoaded = loaded?.n ?? 0;
  const rowsQuarantined = quarantine.reduce((s, r) => s + r.rows, 0);
  return { rowsRead: rowsLoaded + rowsQuarantined, rowsLoaded, quarantine, examples, flags };
}
