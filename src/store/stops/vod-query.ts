/**
 * The veil-of-darkness rows (§6.1–§6.4) inside DuckDB, returned as small cells: stops of the minority race and
 * White with a time, joined to sun_times; the inter-twilight window [min dusk, max dusk] over the dates present;
 * stops with sunset ≤ minute ≤ dusk removed (both ends inclusive); is_dark = minute ≥ dusk, set per stop before
 * any rounding. Cells are (is_dark, minute or rounded minute, adjustment value, DST period) with the minority
 * count `s` and the total `n`, so the fit in TypeScript sees thousands of rows, not millions.
 */
import { ident, literal, type StopsDb } from './duck.ts';
import { type StopScope, scopeWhere, tableOf } from './scope.ts';

export interface VodQuery {
  scope: StopScope;
  /** Key of the centre point in sun_times. */
  geography: string;
  minority: 'black' | 'hispanic';
  /** A column whose values become fixed effects; rows missing it are dropped and counted. */
  adjust: string | null;
  /** Round each minute to the nearest multiple of N (ties to even, as R's round), or null. */
  roundMinutes: number | null;
  /** Keep dates within ±30 days of a daylight-saving change, labelled `spring YYYY` / `fall YYYY`. */
  dst: boolean;
  /** Years left out (min_stops_vod, full_years). */
  excludedYears: number[];
  /** Carry raw_row_number through (row-level output only). */
  rowNumbers?: boolean;
}

export interface VodSummary {
  pairStopsWithTime: number;
  withoutSunTime: number;
  outsideDst: number;
  window: [number, number] | null;
  inWindow: number;
  afterTwilightRemoval: number;
  missingAdjust: number;
  counts: { isDark: number; race: string; stops: number }[];
  years: { year: number; race: string; stops: number }[];
}

export interface VodCell {
  isDark: number;
  minute: number;
  adjust: string | null;
  period: string | null;
  s: number;
  n: number;
}

/** DST change dates of a year (US rules: 2007 on, and before). */
const SPRING = `CASE WHEN year("date") >= 2007
  THEN make_date(year("date"), 3, 1) + CAST((7 - dayofweek(make_date(year("date"), 3, 1))) % 7 + 7 AS INTEGER)
  ELSE make_date(year("date"), 4, 1) + CAST((7 - dayofweek(make_date(year("date"), 4, 1))) % 7 AS INTEGER) END`;
const FALL = `CASE WHEN year("date") >= 2007
  THEN make_date(year("date"), 11, 1) + CAST((7 - dayofweek(make_date(year("date"), 11, 1))) % 7 AS INTEGER)
  ELSE make_date(year("date"), 10, 31) - CAST(dayofweek(make_date(year("date"), 10, 31)) AS INTEGER) END`;

function baseRows(q: VodQuery): string {
  const years = q.excludedYears.map((y) => String(Math.trunc(y)));
  const adj = q.adjust ? `CAST(${ident(q.adjust)} AS VARCHAR)` : 'NULL::VARCHAR';
  const period = q.dst
    ? `CASE WHEN abs(date_diff('day', ${SPRING}, "date")) <= 30 THEN 'spring ' || year("date")
            WHEN abs(date_diff('day', ${FALL}, "date")) <= 30 THEN 'fall ' || year("date") END`
    : 'NULL::VARCHAR';
  return `SELECT "date", ${q.rowNumbers ? 'CAST(raw_row_number AS VARCHAR)' : 'NULL::VARCHAR'} AS raw_row_number, hour("time") * 60 + minute("time") AS minute,
      CAST(subject_race = ${literal(q.minority)} AS INTEGER) AS y, subject_race AS race, ${adj} AS adj, ${period} AS period
    FROM ${tableOf(q.scope)}
    WHERE ${scopeWhere(q.scope)} AND "time" IS NOT NULL AND subject_race IN ('white', ${literal(q.minority)})
      ${years.length ? `AND year("date") NOT IN (${years.join(', ')})` : ''}`;
}

async function materialize(db: StopsDb, q: VodQuery): Promise<void> {
  await db.run(
    `CREATE OR REPLACE TEMP TABLE vod_j AS SELECT b.*, u.sunset_minute, u.dusk_minute
     FROM (${baseRows(q)}) b LEFT JOIN sun_times u ON u.geography = ${literal(q.geography)} AND u."date" = b."date"`,
  );
  const keep = `dusk_minute IS NOT NULL${q.dst ? ' AND period IS NOT NULL' : ''}`;
  const rounded = q.roundMinutes
    ? `CAST(${Math.trunc(q.roundMinutes)} * round_even(minute / ${Math.trunc(q.roundMinutes)}.0, 0) AS INTEGER)`
    : 'minute';
  await db.run(
    `CREATE OR REPLACE TEMP TABLE vod_f AS
     WITH w AS (SELECT min(dusk_minute) AS lo, max(dusk_minute) AS hi FROM vod_j WHERE ${keep})
     SELECT j.*, CAST(j.minute >= j.dusk_minute AS INTEGER) AS is_dark, ${rounded} AS rminute
     FROM vod_j j, w WHERE ${keep} AND j.minute BETWEEN w.lo AND w.hi
       AND NOT (j.minute BETWEEN j.sunset_minute AND j.dusk_minute)`,
  );
}

