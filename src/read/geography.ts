/**
 * Geography reads (CLI, API, pages): placements, per-county figures and coverage on a date, composed from the
 * store's rows and the pure computations of geography/figures.ts.
 */
import type { County, CountyFigure, Coverage, SourceRef } from '../domain/geography.ts';
import { countyFiguresOn, coverageOn } from '../geography/figures.ts';
import { agreementSpans } from '../store/agreements.ts';
import type { Db } from '../store/db.ts';
import { placementsLite } from '../store/placements.ts';
import { latestSightings } from '../store/publications.ts';
import { countyPopulation, listCounties, populationVintages, referenceFiles } from '../store/references.ts';
import type { CountyInfo } from './agency-views.ts';
import { countyLabel } from './describe.ts';

export { listPlacements } from '../store/placements.ts';
export { listCounties } from '../store/references.ts';

export interface CountyFiguresResult {
  date: string;
  counties: CountyFigure[];
  sources: SourceRef[];
}

/** The ACS vintage figures use: `REASSESS_ACS_VINTAGE` when set and stored, else the latest stored. */
async function populationVintage(db: Db, wanted?: string): Promise<string | null> {
  const vintages = await populationVintages(db);
  if (wanted && vintages.includes(wanted)) return wanted;
  return vintages.sort().pop() ?? null;
}

async function sources(db: Db, vintage: string | null): Promise<SourceRef[]> {
  const refs = await referenceFiles(db);
  const latest = new Map<string, (typeof refs)[number]>();
  for (const r of refs) if (r.kind !== 'acs-b03002' || r.vintage === vintage) latest.set(r.kind, r);
  const pubs = await latestSightings(db);
  return [
    { kind: 'ice-287g', vintage: pubs.any ?? 'none', sha256: null, file: null },
    ...[...latest.values()].map((r) => ({
      kind: r.kind as SourceRef['kind'],
      vintage: r.vintage,
      sha256: r.sha256,
      file: r.file,
    })),
  ];
}

/** The date figures default to: the latest publication. */
async function defaultDate(db: Db, on?: string): Promise<string> {
  if (on) return on;
  return (await latestSightings(db)).any ?? new Date().toISOString().slice(0, 10);
}

export interface FigureOptions {
  on?: string;
  /** ACS vintage to use (default: the latest stored). */
  vintage?: string;
}

/** `opts` may be just the date (`countyFigures(db, '2025-06-01')`). */
async function figures(db: Db, options: FigureOptions | string) {
  const opts = typeof options === 'string' ? { on: options } : options;
  const date = await defaultDate(db, opts.on);
  const vintage = await populationVintage(db, opts.vintage);
  const placements = await placementsLite(db);
  const agreements = await agreementSpans(db);
  const counties = countyFiguresOn(
    date,
    await listCounties(db),
    placements,
    agreements,
    await countyPopulation(db, vintage),
  );
  return { date, counties, placements, agreements, sources: await sources(db, vintage) };
}

/** Per-county figures on a date (default: the latest publication); `options` may be just the date. */
export async function countyFigures(
  db: Db,
  options: FigureOptions | string = {},
): Promise<CountyFiguresResult> {
  const f = await figures(db, options);
  return { date: f.date, counties: f.counties, sources: f.sources };
}

/** National and per-state coverage on a date (default: the latest publication). */
export async function coverage(db: Db, options: FigureOptions | string = {}): Promise<Coverage> {
  const f = await figures(db, options);
  const agencyState = new Map(f.placements.map((p) => [p.agencyId, p.state]));
  return coverageOn(f.date, f.counties, f.agreements, agencyState, f.sources);
}

/**
 * Every county the model knows — from the county shapes, and any other the latest figures name — with its label
 * and its population on the latest figures.
 */
export function describeCounties(list: County[], latest: CountyFiguresResult): Map<string, CountyInfo> {
  const figureByFips = new Map(latest.counties.map((c) => [c.fips, c]));
  const counties = new Map<string, CountyInfo>();
  for (const c of list)
    counties.set(c.fips, {
      fips: c.fips,
      state: c.state,
      name: c.name,
      label: countyLabel(c.name, c.state, c.fips),
      population: figureByFips.get(c.fips)?.population ?? null,
    });
  for (const f of latest.counties)
    if (!counties.has(f.fips))
      counties.set(f.fips, {
        fips: f.fips,
        state: f.state,
        name: f.name,
        label: countyLabel(f.name, f.state, f.fips),
        population: f.population,
      });
  return counties;
}
