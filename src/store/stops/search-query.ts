/**
 * Searches and hits by race and subgeography (§1, §4, §5, §7), inside DuckDB. The search rate counts stops with
 * search_conducted known. The hit rates and the threshold test use the analysis copy of §1, each step counted:
 * (1) contraband_found set FALSE where null and no search; (2) rows with null race, search, contraband or
 * subgeography dropped; (3) rows with contraband but no search dropped; optionally (4) non-discretionary searches
 * (search_basis 'other') dropped.
 */
import { ident, type StopsDb } from './duck.ts';
import { type StopScope, scopeWhere, tableOf } from './scope.ts';

export interface SearchCell {
  race: string;
  subgeo: string | null;
  stops: number;
  searches: number;
  hits: number;
}

const subgeoExpr = (col: string | null) => (col ? `CAST(${ident(col)} AS VARCHAR)` : 'NULL::VARCHAR');

/** Stops with search_conducted known, and searches, by race (and subgeography). */
export async function searchCounts(
  db: StopsDb,
  scope: StopScope,
  opts: { subgeo: string | null; discretionaryOnly: boolean },
): Promise<SearchCell[]> {
  const searched = opts.discretionaryOnly
    ? "search_conducted AND coalesce(search_basis, '') <> 'other'"
    : 'search_conducted';
  return db.all<SearchCell & Record<string, string | number | null>>(
    `SELECT subject_race AS race, ${subgeoExpr(opts.subgeo)} AS subgeo, count(*) AS stops,
       count(*) FILTER (WHERE ${searched}) AS searches, 0 AS hits
     FROM ${tableOf(scope)} WHERE ${scopeWhere(scope)} AND subject_race IS NOT NULL AND search_conducted IS NOT NULL
       ${opts.subgeo ? `AND ${ident(opts.subgeo)} IS NOT NULL` : ''}
     GROUP BY 1, 2 ORDER BY 1, 2`,
  );
}

export interface PreparedCounts {
  drops: { step: string; n: number }[];
  cells: SearchCell[];
}

/** The §1 analysis copy: each step's count, then stops, searches and hits by race (and subgeography). */
export async function preparedSearchCells(
  db: StopsDb,
  scope: StopScope,
  opts: { subgeo: string | null; discretionaryOnly: boolean },
): Promise<PreparedCounts> {
  const sg = opts.subgeo ? ident(opts.subgeo) : null;
  await db.run(
    `CREATE OR REPLACE TEMP TABLE prep AS SELECT subject_race AS race, ${subgeoExpr(opts.subgeo)} AS subgeo,
       search_conducted AS searched, search_basis AS basis,
       CASE WHEN contraband_found IS NULL AND search_conducted = FALSE THEN FALSE ELSE contraband_found END AS hit,
       (contraband_found IS NULL AND search_conducted = FALSE) AS filled
     FROM ${tableOf(scope)} WHERE ${scopeWhere(scope)}`,
  );
  try {
    const [c] = await db.all<Record<string, number>>(
      `SELECT count(*) FILTER (WHERE filled) AS s1,
         count(*) FILTER (WHERE race IS NULL OR searched IS NULL OR hit IS NULL ${sg ? 'OR subgeo IS NULL' : ''}) AS s2,
         count(*) FILTER (WHERE NOT (race IS NULL OR searched IS NULL OR hit IS NULL ${sg ? 'OR subgeo IS NULL' : ''}) AND hit AND NOT searched) AS s3,
         count(*) FILTER (WHERE race IS NOT NULL AND searched AND hit IS NOT NULL ${sg ? 'AND subgeo IS NOT NULL' : ''} AND basis = 'other') AS s4
       FROM prep`,
    );
    const keep = `race IS NOT NULL AND searched IS NOT NULL AND hit IS NOT NULL ${sg ? 'AND subgeo IS NOT NULL' : ''}
      AND NOT (hit AND NOT searched) ${opts.discretionaryOnly ? "AND NOT (searched AND coalesce(basis, '') = 'other')" : ''}`;
    const cells = await db.all<SearchCell & Record<string, string | number | null>>(
      `SELECT race, subgeo, count(*) AS stops, count(*) FILTER (WHERE searched) AS searches,
         count(*) FILTER (WHERE searched AND hit) AS hits FROM prep WHERE ${keep} GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const drops = [
      { step: 'contraband_found set FALSE where null and no search (rows kept)', n: c?.s1 ?? 0 },
      { step: `null race, search, contraband${sg ? ' or subgeography' : ''}`, n: c?.s2 ?? 0 },
      { step: 'contraband found without a search', n: c?.s3 ?? 0 },
    ];
    if (opts.discretionaryOnly)
      drops.push({ step: 'non-discretionary searches (search_basis other)', n: c?.s4 ?? 0 });
    return { drops, cells };
  } finally {
    await db.run('DROP TABLE IF EXISTS prep');
  }
}
