/**
 * Whole-dataset figures for gates and metadata: the period and row count of a table, and the month profile
 * (stops, race known, and how often each needed column is filled) that the month and column gates read.
 */
import { ident, type StopsDb } from './duck.ts';
import { type StopScope, scopeWhere, tableOf } from './scope.ts';

export async function tablePeriod(
  db: StopsDb,
  table: string,
): Promise<{ from: string | null; to: string | null; rows: number }> {
  const [r] = await db.all<{ from: string | null; to: string | null; rows: number }>(
    `SELECT CAST(min("date") AS VARCHAR) AS "from", CAST(max("date") AS VARCHAR) AS "to", count(*) AS rows FROM ${ident(table)}`,
  );
  return r ?? { from: null, to: null, rows: 0 };
}

export interface MonthProfile {
  month: string;
  stops: number;
  raceKnown: number;
  timeKnown: number;
  searchKnown: number;
  searches: number;
  contrabandKnownAmongSearched: number;
  basisKnownAmongSearched: number;
  subgeoKnown: number;
}

export interface ProfileColumns {
  time: boolean;
  search: boolean;
  contraband: boolean;
  basis: boolean;
  subgeo: string | null;
}

/** Per month in scope: stops and how often each column the gates check is filled (0 when a column is absent). */
export async function monthProfile(
  db: StopsDb,
  scope: StopScope,
  cols: ProfileColumns,
): Promise<MonthProfile[]> {
  const known = (has: boolean, expr: string) => (has ? expr : '0');
  const searched = cols.search ? 'search_conducted' : 'FALSE';
  return db.all<MonthProfile & Record<string, number | string>>(
    `SELECT strftime("date", '%Y-%m') AS month, count(*) AS stops,
       count(*) FILTER (WHERE subject_race IS NOT NULL AND subject_race <> 'unknown') AS "raceKnown",
       ${known(cols.time, 'count("time")')} AS "timeKnown",
       ${known(cols.search, 'count(search_conducted)')} AS "searchKnown",
       ${known(cols.search, 'count(*) FILTER (WHERE search_conducted)')} AS searches,
       ${known(cols.contraband, `count(contraband_found) FILTER (WHERE ${searched})`)} AS "contrabandKnownAmongSearched",
       ${known(cols.basis, `count(search_basis) FILTER (WHERE ${searched})`)} AS "basisKnownAmongSearched",
       ${cols.subgeo ? `count(${ident(cols.subgeo)})` : '0'} AS "subgeoKnown"
     FROM ${tableOf(scope)} WHERE ${scopeWhere(scope)} GROUP BY 1 ORDER BY 1`,
  );
}

/** Distinct stop dates in scope (for sun times). */
export async function distinctDates(db: StopsDb, scope: StopScope): Promise<string[]> {
  const rows = await db.all<{ d: string }>(
    `SELECT DISTINCT CAST("date" AS VARCHAR) AS d FROM ${tableOf(scope)} WHERE ${scopeWhere(scope)} AND "date" IS NOT NULL ORDER BY 1`,
  );
  return rows.map((r) => r.d);
}

/** Rows of a column by value (for lists such as the units of a before/after design). */
export async function columnValues(
  db: StopsDb,
  scope: StopScope,
  column: string,
): Promise<{ value: string; rows: number }[]> {
  return db.all<{ value: string; rows: number }>(
    `SELECT CAST(${ident(column)} AS VARCHAR) AS value, count(*) AS rows FROM ${tableOf(scope)}
     WHERE ${scopeWhere(scope)} AND ${ident(column)} IS NOT NULL GROUP BY 1 ORDER BY 1`,
  );
}