async function summary(db: StopsDb, q: VodQuery): Promise<VodSummary> {
  const [a] = await db.all<{
    total: number;
    nosun: number;
    nodst: number;
    lo: number | null;
    hi: number | null;
  }>(
    `SELECT count(*) AS total, count(*) FILTER (WHERE dusk_minute IS NULL) AS nosun,
       count(*) FILTER (WHERE dusk_minute IS NOT NULL AND ${q.dst ? 'period IS NULL' : 'FALSE'}) AS nodst,
       min(dusk_minute) FILTER (WHERE dusk_minute IS NOT NULL${q.dst ? ' AND period IS NOT NULL' : ''}) AS lo,
       max(dusk_minute) FILTER (WHERE dusk_minute IS NOT NULL${q.dst ? ' AND period IS NOT NULL' : ''}) AS hi
     FROM vod_j`,
  );
  const window: [number, number] | null = a?.lo != null && a.hi != null ? [a.lo, a.hi] : null;
  const [w] = window
    ? await db.all<{ n: number }>(
        `SELECT count(*) AS n FROM vod_j WHERE dusk_minute IS NOT NULL${q.dst ? ' AND period IS NOT NULL' : ''} AND minute BETWEEN ${window[0]} AND ${window[1]}`,
      )
    : [{ n: 0 }];
  const [f] = await db.all<{ n: number; miss: number }>(
    `SELECT count(*) AS n, count(*) FILTER (WHERE ${q.adjust ? 'adj IS NULL' : 'FALSE'}) AS miss FROM vod_f`,
  );
  const counts = await db.all<{ isDark: number; race: string; stops: number }>(
    `SELECT is_dark AS "isDark", race, count(*) AS stops FROM vod_f WHERE ${q.adjust ? 'adj IS NOT NULL' : 'TRUE'} GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  const years = await db.all<{ year: number; race: string; stops: number }>(
    `SELECT year("date") AS year, race, count(*) AS stops FROM vod_j GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  return {
    pairStopsWithTime: a?.total ?? 0,
    withoutSunTime: a?.nosun ?? 0,
    outsideDst: a?.nodst ?? 0,
    window,
    inWindow: w?.n ?? 0,
    afterTwilightRemoval: f?.n ?? 0,
    missingAdjust: f?.miss ?? 0,
    counts,
    years,
  };
}

/** Runs the VoD filter and returns its counts and the aggregated cells. */
export async function vodCells(db: StopsDb, q: VodQuery): Promise<{ summary: VodSummary; cells: VodCell[] }> {
  await materialize(db, q);
  try {
    const s = await summary(db, q);
    const cells = await db.all<VodCell & Record<string, number | string | null>>(
      `SELECT is_dark AS "isDark", rminute AS minute, adj AS adjust, period, CAST(sum(y) AS INTEGER) AS s, count(*) AS n
       FROM vod_f WHERE ${q.adjust ? 'adj IS NOT NULL' : 'TRUE'} GROUP BY ALL ORDER BY 1, 2, 3, 4`,
    );
    return { summary: s, cells };
  } finally {
    await db.run('DROP TABLE IF EXISTS vod_f');
    await db.run('DROP TABLE IF EXISTS vod_j');
  }
}

/** Location-years in scope with their distinct dates, months, first and last date (the full_years gate). */
export async function yearCoverage(db: StopsDb, scope: StopScope) {
  return db.all<{ year: number; dates: number; months: number; first: string; last: string }>(
    `SELECT year("date") AS year, count(DISTINCT "date") AS dates, count(DISTINCT month("date")) AS months,
       CAST(min("date") AS VARCHAR) AS first, CAST(max("date") AS VARCHAR) AS last
     FROM ${tableOf(scope)} WHERE ${scopeWhere(scope)} GROUP BY 1 ORDER BY 1`,
  );
}

export interface VodRowDetail {
  raw_row_number: string | null;
  date: string;
  minute: number;
  sunset_minute: number;
  dusk_minute: number;
  race: string;
  is_dark: number;
}

/** The filtered rows themselves (§6.4), for checks against a reference and for downloads. */
export async function vodRowDetails(db: StopsDb, q: VodQuery): Promise<VodRowDetail[]> {
  await materialize(db, { ...q, rowNumbers: true });
  try {
    return await db.all<VodRowDetail & Record<string, string | number | null>>(
      `SELECT raw_row_number, CAST("date" AS VARCHAR) AS "date", minute, sunset_minute, dusk_minute, race, is_dark
       FROM vod_f ORDER BY "date", minute, raw_row_number`,
    );
  } finally {
    await db.run('DROP TABLE IF EXISTS vod_f');
    await db.run('DROP TABLE IF EXISTS vod_j');
  }
}

/** Writes the filtered rows (is_minority, minute, is_dark, adjustment) to a CSV file, for a comparison with R. */
export async function copyVodRows(db: StopsDb, q: VodQuery, file: string): Promise<number> {
  await materialize(db, q);
  try {
    await db.run(
      `COPY (SELECT y AS is_minority, minute, is_dark, adj AS adjust FROM vod_f ${q.adjust ? 'WHERE adj IS NOT NULL' : ''})
       TO ${literal(file)} (HEADER, DELIMITER ',')`,
    );
    const [r] = await db.all<{ n: number }>(
      `SELECT count(*) AS n FROM vod_f ${q.adjust ? 'WHERE adj IS NOT NULL' : ''}`,
    );
    return r?.n ?? 0;
  } finally {
    await db.run('DROP TABLE IF EXISTS vod_f');
    await db.run('DROP TABLE IF EXISTS vod_j');
  }
}
