/**
 * Sun times for a dataset's dates at its centre point (§6.2): computed once per (geography, date) with suncalc
 * in src/stats/sun-times.ts and kept in DuckDB's sun_times table; dates already there are not computed again.
 * The geography key names the centre point and the time zone, so a changed centre never reuses old times.
 */
import { UsageError } from '../domain/errors.ts';
import { checkTimeZone, sunTimes } from '../stats/sun-times.ts';
import { distinctDates } from '../store/stops/profile.ts';
import type { StopScope } from '../store/stops/scope.ts';
import { storedSunDates, writeSunTimes } from '../store/stops/sun-table.ts';
import type { DatasetContext } from './dataset-context.ts';

export interface SunSetup {
  geography: string;
  centre: { lat: number; lng: number };
  timeZone: string;
  /** Dates dropped because their sunset or dusk is invalid, with the reason. */
  invalid: { date: string; problem: string }[];
  dates: number;
}

export function sunGeography(centre: { lat: number; lng: number }, timeZone: string): string {
  return `${centre.lat},${centre.lng}|${timeZone}`;
}

export async function ensureSunTimes(ctx: DatasetContext, scope: StopScope): Promise<SunSetup> {
  const { centre, timeZone } = ctx.dataset;
  if (!centre)
    throw new UsageError(
      `stop dataset "${ctx.dataset.datasetId}" has no centre point: ingest it again with --centre LAT,LNG`,
    );
  if (!timeZone)
    throw new UsageError(
      `stop dataset "${ctx.dataset.datasetId}" has no time zone: ingest it again with --time-zone ZONE`,
    );
  checkTimeZone(timeZone);
  const geography = sunGeography(centre, timeZone);
  const dates = await distinctDates(ctx.deps.duck, scope);
  const stored = await storedSunDates(ctx.deps.duck, geography);
  const computed = sunTimes(
    dates.filter((d) => !stored.has(d)),
    centre.lat,
    centre.lng,
    timeZone,
  );
  await writeSunTimes(ctx.deps.duck, geography, computed);
  const invalid = computed.flatMap((s) => (s.problem ? [{ date: s.date, problem: s.problem }] : []));
  return { geography, centre, timeZone, invalid, dates: dates.length };
}
