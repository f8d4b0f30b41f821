/**
 * Runs a select and returns its rows as one JSON array built by the database (`json_agg`). The embedded database
 * hands rows to JavaScript one protocol message at a time, which costs several microseconds per row: for bulk
 * reads of a few thousand rows, one JSON value is several times faster (docs/performance.md § Choices measured in
 * the code).
 *
 * The rows come back as JSON renders them: text, numbers, booleans, nested JSON, and `date` as `YYYY-MM-DD`
 * (as the ledger's type parsers give them). Do not use it for `timestamptz` or `bigint` columns, which JSON
 * renders differently from the type parsers.
 */
import { type CompiledQuery, type Expression, sql } from 'kysely';
import type { Db } from './db.ts';

/** A select (query builder or raw `sql`) whose rows are T. */
type Rows<T> = Expression<unknown> & { compile: (...args: never[]) => CompiledQuery<T> };

export async function selectJson<T>(db: Db, query: Rows<T>): Promise<T[]> {
  const r = await sql<{ j: string | null }>`select json_agg(q)::text as j from (${query}) q`.execute(db);
  const j = r.rows[0]?.j;
  return j ? (JSON.parse(j) as T[]) : [];
}
