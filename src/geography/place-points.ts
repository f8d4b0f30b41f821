/**
 * Where an agency is on a map: the internal point of the place it serves, from the Census Gazetteer (a city,
 * town, village, borough, census-designated place, or a township among the county subdivisions), matched by the
 * placement's place name in its state. A township matches only in one of the agency's counties; of several places
 * of one name in a state, the candidates are all kept (the map keeps the one inside the agency's county). Agencies
 * without a place (sheriffs, state agencies, districts, campuses) have no point here: the map draws them at their
 * county's or state's interior point.
 */

export interface GazetteerPoint {
  geoid: string;
  layer: 'place' | 'cousub';
  state: string;
  baseName: string;
  lat: number;
  lon: number;
  countyFips: string | null;
}

export interface PlacedAgency {
  agencyId: string;
  state: string;
  place: string | null;
  countyFips: readonly string[];
}

export interface PlacePoint {
  geoid: string;
  layer: 'place' | 'cousub';
  lat: number;
  lon: number;
}

/** The words of a place name that do not tell places apart, removed before names are compared. */
const KIND = /\b(city|town|township|twp|village|borough|boro|municipality|charter|cdp|of|the)\b/g;

/** A place name as compared: lower case, `saint`/`st.` and `mount`/`mt.` alike, kind words and punctuation gone. */
export function placeKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\bsaint\b|\bste?\b\.?/g, 'st')
    .replace(/\bmount\b|\bmt\b\.?/g, 'mt')
    .replace(/\bfort\b|\bft\b\.?/g, 'ft')
    .replace(/['’.]/g, '')
    .replace(KIND, ' ')
    .replace(/[^a-z0-9]+/g, '')
    .trim();
}

/** Gazetteer rows by state and name key. */
export function gazetteerIndex(points: readonly GazetteerPoint[]): Map<string, GazetteerPoint[]> {
  const index = new Map<string, GazetteerPoint[]>();
  for (const p of points) {
    const k = `${p.state}|${placeKey(p.baseName)}`;
    const list = index.get(k);
    if (list) list.push(p);
    else index.set(k, [p]);
  }
  return index;
}

/**
 * The candidate points of each agency with a place: places first (incorporated places are what police
 * departments serve), then townships in one of the agency's counties.
 */
export function placePoints(
  agencies: readonly PlacedAgency[],
  index: Map<string, GazetteerPoint[]>,
): Map<string, PlacePoint[]> {
  const out = new Map<string, PlacePoint[]>();
  for (const a of agencies) {
    if (!a.place) continue;
    const found = index.get(`${a.state}|${placeKey(a.place)}`) ?? [];
    const places = found.filter((p) => p.layer === 'place');
    const townships = found.filter(
      (p) => p.layer === 'cousub' && p.countyFips !== null && a.countyFips.includes(p.countyFips),
    );
    const candidates = [...places, ...townships].map(({ geoid, layer, lat, lon }) => ({
      geoid,
      layer,
      lat,
      lon,
    }));
    if (candidates.length > 0) out.set(a.agencyId, candidates);
  }
  return out;
}
