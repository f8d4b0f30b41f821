/**
 * Figures for any date of the history, from the ledger (agreements and their listing intervals, placements) and
 * the reference data (counties, ACS population): per county, per state and nationally. Pure functions over
 * loaded records, so the test can recompute them by a second path.
 */

import type {
  County,
  CountyFigure,
  Coverage,
  CoverageFigures,
  Placement,
  Population,
  SourceRef,
} from '../domain/geography.ts';

export interface AgreementSpan {
  agencyId: string;
  model: 'JEM' | 'WSO' | 'TFM';
  /** Participating intervals (inclusive dates); an open one reaches the latest list. */
  intervals: { list: string; from: string; to: string | null; open: boolean }[];
}

/** What the figures need of a placement. */
export type PlacementLite = Pick<Placement, 'agencyId' | 'state' | 'level' | 'role' | 'countyFips'>;

/** In force on `date`: listed as participating on a list that covers the date. */
export function inForce(a: AgreementSpan, date: string): boolean {
  return a.intervals.some(
    (i) => i.list === 'participating' && i.from <= date && (i.open || (i.to !== null && i.to >= date)),
  );
}

/** Sheriffs and county jails (and county corrections departments) stand for "the county holds an agreement". */
export function isSheriffOrJail(p: Pick<Placement, 'level' | 'role'>): boolean {
  return p.level === 'county' && (p.role === 'sheriff' || p.role === 'jail' || p.role === 'corrections');
}

export function countyFiguresOn(
  date: string,
  counties: readonly County[],
  placements: readonly PlacementLite[],
  agreements: readonly AgreementSpan[],
  population: ReadonlyMap<string, Population>,
): CountyFigure[] {
  const byAgency = new Map(placements.map((p) => [p.agencyId, p]));
  const figures = new Map<string, CountyFigure>(
    counties.map((c) => [
      c.fips,
      {
        fips: c.fips,
        name: c.name,
        state: c.state,
        agreements: { JEM: 0, WSO: 0, TFM: 0 },
        agencies: [],
        sheriff: { holds: false, models: [], agencyIds: [] },
        population: population.get(c.fips) ?? null,
      },
    ]),
  );
  for (const a of agreements) {
    if (!inForce(a, date)) continue;
    const p = byAgency.get(a.agencyId);
    if (!p) continue;
    for (const fips of p.countyFips) {
      const f = figures.get(fips);
      if (!f) continue;
      f.agreements[a.model]++;
      if (!f.agencies.includes(a.agencyId)) f.agencies.push(a.agencyId);
      if (isSheriffOrJail(p)) {
        f.sheriff.holds = true;
        if (!f.sheriff.models.includes(a.model)) f.sheriff.models.push(a.model);
        if (!f.sheriff.agencyIds.includes(a.agencyId)) f.sheriff.agencyIds.push(a.agencyId);
      }
    }
  }
  for (const f of figures.values()) {
    f.sheriff.models.sort();
    f.agencies.sort();
  }
  return [...figures.values()];
}

function sum(figs: CountyFigure[], agreementsInForce: AgreementSpan[], date: string): CoverageFigures {
  const sheriff = figs.filter((f) => f.sheriff.holds);
  const any = figs.filter((f) => f.agencies.length > 0);
  const people = (list: CountyFigure[]) => ({
    counties: list.length,
    residents: list.reduce((n, f) => n + (f.population?.total ?? 0), 0),
    hispanic: list.reduce((n, f) => n + (f.population?.hispanic ?? 0), 0),
  });
  const agreements = { JEM: 0, WSO: 0, TFM: 0, total: 0 };
  for (const a of agreementsInForce)
    if (inForce(a, date)) {
      agreements[a.model]++;
      agreements.total++;
    }
  return {
    sheriffCounties: people(sheriff),
    anyAgreementCounties: people(any),
    agreements,
    countiesWithoutPopulation: any.filter((f) => !f.population).length,
  };
}

export function coverageOn(
  date: string,
  figures: CountyFigure[],
  agreements: readonly AgreementSpan[],
  agencyState: ReadonlyMap<string, string>,
  sources: SourceRef[],
): Coverage {
  const states = [...new Set([...figures.map((f) => f.state), ...agencyState.values()])].sort();
  return {
    date,
    national: sum(figures, [...agreements], date),
    states: states
      .map((state) => ({
        state,
        ...sum(
          figures.filter((f) => f.state === state),
          agreements.filter((a) => agencyState.get(a.agencyId) === state),
          date,
        ),
      }))
      .filter((s) => s.agreements.total > 0 || s.anyAgreementCounties.counties > 0),
    sources,
  };
}
