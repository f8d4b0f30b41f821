/**
 * Inserts many rows as one JSON value that the database unpacks (`json_populate_recordset`), instead of a
 * statement with one placeholder per value: the database parses one value instead of a statement with thousands of
 * placeholders, and values that are JSON already (an agreement's intervals) travel as they are instead of as
 * strings; measured faster in a rebuild of the pack (docs/performance.md § Choices measured in the code).
 *
 * The columns are every key of the rows; a row without one of them gives it null (not the column default), and
 * undefined is null. Columns listed in `json` hold JSON text already (or null): written into the array as JSON,
 * not as a string.
 */
import { sql } from 'kysely';
import type { Db } from './db.ts';

/**
 * Text per statement. The embedded database's memory grows to hold the largest statement and the rows it unpacks
 * from it, and never shrinks (see insert-batched.ts): larger statements raised the peak memory of a rebuild for no
 * gain in time (docs/performance.md § Choices measured in the code).
 */
const CHUNK_CHARS = 500_000;

export interface InsertJsonOptions {
  /** Columns whose values are JSON text already. */
  json?: readonly string[];
  onConflictNothing?: boolean;
}

/** Every key of the rows, in order of first appearance. */
function columnsOf(rows: readonly Record<string, unknown>[]): string[] {
  const keys = new Set<string>();
  for (const r of rows) for (const k in r) keys.add(k);
  return [...keys];
}

/** The rows as JSON array texts of at most CHUNK_CHARS characters each (past the first row). */
function jsonChunks(
  rows: readonly Record<string, unknown>[],
  keys: readonly string[],
  json: readonly string[] = [],
): string[] {
  if (rows.length === 0) return [];
  const names = keys.map((k) => `${JSON.stringify(k)}:`);
  const raw = keys.map((k) => json.includes(k));
  const out: string[] = [];
  let parts: string[] = [];
  let chars = 0;
  for (const r of rows) {
    let s = '{';
    for (let i = 0; i < keys.length; i++) {
      const v = r[keys[i] as string];
      if (i > 0) s += ',';
      s += names[i] + (raw[i] ? ((v as string | null | undefined) ?? 'null') : JSON.stringify(v ?? null));
    }
    s += '}';
    if (parts.length > 0 && chars + s.length > CHUNK_CHARS) {
      out.push(`[${parts.join(',')}]`);
      parts = [];
      chars = 0;
    }
    parts.push(s);
    chars += s.length + 1;
  }
  if (parts.length > 0) out.push(`[${parts.join(',')}]`);
  return out;
}

/** Inserts the rows; with `returning`, returns those columns of every row inserted. */
export async function insertJson<R = unknown>(
  db: Db,
  table: string,
  rows: readonly Record<string, unknown>[],
  opts: InsertJsonOptions & { returning?: readonly string[] } = {},
): Promise<R[]> {
  if (rows.length === 0) return [];
  const keys = columnsOf(rows);
  const cols = sql.join(keys.map((k) => sql.ref(k)));
  const conflict = opts.onConflictNothing ? sql` on conflict do nothing` : sql``;
  const returning = opts.returning
    ? sql` returning ${sql.join(opts.returning.map((c) => sql.ref(c)))}`
    : sql``;
  const out: R[] = [];
  for (const chunk of jsonChunks(rows, keys, opts.json)) {
    const r =
      await sql<R>`insert into ${sql.table(table)} (${cols}) select ${cols} from json_populate_recordset(null::${sql.table(table)}, ${chunk}::json)${conflict}${returning}`.execute(
        db,
      );
    out.push(...r.rows);
  }
  return out;
}
