/**
 * Where each agency is drawn on the maps, in map units: at the Gazetteer's internal point of its place when that
 * point falls inside one of its counties (or, for an agency without a county, inside its state) on the drawn map;
 * else at a point inside its (first) county; a state agency, or one not placed, at a point inside its state.
 * Sheriffs and county jails placed in a county are not drawn as points: they shade their county. Every point is
 * inside its agency's state on the drawn map (checked against the same simplified shapes the map draws).
 */
import type { PlacePoint } from '../geography/place-points.ts';
import type { TimelineAgency } from '../read/timeline.ts';
import { isPoint } from '../read/timeline.ts';
import { stateByUsps } from '../reference/us-states.ts';
import { countyAt, countyInterior, insideCounty, stateInterior } from './map-shapes.ts';
import { projectPoint } from './projection.ts';

export type PointSource = 'place' | 'county' | 'state';

export interface AgencyPoint {
  x: number;
  y: number;
  source: PointSource;
}

/** The first Gazetteer candidate drawn inside the agency's counties (or its state when it has none). */
function placeXY(
  stateFips: string,
  counties: readonly string[],
  candidates: readonly PlacePoint[],
): [number, number] | null {
  for (const c of candidates) {
    const xy = projectPoint(stateFips, c.lon, c.lat);
    if (!xy) continue;
    const [x, y] = [Math.round(xy[0]), Math.round(xy[1])];
    if (counties.length > 0 ? counties.some((f) => insideCounty(f, x, y)) : countyAt(stateFips, x, y))
      return [x, y];
  }
  return null;
}

/** One agency's point, or null when it is drawn as its county's shade (or its state is unknown). */
export function agencyPoint(a: TimelineAgency, candidates: readonly PlacePoint[] = []): AgencyPoint | null {
  if (!isPoint(a)) return null;
  const st = stateByUsps(a[2]);
  if (!st) return null;
  const fromPlace = placeXY(st.fips, a[4], candidates);
  if (fromPlace) return { x: fromPlace[0], y: fromPlace[1], source: 'place' };
  for (const f of a[4]) {
    const c = f.startsWith(st.fips) ? countyInterior(f) : null;
    if (c) return { x: c[0], y: c[1], source: 'county' };
  }
  const s = stateInterior(st.fips);
  return s ? { x: s[0], y: s[1], source: 'state' } : null;
}

/** Every agency's point (null for those drawn as a shade), in the order of the timeline's agencies. */
export function agencyPoints(
  agencies: readonly TimelineAgency[],
  places: ReadonlyMap<string, readonly PlacePoint[]>,
): (AgencyPoint | null)[] {
  return agencies.map((a) => agencyPoint(a, places.get(a[0])));
}
