/**
 * The reference tables of places (migration 009): ref_zcta_counties (the Census ZCTA to county relationship
 * file) and ref_places (the Gazetteer's places and county subdivisions with their internal points). The latest
 * file of a kind replaces its rows. Reads: every ZCTA's counties, the places of some states.
 */
import type { GazetteerLayer, GazetteerPlace } from '../sources/census-gazetteer/read-gazetteer.ts';
import type { ZctaCounty } from '../sources/census-zcta/read-zcta-county.ts';
import type { Db } from './db.ts';
import { insertJson } from './insert-json.ts';
import { selectJson } from './select-json.ts';

/** Replaces the ZCTA to county table with the parts of one relationship file. */
export async function replaceZctaCounties(db: Db, parts: ZctaCounty[], sha256: string): Promise<void> {
  await db.deleteFrom('ref_zcta_counties').execute();
  await insertJson(
    db,
    'ref_zcta_counties',
    parts.map((p) => ({
      zcta: p.zcta,
      fips: p.fips,
      county_name: p.countyName,
      land_share: p.landShare,
      sha256,
    })),
  );
}

/** Replaces one layer of the places table (places, or county subdivisions) with the rows of one Gazetteer file. */
export async function replacePlaces(
  db: Db,
  layer: GazetteerLayer,
  places: GazetteerPlace[],
  sha256: string,
): Promise<void> {
  await db.deleteFrom('ref_places').where('layer', '=', layer).execute();
  await insertJson(
    db,
    'ref_places',
    places.map((p) => ({
      geoid: p.geoid,
      layer: p.layer,
      state: p.state,
      name: p.name,
      base_name: p.baseName,
      lat: p.lat,
      lon: p.lon,
      county_fips: p.countyFips,
      sha256,
    })),
    { onConflictNothing: true },
  );
}

/** Every ZCTA's parts: [zcta, county FIPS, county name, land share], by ZCTA then largest share. */
export async function zctaCountyRows(db: Db): Promise<[string, string, string, number][]> {
  const rows = await selectJson(
    db,
    db.selectFrom('ref_zcta_counties').select(['zcta', 'fips', 'county_name', 'land_share']),
  );
  return rows
    .map((r) => [r.zcta, r.fips, r.county_name, Number(r.land_share)] as [string, string, string, number])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : b[3] - a[3]));
}

export interface PlaceRow {
  geoid: string;
  layer: GazetteerLayer;
  state: string;
  baseName: string;
  lat: number;
  lon: number;
  countyFips: string | null;
}

/** The Gazetteer rows of some states (all when `states` is not given). */
export async function placeRows(db: Db, states?: readonly string[]): Promise<PlaceRow[]> {
  let q = db
    .selectFrom('ref_places')
    .select(['geoid', 'layer', 'state', 'base_name', 'lat', 'lon', 'county_fips']);
  if (states) q = q.where('state', 'in', states.length > 0 ? [...states] : ['']);
  const rows = await selectJson(db, q);
  return rows.map((r) => ({
    geoid: r.geoid,
    layer: r.layer,
    state: r.state,
    baseName: r.base_name,
    lat: Number(r.lat),
    lon: Number(r.lon),
    countyFips: r.county_fips,
  }));
}
