/**
 * Loaders of the reviewed files for stop analyses (issue 17): dataset locations (centre point, county, time
 * zone), agencies whose search recording is unreliable (with OPP's evidence), and the caveat catalogue keyed by
 * method. Each entry carries its evidence and review date; a malformed file is refused with file and line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseReference, REFERENCE_DIR, type ReferenceSpec } from './load.ts';

export const STOP_SPECS = {
  locations: {
    file: 'stop-locations.csv',
    columns: [
      'location',
      'place',
      'kind',
      'state',
      'county_fips',
      'centre_lat',
      'centre_lng',
      'time_zone',
      'evidence',
      'reviewed',
    ],
    required: ['location', 'place', 'kind', 'state', 'evidence', 'reviewed'],
    allowed: { kind: ['city', 'county', 'state'] },
  },
  searchReliability: {
    file: 'stop-search-reliability.csv',
    columns: ['location', 'state', 'verdict', 'scope', 'evidence', 'source', 'reviewed'],
    required: ['location', 'state', 'verdict', 'scope', 'evidence', 'source', 'reviewed'],
    allowed: { verdict: ['unreliable'] },
  },
  caveats: {
    file: 'stop-caveats.csv',
    columns: ['method', 'id', 'text', 'evidence', 'reviewed'],
    required: ['method', 'id', 'text', 'evidence', 'reviewed'],
    allowed: { method: ['rates', 'search', 'outcome', 'vod', 'threshold', 'before_after'] },
  },
} as const satisfies Record<string, ReferenceSpec>;

export interface StopLocation {
  location: string;
  place: string;
  kind: string;
  state: string;
  countyFips: string | null;
  centre: { lat: number; lng: number } | null;
  timeZone: string | null;
  evidence: string;
}

export interface SearchReliability {
  location: string;
  state: string;
  scope: string[];
  evidence: string;
  source: string;
}

export interface Caveat {
  method: string;
  id: string;
  text: string;
}

function load(spec: ReferenceSpec, dir: string): Record<string, string>[] {
  return parseReference(spec, readFileSync(join(dir, spec.file), 'utf8'));
}

export function loadStopLocations(dir = REFERENCE_DIR): StopLocation[] {
  return load(STOP_SPECS.locations, dir).map((r) => {
    const lat = r.centre_lat ? Number(r.centre_lat) : Number.NaN;
    const lng = r.centre_lng ? Number(r.centre_lng) : Number.NaN;
    return {
      location: r.location as string,
      place: r.place as string,
      kind: r.kind as string,
      state: r.state as string,
      countyFips: r.county_fips || null,
      centre: Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng } : null,
      timeZone: r.time_zone || null,
      evidence: r.evidence as string,
    };
  });
}

export function loadSearchReliability(dir = REFERENCE_DIR): SearchReliability[] {
  return load(STOP_SPECS.searchReliability, dir).map((r) => ({
    location: r.location as string,
    state: r.state as string,
    scope: (r.scope as string).split(';'),
    evidence: r.evidence as string,
    source: r.source as string,
  }));
}

export function loadCaveats(dir = REFERENCE_DIR): Caveat[] {
  return load(STOP_SPECS.caveats, dir).map((r) => ({
    method: r.method as string,
    id: r.id as string,
    text: r.text as string,
  }));
}
