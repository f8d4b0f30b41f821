/**
 * Places in the read model (read on first use): every ZIP code's counties from the Census ZCTA to county
 * relationship file (a ZIP spanning counties lists each, largest land share first), the Gazetteer points of the
 * agencies' places, and the counties each agency is placed in, by county.
 */
import type { Placement } from '../domain/geography.ts';
import { gazetteerIndex, type PlacePoint, placePoints } from '../geography/place-points.ts';
import type { Db } from '../store/db.ts';
import { placeRows, zctaCountyRows } from '../store/place-references.ts';

/** One county of a ZIP code: its FIPS, its name as the Census file gives it, and the ZIP's share of land there. */
export interface ZipCounty {
  fips: string;
  name: string;
  share: number;
}

export interface PlaceData {
  /** ZIP code (ZCTA) → its counties, largest share first; empty without the relationship file. */
  zips: Map<string, ZipCounty[]>;
  /** Agency ID → the Gazetteer points its place name matches (in its state, townships in its counties). */
  agencyPoints: Map<string, PlacePoint[]>;
}

export async function loadPlaceData(db: Db, placements: readonly Placement[]): Promise<PlaceData> {
  const zips = new Map<string, ZipCounty[]>();
  for (const [zcta, fips, name, share] of await zctaCountyRows(db)) {
    const part = { fips, name, share };
    const list = zips.get(zcta);
    if (list) list.push(part);
    else zips.set(zcta, [part]);
  }
  const withPlace = placements.filter((p) => p.place);
  const states = [...new Set(withPlace.map((p) => p.state))];
  const index = gazetteerIndex(states.length > 0 ? await placeRows(db, states) : []);
  return { zips, agencyPoints: placePoints(withPlace, index) };
}

/** The agencies placed in each county (an agency of several counties is under each). */
export function agenciesByCounty(placements: Iterable<Placement>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of placements)
    for (const f of p.countyFips) {
      const list = out.get(f);
      if (list) list.push(p.agencyId);
      else out.set(f, [p.agencyId]);
    }
  return out;
}
