/**
 * Reference data: the reference_files table (one row per stored county-shape, FBI or ACS file) and the tables
 * parsed from them (ref_counties, ref_fbi_agencies, ref_county_population). The latest file of a kind replaces
 * the previous one's rows; ACS tables are kept per vintage. Reads: counties, population by vintage, the files
 * ingested, FBI rows by ORI.
 */
import type { County, Population } from '../domain/geography.ts';
import type { CountyPopulation } from '../sources/census-acs/read-b03002.ts';
import type { FbiAgency } from '../sources/fbi-lee/read-lee.ts';
import type { Db } from './db.ts';
import { insertJson } from './insert-json.ts';
import { selectJson } from './select-json.ts';

export async function listCounties(db: Db): Promise<County[]> {
  const rows = await selectJson(db, db.selectFrom('ref_counties').select(['fips', 'state', 'name', 'city']));
  return rows
    .map((r) => ({ ...r, city: Boolean(r.city) }))
    .sort((a, b) => (a.fips < b.fips ? -1 : a.fips > b.fips ? 1 : 0));
}

/** The ACS B03002 vintages stored. */
export async function populationVintages(db: Db): Promise<string[]> {
  return (
    await db.selectFrom('reference_files').select('vintage').where('kind', '=', 'acs-b03002').execute()
  ).map((r) => r.vintage);
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

/** Every reference file ingested, oldest first. */
export async function referenceFiles(db: Db) {
  return db
    .selectFrom('reference_files')
    .select(['kind', 'vintage', 'sha256', 'file', 'ingested_at'])
    .orderBy('ingested_at')
    .execute();
}

export interface FbiRow {
  ori: string;
  name: string;
  state: string;
  type: string;
  population: number | null;
  year: number;
}

/** FBI LEE rows of the given ORIs. */
export async function fbiRows(db: Db, oris: string[]): Promise<Map<string, FbiRow>> {
  const out = new Map<string, FbiRow>();
  for (let i = 0; i < oris.length; i += 1000) {
    const chunk = oris.slice(i, i + 1000);
    if (chunk.length === 0) break;
    const rows = await db
      .selectFrom('ref_fbi_agencies')
      .select(['ori', 'name', 'state', 'type', 'population', 'year'])
      .where('ori', 'in', chunk)
      .execute();
    for (const r of rows) out.set(r.ori, r);
  }
  return out;
}

export type ReferenceKind =
  | 'us-atlas-counties'
  | 'fbi-lee'
  | 'acs-b03002'
  | 'zcta-county'
  | 'gazetteer-places'
  | 'gazetteer-cousubs';

export type ReferenceProblem = { row: number; field: string; message: string };

/** A stored reference file, by its sha256 (undefined when not stored). */
export async function referenceFile(
  db: Db,
  sha256: string,
): Promise<{ kind: ReferenceKind; vintage: string; rows: number; problems: ReferenceProblem[] } | undefined> {
  return db
    .selectFrom('reference_files')
    .select(['kind', 'vintage', 'rows', 'problems'])
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

/** Whether county shapes were ever stored. */
export async function hasCountyShapes(db: Db): Promise<boolean> {
  const r = await db
    .selectFrom('reference_files')
    .select('sha256')
    .where('kind', '=', 'us-atlas-counties')
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

export async function insertReferenceFile(
  db: Db,
  f: {
    sha256: string;
    kind: ReferenceKind;
    vintage: string;
    file: string;
    rows: number;
    problems: ReferenceProblem[];
    runId: number;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('reference_files')
    .values({
      sha256: f.sha256,
      kind: f.kind,
      vintage: f.vintage,
      file: f.file,
      rows: f.rows,
      problems: JSON.stringify(f.problems),
      run_id: f.runId,
      ingested_at: f.at,
    })
    .execute();
}

/** Replaces the county table with the counties of one shapes file. */
export async function replaceCounties(db: Db, counties: County[], sha256: string): Promise<void> {
  await db.deleteFrom('ref_counties').execute();
  await insertJson(
    db,
    'ref_counties',
    counties.map((c) => ({ ...c, sha256 })),
  );
}

/** Replaces the FBI agency table with the agencies of one LEE file. */
export async function replaceFbiAgencies(db: Db, agencies: FbiAgency[], sha256: string): Promise<void> {
  await db.deleteFrom('ref_fbi_agencies').execute();
  await insertJson(
    db,
    'ref_fbi_agencies',
    agencies.map((a) => ({ ...a, counties: JSON.stringify(a.counties), sha256 })),
    { json: ['counties'] },
  );
}

/** Replaces one vintage of county population with the counties of one ACS file. */
export async function replacePopulation(
  db: Db,
  vintage: string,
  counties: CountyPopulation[],
  sha256: string,
): Promise<void> {
  await db.deleteFrom('ref_county_population').where('vintage', '=', vintage).execute();
  await insertJson(
    db,
    'ref_county_population',
    counties.map((c) => ({
      vintage,
      fips: c.fips,
      name: c.name,
      total: c.total,
      hispanic: c.hispanic,
      white_nh: c.whiteNonHispanic,
      black_nh: c.blackNonHispanic,
      sha256,
    })),
  );
}

/** The sha256 of the latest stored file of the kinds placement depends on (county shapes, FBI table). */
export async function latestPlacementReferences(
  db: Db,
): Promise<Map<'us-atlas-counties' | 'fbi-lee', string>> {
  const refs = await db
    .selectFrom('reference_files')
    .select(['kind', 'sha256', 'ingested_at'])
    .where('kind', 'in', ['us-atlas-counties', 'fbi-lee'])
    .orderBy('ingested_at')
    .execute();
  return new Map(refs.map((r) => [r.kind as 'us-atlas-counties' | 'fbi-lee', r.sha256]));
}

/** The stored counties (for the county index). */
export async function readCounties(db: Db): Promise<County[]> {
  const rows = await selectJson(db, db.selectFrom('ref_counties').select(['fips', 'state', 'name', 'city']));
  return rows.map((c) => ({ ...c, city: Boolean(c.city) }));
}

/** The stored FBI agency table, or only the rows of some states. */
export async function readFbiAgencies(db: Db, states?: string[]): Promise<FbiAgency[]> {
  let q = db
    .selectFrom('ref_fbi_agencies')
    .select(['ori', 'year', 'name', 'state', 'counties', 'type', 'population']);
  if (states) q = q.where('state', 'in', states.length > 0 ? states : ['']);
  return selectJson(db, q);
}
