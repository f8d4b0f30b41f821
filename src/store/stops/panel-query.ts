/**
 * Unit-month counts for the before/after designs (§8): per unit (an agency column such as department_name, or
 * county_name for a state patrol) and month, stops with race known and the stops of each race, plus the share of
 * unknown race (the race-coding check around signing).
 */
import { ident, literal, type StopsDb } from './duck.ts';
import { type StopScope, scopeWhere, tableOf } from './scope.ts';

export interface PanelRow {
  unit: string;
  month: string;
  known: number;
  minority: number;
  unknown: number;
  stops: number;
}

export async function unitMonthCounts(
  db: StopsDb,
  scope: StopScope,
  unitColumn: string,
  minority: string,
  units: string[],
): Promise<PanelRow[]> {
  if (units.length === 0) return [];
  const u = ident(unitColumn);
  return db.all<PanelRow & Record<string, string | number>>(
    `SELECT CAST(${u} AS VARCHAR) AS unit, strftime("date", '%Y-%m') AS month,
       count(*) FILTER (WHERE subject_race IS NOT NULL AND subject_race <> 'unknown') AS known,
       count(*) FILTER (WHERE subject_race = ${literal(minority)}) AS minority,
       count(*) FILTER (WHERE subject_race IS NULL OR subject_race = 'unknown') AS unknown,
       count(*) AS stops
     FROM ${tableOf(scope)} WHERE ${scopeWhere(scope)} AND CAST(${u} AS VARCHAR) IN (${units.map(literal).join(', ')})
     GROUP BY 1, 2 ORDER BY 1, 2`,
  );
}

/** Per unit: first and last month with stops, and how many months (metadata only: no outcome is read). */
export async function unitCoverage(db: StopsDb, scope: StopScope, unitColumn: string) {
  const u = ident(unitColumn);
  return db.all<{ unit: string; first: string; last: string; months: number; stops: number }>(
    `SELECT CAST(${u} AS VARCHAR) AS unit, min(strftime("date", '%Y-%m')) AS first, max(strftime("date", '%Y-%m')) AS last,
       count(DISTINCT strftime("date", '%Y-%m')) AS months, count(*) AS stops
     FROM ${tableOf(scope)} WHERE ${scopeWhere(scope)} AND ${u} IS NOT NULL GROUP BY 1 ORDER BY 1`,
  );
}
