/**
 * The data-quality gates of §2, each a small pure function from counts to a Gate (id, passed, blocking, reason,
 * metric, threshold, excluded). Months, subgeographies and years a gate leaves out are listed, never dropped
 * silently; a gate blocks only where the specification says so, or when nothing would be left.
 */
import type { SearchReliability } from '../reference/stops.ts';
import type { MonthProfile } from '../store/stops/profile.ts';
import type { SearchCell } from '../store/stops/search-query.ts';
import { type Gate, gate } from './method-result.ts';

export function vehicularGate(hasType: boolean): Gate {
  return hasType
    ? gate({ id: 'vehicular', passed: true, reason: "vehicular stops only (type = 'vehicular')" })
    : gate({
        id: 'vehicular',
        passed: false,
        reason: 'the dataset has no type column: every stop is taken as vehicular (flag)',
      });
}

export function windowGate(from: string, to: string, explicit: boolean): Gate {
  return gate({
    id: 'window',
    passed: true,
    reason: `date window ${from} to ${to} (${explicit ? 'given with --from/--to' : "the dataset's whole period"})`,
  });
}

/** A month gate: months failing `ok` are excluded; blocking when no month is left. */
function monthGate(
  id: string,
  profile: MonthProfile[],
  metric: (m: MonthProfile) => number,
  threshold: number,
  what: string,
): Gate {
  const excluded = profile.filter((m) => !(metric(m) >= threshold)).map((m) => m.month);
  const kept = profile.length - excluded.length;
  return gate({
    id,
    passed: excluded.length === 0,
    blocking: kept === 0,
    reason:
      kept === 0
        ? `no month has ${what}`
        : excluded.length === 0
          ? `every month has ${what}`
          : `${excluded.length} of ${profile.length} months excluded: fewer than ${what}`,
    metric: profile.length ? Math.min(...profile.map(metric)) : null,
    threshold,
    excluded,
  });
}

/**
 * month_volume judges whole months: a low count is a sign that recording broke down. The months where the
 * window starts or ends part-way (the data begins on 2013-10-13, say) are low by construction; they are kept
 * and listed in the reason instead of judged (the stop-rate benchmark drops them itself, with a flag).
 */
export function monthVolumeGate(p: MonthProfile[], window: { from: string; to: string }): Gate {
  const partial = partialMonths(window);
  const whole = p.filter((m) => !partial.includes(m.month));
  const g = monthGate('month_volume', whole, (m) => m.stops, 50, '50 stops or more');
  const edge = p
    .filter((m) => partial.includes(m.month) && m.stops < 50)
    .map((m) => `${m.month} (${m.stops} stops)`);
  return edge.length
    ? { ...g, reason: `${g.reason}; partial edge months kept without judging: ${edge.join(', ')}` }
    : g;
}

/** The first and last month of a window when the window starts after the 1st or ends before the month's end. */
export function partialMonths(window: { from: string; to: string }): string[] {
  const out: string[] = [];
  if (!window.from.endsWith('-01')) out.push(window.from.slice(0, 7));
  const [y, m, d] = window.to.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d !== last) out.push(window.to.slice(0, 7));
  return [...new Set(out)];
}

export const monthRaceCoverageGate = (p: MonthProfile[]) =>
  monthGate(
    'month_race_coverage',
    p,
    (m) => m.raceKnown / m.stops,
    0.5,
    'race known in at least 50% of stops',
  );

export type CoverageColumn = 'time' | 'search_conducted' | 'contraband_found' | 'subgeography';

export function columnCoverageGate(p: MonthProfile[], column: CoverageColumn, present: boolean): Gate {
  if (!present)
    return gate({
      id: `column_coverage:${column}`,
      passed: false,
      blocking: true,
      reason: `the dataset has no ${column} column`,
      excluded: p.map((m) => m.month),
    });
  const share: Record<CoverageColumn, (m: MonthProfile) => number> = {
    time: (m) => m.timeKnown / m.stops,
    search_conducted: (m) => m.searchKnown / m.stops,
    contraband_found: (m) => (m.searches > 0 ? m.contrabandKnownAmongSearched / m.searches : 0),
    subgeography: (m) => m.subgeoKnown / m.stops,
  };
  const what =
    column === 'contraband_found'
      ? 'contraband_found filled in 50% of searches'
      : `${column} filled in 50% of stops`;
  return monthGate(`column_coverage:${column}`, p, share[column], 0.5, what);
}

/** Listed agencies are blocked; otherwise a (non-blocking) review flag on implausible rates. */
export function searchReliabilityGate(
  location: string,
  method: string,
  list: SearchReliability[],
  rates: { searchRate: number | null; hitRate: number | null },
  limits = { hitRate: 0.05, searchRate: 0.2 },
): Gate {
  const listed = list.find((l) => l.location === location && l.scope.includes(method));
  if (listed)
    return gate({
      id: 'search_reliability',
      passed: false,
      blocking: true,
      reason: `reviewed list of unreliable search recording: ${listed.evidence} (${listed.source})`,
    });
  const flags: string[] = [];
  if (rates.hitRate !== null && rates.hitRate < limits.hitRate)
    flags.push(`hit rate ${rates.hitRate.toFixed(3)} < ${limits.hitRate}`);
  if (rates.searchRate !== null && rates.searchRate > limits.searchRate)
    flags.push(`search rate ${rates.searchRate.toFixed(3)} > ${limits.searchRate}`);
  return gate({
    id: 'search_reliability',
    passed: flags.length === 0,
    reason: flags.length
      ? `review flag (hit rates are usually 0.1–0.35): ${flags.join('; ')}`
      : 'not on the reviewed list; rates plausible',
    metric: rates.hitRate,
    threshold: limits.hitRate,
  });
}

