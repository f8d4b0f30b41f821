/** Every gate of §2, its failure case and its pass case. */
import { describe, expect, it } from 'vitest';
import type { MonthProfile } from '../store/stops/profile.ts';
import type { SearchCell } from '../store/stops/search-query.ts';
import {
  anomalousSubgeoGate,
  benchmarkPopulationGate,
  columnCoverageGate,
  discretionaryGate,
  fullYearsGate,
  minSearchesGate,
  minStopsVodGate,
  monthRaceCoverageGate,
  monthVolumeGate,
  partialMonths,
  searchReliabilityGate,
  vehicularGate,
  windowGate,
} from './gates.ts';

const month = (m: string, over: Partial<MonthProfile> = {}): MonthProfile => ({
  month: m,
  stops: 100,
  raceKnown: 100,
  timeKnown: 100,
  searchKnown: 100,
  searches: 10,
  contrabandKnownAmongSearched: 10,
  basisKnownAmongSearched: 10,
  subgeoKnown: 100,
  ...over,
});

const cell = (race: string, subgeo: string, searches: number, hits: number): SearchCell => ({
  race,
  subgeo,
  stops: searches * 5,
  searches,
  hits,
});

describe('data-quality gates', () => {
  it('vehicular: passes with a type column, flags without one', () => {
    expect(vehicularGate(true).passed).toBe(true);
    const g = vehicularGate(false);
    expect(g.passed).toBe(false);
    expect(g.blocking).toBe(false);
  });

  it('window: always reported with where it came from', () => {
    expect(windowGate('2014-01-01', '2015-12-31', true).reason).toMatch(/--from\/--to/);
  });

  it('month_volume: excludes whole months under 50 stops, keeps partial edge months, blocks when none is left', () => {
    const p = [
      month('2014-01', { stops: 12 }),
      month('2014-02', { stops: 49 }),
      month('2014-03'),
      month('2014-04', { stops: 3 }),
    ];
    const g = monthVolumeGate(p, { from: '2014-01-15', to: '2014-04-30' });
    // April ends on the window's last day: a whole month, judged and excluded.
    expect(g.excluded).toEqual(['2014-02', '2014-04']);
    expect(g.reason).toMatch(/partial edge months kept without judging: 2014-01/);
    expect(
      monthVolumeGate([month('2014-02', { stops: 5 })], { from: '2014-02-01', to: '2014-02-28' }).blocking,
    ).toBe(true);
    expect(partialMonths({ from: '2013-10-13', to: '2016-09-29' })).toEqual(['2013-10', '2016-09']);
    expect(partialMonths({ from: '2016-01-01', to: '2016-02-29' })).toEqual([]);
  });

  it('month_race_coverage: excludes months with race known in under 50% of stops', () => {
    const g = monthRaceCoverageGate([
      month('2014-01', { raceKnown: 49 }),
      month('2014-02', { raceKnown: 50 }),
    ]);
    expect(g.excluded).toEqual(['2014-01']);
    expect(g.passed).toBe(false);
  });

  it('column_coverage: excludes sparse months; a missing column blocks', () => {
    const g = columnCoverageGate([month('2014-01', { timeKnown: 10 }), month('2014-02')], 'time', true);
    expect(g.excluded).toEqual(['2014-01']);
    const c = columnCoverageGate(
      [month('2014-01', { searches: 10, contrabandKnownAmongSearched: 4 })],
      'contraband_found',
      true,
    );
    expect(c.excluded).toEqual(['2014-01']);
    const missing = columnCoverageGate([month('2014-01')], 'subgeography', false);
    expect(missing.blocking).toBe(true);
    expect(missing.passed).toBe(false);
  });

  it('search_reliability: blocks a listed location for its methods, flags implausible rates otherwise', () => {
    const list = [
      {
        location: 'ct_hartford',
        state: 'CT',
        scope: ['search', 'outcome', 'threshold'],
        evidence: 'OPP note',
        source: 'data_readme',
      },
    ];
    const blocked = searchReliabilityGate('ct_hartford', 'outcome', list, { searchRate: 0.1, hitRate: 0.3 });
    expect(blocked.blocking).toBe(true);
    expect(blocked.reason).toMatch(/OPP note/);
    const flagged = searchReliabilityGate('ca_oakland', 'outcome', list, { searchRate: 0.28, hitRate: 0.01 });
    expect(flagged.passed).toBe(false);
    expect(flagged.blocking).toBe(false);
    expect(flagged.reason).toMatch(/hit rate 0.010 < 0.05; search rate 0.280 > 0.2/);
    expect(
      searchReliabilityGate('ca_oakland', 'outcome', list, { searchRate: 0.05, hitRate: 0.3 }).passed,
    ).toBe(true);
  });

  it('discretionary: only when search_basis is known for half the searches', () => {
    expect(
      discretionaryGate([month('2014-01', { searches: 10, basisKnownAmongSearched: 5 })]).discretionaryOnly,
    ).toBe(true);
    expect(
      discretionaryGate([month('2014-01', { searches: 10, basisKnownAmongSearched: 4 })]).discretionaryOnly,
    ).toBe(false);
  });

  it('min_searches: subgeographies under 50 searches of a race are excluded; fewer than 3 left blocks', () => {
    const cells = ['A', 'B', 'C', 'D'].flatMap((s) => [
      cell('white', s, 80, 20),
      cell('black', s, s === 'D' ? 20 : 60, 12),
    ]);
    const g = minSearchesGate(cells, ['white', 'black']);
    expect(g.excluded).toEqual(['D']);
    expect(g.passed).toBe(true);
    const few = minSearchesGate(
      cells.filter((c) => c.subgeo !== 'A'),
      ['white', 'black'],
    );
    expect(few.blocking).toBe(true);
  });

  it('anomalous_subgeo: many searches and almost no hits for every race', () => {
    const cells = [
      cell('white', 'AIRPORT', 200, 0),
      cell('black', 'AIRPORT', 150, 0),
      cell('white', 'A', 200, 50),
      cell('black', 'A', 200, 1),
    ];
    const g = anomalousSubgeoGate(cells);
    expect(g.excluded).toEqual(['AIRPORT']);
    expect(anomalousSubgeoGate(cells.filter((c) => c.subgeo === 'A')).passed).toBe(true);
  });

  it('min_stops_vod: years with under 100 stops of a race are excluded; all excluded blocks', () => {
    const years = [
      { year: 2014, race: 'white', stops: 500 },
      { year: 2014, race: 'black', stops: 300 },
      { year: 2015, race: 'white', stops: 400 },
      { year: 2015, race: 'black', stops: 99 },
    ];
    expect(minStopsVodGate(years, ['white', 'black']).excluded).toEqual(['2015']);
    expect(minStopsVodGate(years.slice(2), ['white', 'black']).blocking).toBe(true);
  });

  it('full_years: a year needs 100 dates, 12 months, Jan 15 and Dec 15', () => {
    const g = fullYearsGate([
      { year: 2014, dates: 360, months: 12, first: '2014-01-02', last: '2014-12-30' },
      { year: 2015, dates: 300, months: 12, first: '2015-01-20', last: '2015-12-30' },
      { year: 2016, dates: 90, months: 12, first: '2016-01-01', last: '2016-12-31' },
    ]);
    expect(g.excluded).toEqual(['2015', '2016']);
  });

  it('benchmark_population: missing blocks; small, county-for-city and state patrol are flagged', () => {
    expect(benchmarkPopulationGate(null, 'city').blocking).toBe(true);
    expect(benchmarkPopulationGate({ source: 'given', total: 500 }, 'city').reason).toMatch(
      /small population/,
    );
    expect(benchmarkPopulationGate({ source: 'county X', total: 900_000 }, 'city').reason).toMatch(
      /county population used for a city/,
    );
    expect(benchmarkPopulationGate({ source: 'given', total: 900_000 }, 'state').reason).toMatch(/highway/);
    expect(benchmarkPopulationGate({ source: 'given', total: 900_000 }, 'city').passed).toBe(true);
  });
});
