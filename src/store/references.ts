/**
 * Reads of the reference tables: counties (from the county shapes), county population (ACS B03002) by vintage,
 * the reference files ingested, and FBI LEE rows by ORI.
 */
import type { County, Population } from '../domain/geography.ts';
import type { Db } from './db.ts';
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