export function discretionaryGate(profile: MonthProfile[]): { gate: Gate; discretionaryOnly: boolean } {
  const searches = profile.reduce((s, m) => s + m.searches, 0);
  const known = profile.reduce((s, m) => s + m.basisKnownAmongSearched, 0);
  const share = searches > 0 ? known / searches : 0;
  const on = share >= 0.5;
  return {
    discretionaryOnly: on,
    gate: gate({
      id: 'discretionary',
      passed: true,
      reason: on
        ? `search_basis known for ${(share * 100).toFixed(0)}% of searches: non-discretionary searches (basis other) dropped`
        : `search_basis known for ${(share * 100).toFixed(0)}% of searches (< 50%): all searches kept`,
      metric: share,
      threshold: 0.5,
    }),
  };
}

/** ≥ 50 searches per race (of those compared) in a subgeography; ≥ 3 subgeographies left, else blocking. */
export function minSearchesGate(cells: SearchCell[], races: string[], minimum = 50, minSubgeos = 3): Gate {
  const subgeos = [...new Set(cells.map((c) => c.subgeo ?? '(all)'))].sort();
  const searches = (s: string, r: string) =>
    cells.filter((c) => (c.subgeo ?? '(all)') === s && c.race === r).reduce((a, c) => a + c.searches, 0);
  const excluded = subgeos.filter((s) => races.some((r) => searches(s, r) < minimum));
  const kept = subgeos.length - excluded.length;
  return gate({
    id: 'min_searches',
    passed: kept >= minSubgeos,
    blocking: kept < minSubgeos,
    reason: `${kept} of ${subgeos.length} subgeographies have ${minimum}+ searches of each race compared (${minSubgeos} needed)`,
    metric: kept,
    threshold: minSubgeos,
    excluded,
  });
}

/** A subgeography with many searches and almost no hits for every race (an airport "district"), excluded. */
export function anomalousSubgeoGate(cells: SearchCell[], minSearches = 100, maxHitRate = 0.005): Gate {
  const subgeos = [...new Set(cells.map((c) => c.subgeo ?? '(all)'))].sort();
  const excluded = subgeos.filter((s) => {
    const mine = cells.filter((c) => (c.subgeo ?? '(all)') === s && c.searches > 0);
    const total = mine.reduce((a, c) => a + c.searches, 0);
    return total >= minSearches && mine.every((c) => c.hits / c.searches <= maxHitRate);
  });
  return gate({
    id: 'anomalous_subgeo',
    passed: excluded.length === 0,
    reason: excluded.length
      ? `excluded: ${minSearches}+ searches with hit rate ≤ ${maxHitRate} for every race (${excluded.join(', ')})`
      : 'no subgeography with many searches and almost no hits',
    threshold: maxHitRate,
    excluded,
  });
}

/** ≥ 100 stops per race per year among the VoD rows; failing years excluded. */
export function minStopsVodGate(
  years: { year: number; race: string; stops: number }[],
  races: string[],
  minimum = 100,
): Gate {
  const all = [...new Set(years.map((y) => y.year))].sort();
  const count = (y: number, r: string) => years.find((x) => x.year === y && x.race === r)?.stops ?? 0;
  const excluded = all.filter((y) => races.some((r) => count(y, r) < minimum)).map(String);
  return gate({
    id: 'min_stops_vod',
    passed: excluded.length === 0,
    blocking: excluded.length === all.length,
    reason: excluded.length
      ? `${excluded.length} of ${all.length} years excluded: fewer than ${minimum} stops of a race compared`
      : `every year has ${minimum}+ stops of each race compared`,
    threshold: minimum,
    excluded,
  });
}

/** full_years: ≥ 100 distinct dates, all 12 months, first date ≤ Jan 15, last ≥ Dec 15 (robustness variant). */
export function fullYearsGate(
  years: { year: number; dates: number; months: number; first: string; last: string }[],
): Gate {
  const full = (y: (typeof years)[number]) =>
    y.dates >= 100 && y.months === 12 && y.first.slice(5) <= '01-15' && y.last.slice(5) >= '12-15';
  const excluded = years.filter((y) => !full(y)).map((y) => String(y.year));
  return gate({
    id: 'full_years',
    passed: excluded.length < years.length,
    reason: `${years.length - excluded.length} full year(s); partial years left out of this variant: ${excluded.join(', ') || 'none'}`,
    excluded,
  });
}

export function benchmarkPopulationGate(
  pop: { source: string; total: number } | null,
  agencyKind: string | null,
  minimum = 10_000,
): Gate {
  if (!pop)
    return gate({
      id: 'benchmark_population',
      passed: false,
      blocking: true,
      reason: 'no population figure',
    });
  const flags: string[] = [];
  if (pop.total < minimum) flags.push(`small population (${pop.total} < ${minimum})`);
  if (agencyKind === 'city' && pop.source.startsWith('county'))
    flags.push("county population used for a city agency: the county's residents are not the city's drivers");
  if (agencyKind === 'state') flags.push('state patrol: highway traffic and non-residents');
  return gate({
    id: 'benchmark_population',
    passed: flags.length === 0,
    reason: flags.length ? flags.join('; ') : `population from ${pop.source}`,
    metric: pop.total,
    threshold: minimum,
  });
}
