/**
 * Sunset and civil dusk in local clock minutes for each date at a centre point (§6.2): suncalc 2.0.2's
 * getTimes(date + 'T12:00:00Z', lat, lng), converted to the IANA time zone with Intl (DST and Arizona handled,
 * independent of the process TZ), minutes = hour·60 + minute with seconds truncated. A date whose dusk does not
 * exist (high-latitude summer) or whose local date is not the date asked is marked invalid, with the reason.
 */
import { getTimes } from 'suncalc';

export interface SunTime {
  date: string;
  sunset: string | null;
  dusk: string | null;
  sunsetMinute: number | null;
  duskMinute: number | null;
  /** Why the date cannot be used (null when valid). */
  problem: string | null;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Local date (YYYY-MM-DD) and clock time (HH:MM:SS) of an instant in a zone. */
export function localClock(instant: Date, timeZone: string): { date: string; time: string; minute: number } {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const time = `${parts.hour}:${parts.minute}:${parts.second}`;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** Throws a clear error for a zone Intl does not know. */
export function checkTimeZone(timeZone: string): void {
  try {
    formatter(timeZone);
  } catch {
    throw new Error(`unknown IANA time zone "${timeZone}"`);
  }
}

export function sunTime(date: string, lat: number, lng: number, timeZone: string): SunTime {
  const t = getTimes(new Date(`${date}T12:00:00Z`), lat, lng);
  const empty = { date, sunset: null, dusk: null, sunsetMinute: null, duskMinute: null };
  const valid = (d: Date | null): d is Date => d instanceof Date && !Number.isNaN(d.getTime());
  if (!valid(t.sunset) || !valid(t.dusk))
    return { ...empty, problem: 'no sunset or civil dusk on this date' };
  const sunset = localClock(t.sunset, timeZone);
  const dusk = localClock(t.dusk, timeZone);
  if (sunset.date !== date || dusk.date !== date)
    return { ...empty, problem: `local date of sunset/dusk (${sunset.date}/${dusk.date}) is not ${date}` };
  return {
    date,
    sunset: sunset.time,
    dusk: dusk.time,
    sunsetMinute: sunset.minute,
    duskMinute: dusk.minute,
    problem: null,
  };
}

export function sunTimes(dates: string[], lat: number, lng: number, timeZone: string): SunTime[] {
  checkTimeZone(timeZone);
  return dates.map((d) => sunTime(d, lat, lng, timeZone));
}
