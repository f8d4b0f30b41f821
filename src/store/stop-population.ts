/**
 * Reference figures the stop analyses read from the ledger (issue 17): a county's residential population by race
 * from ACS B03002 (table ref_county_population; the latest vintage stored unless one is asked for), and a
 * state's county names with their FIPS codes (table ref_counties), the crosswalk of the spillover design.
 */
import type { Db } from './db.ts';

export interface CountyPopulation {
  fips: string;
  name: string;
  vintage: string;
  total: number;
  hispanic: number;
  whiteNh: number;
  blackNh: number;
  sha256: string;
}

export async function countyPopulation(
  db: Db,
  fips: string,
  vintage?: string,
): Promise<CountyPopulation | null> {
  let q = db
    .selectFrom('ref_county_population')
    .selectAll()
    .where('fips', '=', fips)
    .orderBy('vintage', 'desc');
  if (vintage) q = q.where('vintage', '=', vintage);
  const r = await q.executeTakeFirst();
  if (!r) return null;
  return {
    fips: r.fips,
    name: r.name,
    vintage: r.vintage,
    total: r.total,
    hispanic: r.hispanic,
    whiteNh: r.white_nh,
    blackNh: r.black_nh,
    sha256: r.sha256,
  };
}

export async function countyNames(db: Db, state: string): Promise<{ fips: string; name: string }[]> {
  return db
    .selectFrom('ref_counties')
    .select(['fips', 'name'])
    .where('state', '=', state)
    .orderBy('fips')
    .execute();
}
