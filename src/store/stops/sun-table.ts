/**
 * The sun_times table (§6.2): sunset and civil dusk in local clock minutes, once per (geography, date), where a
 * geography is a centre point with its time zone. Computed in TypeScript (src/stats/sun-times.ts) and written
 * here; the veil-of-darkness query joins it.
 */
import type { StopsDb } from './duck.ts';

export interface SunRow {
  date: string;
  sunset: string | null;
  dusk: string | null;
  sunsetMinute: number | null;
  duskMinute: number | null;
}

export async function ensureSunTable(db: StopsDb): Promise<void> {
  await db.run(
    `CREATE TABLE IF NOT EXISTS sun_times (geography VARCHAR, "date" DATE, sunset VARCHAR, dusk VARCHAR,
       sunset_minute INTEGER, dusk_minute INTEGER, PRIMARY KEY (geography, "date"))`,
  );
}

/** Dates of a geography already in the table. */
export async function storedSunDates(db: StopsDb, geography: string): Promise<Set<string>> {
  await ensureSunTable(db);
  const rows = await db.all<{ d: string }>(
    `SELECT CAST("date" AS VARCHAR) AS d FROM sun_times WHERE geography = $1`,
    [geography],
  );
  return new Set(rows.map((r) => r.d));
}

export async function writeSunTimes(db: StopsDb, geography: string, rows: SunRow[]): Promise<void> {
  await ensureSunTable(db);
  for (let i = 0; i < rows.length; i += 400) {
    const chunk = rows.slice(i, i + 400);
    const params: (string | number | null)[] = [];
    const values = chunk.map((r, k) => {
      params.push(geography, r.date, r.sunset, r.dusk, r.sunsetMinute, r.duskMinute);
      const b = k * 6;
      return `($${b + 1}, CAST($${b + 2} AS DATE), $${b + 3}, $${b + 4}, CAST($${b + 5} AS INTEGER), CAST($${b + 6} AS INTEGER))`;
    });
    await db.run(`INSERT OR IGNORE INTO sun_times VALUES ${values.join(', ')}`, params);
  }
}
