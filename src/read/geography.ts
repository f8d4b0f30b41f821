/** Geography read queries (CLI, API, pages): placements, per-county figures and coverage on a date. */
import type {
  County,
  CountyFigure,
  Coverage,
  Level,
  OriStatus,
  Placement,
  Population,
  SourceRef,
} from '../domain/geography.ts';
import { type AgreementSpan, countyFiguresOn, coverageOn, type PlacementLite } from '../geography/figures.ts';
import type { Db } from '../store/db.ts';
import { latestSightings } from '../store/queries.ts';
import { selectJson } from '../store/select-json.ts';

export async function listPlacements(db: Db): Promise<Placement[]> {
  const rows = await db.selectFrom('placements').selectAll().orderBy('state').orderBy('name').execute();
  return rows.map((r) => ({
    agencyId: r.agency_id,
    state: r.state,
    name: r.name,
    level: r.level as Level,
    role: r.role,
    countyFips: r.county_fips,
    place: r.place,
    ori: r.ori,
    oriStatus: r.ori_status as OriStatus,
    oriCandidates: r.ori_candidates,
    method: r.method as Placement['method'],
    rule: r.rule,
    confidence: r.confidence,
    inputs: r.inputs,
    reason: r.reason,
  }));
}

export async function listCounties(db: Db): Promise<County[]> {
  const rows = await selectJson(db, db.selectFrom('ref_counties').select(['fips', 'state', 'name', 'city']));
  return rows
    .map((r) => ({ ...r, city: Boolean(r.city) }))
    .sort((a, b) => (a.fips < b.fips ? -1 : a.fips > b.fips ? 1 : 0));
}

/** The ACS vintage figures use: `REASSESS_ACS_VINTAGE` when set and stored, else the latest stored. */
async function populationVintage(db: Db, wanted?: string): Promise<string | null> {
  const vintages = (
    await db.selectFrom('reference_files').select('vintage').where('kind', '=', 'acs-b03002').execute()
  ).map((r) => r.vintage);
  if (wanted && vintages.includes(wanted)) return wanted;
  return vintages.sort().pop() ?? null;
}

export async function countyPopulation(db: Db, vintage: string | null): Promise<Map<string, Population>> {
  if (!vintage) return new Map();
  const rows = await selectJson(
    db,
    db
      .selectFrom('ref_county_population')
      .select(['fips', 'total', 'hispanic', 'black_nh', 'white_nh'])
      .where('vintage', '=', vintage),
  );
  return new Map(
    rows.map((r) => [
      r.fips,
      { total: r.total, hispanic: r.hispanic, blackNonHispanic: r.black_nh, whiteNonHispanic: r.white_nh },
    ]),
  );
}

async function sources(db: Db, vintage: string | null): Promise<SourceRef[]> {
  const refs = await db
    .selectFrom('reference_files')
    .select(['kind', 'vintage', 'sha256', 'file', 'ingested_at'])
    .orderBy('ingested_at')
    .execute();
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

async function spans(db: Db): Promise<AgreementSpan[]> {
  const rows = await selectJson(db, db.selectFrom('agreements').select(['agency_id', 'model', 'intervals']));
  return rows.map((r) => ({
    agencyId: r.agency_id,
    model: r.model as AgreementSpan['model'],
    intervals: r.intervals as AgreementSpan['intervals'],
  }));
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
async function placementsLite(db: Db): Promise<PlacementLite[]> {
  const rows = await selectJson(
    db,
    db.selectFrom('placements').select(['agency_id', 'state', 'level', 'role', 'county_fips']),
  );
  return rows.map((r) => ({
    agencyId: r.agency_id,
    state: r.state,
    level: r.level as Level,
    role: r.role,
    countyFips: r.county_fips,
  }));
}

async function figures(db: Db, options: FigureOptions | string) {
  const opts = typeof options === 'string' ? { on: options } : options;
  const date = await defaultDate(db, opts.on);
  const vintage = await populationVintage(db, opts.vintage);
  const placements = await placementsLite(db);
  const agreements = await spans(db);
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
): Promise<{ date: string; counties: CountyFigure[]; sources: SourceRef[] }> {
  const f = await figures(db, options);
  return { date: f.date, counties: f.counties, sources: f.sources };
}

/** National and per-state coverage on a date (default: the latest publication). */
export async function coverage(db: Db, options: FigureOptions | string = {}): Promise<Coverage> {
  const f = await figures(db, options);
  const agencyState = new Map(f.placements.map((p) => [p.agencyId, p.state]));
  return coverageOn(f.date, f.counties, f.agreements, agencyState, f.sources);
}
