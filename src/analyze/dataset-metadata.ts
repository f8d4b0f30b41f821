/**
 * A stop dataset's descriptive metadata, decided from what is known about the file: the OPP file name (state,
 * location, release), the reviewed location entry (centre point, county, time zone), a mapping file's own
 * metadata, and the command line's overrides, in that order of precedence (last wins). Every gap is a problem
 * the dataset carries, never a silent default.
 */

import type { StopLocation } from '../reference/stops.ts';
import { parseOppFileName } from '../sources/opp-stops/file-name.ts';
import type { ColumnMapping } from '../sources/opp-stops/mapping.ts';

export interface MetadataOverrides {
  countyFips?: string;
  centre?: { lat: number; lng: number };
  timeZone?: string;
}

export interface DatasetMetadata {
  source: string;
  licence: string;
  location: string;
  place: string | null;
  kind: string | null;
  state: string | null;
  countyFips: string | null;
  centre: { lat: number; lng: number } | null;
  timeZone: string | null;
  problems: string[];
}

const OPP_SOURCE = 'Stanford Open Policing Project';
const OPP_LICENCE =
  'ODC-BY-1.0 (Open Data Commons Attribution); credit: Stanford Open Policing Project; Pierson et al., Nature Human Behaviour 4:736-745 (2020)';

function fromMapping(m: ColumnMapping, base: DatasetMetadata): DatasetMetadata {
  const meta = m.meta;
  const lat = meta.centre_lat ? Number(meta.centre_lat) : Number.NaN;
  const lng = meta.centre_lng ? Number(meta.centre_lng) : Number.NaN;
  return {
    ...base,
    source: meta.source || base.source,
    licence: meta.licence || base.licence,
    location: meta.location || base.location,
    state: meta.state || base.state,
    countyFips: meta.county_fips || base.countyFips,
    timeZone: meta.time_zone || base.timeZone,
    centre: Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng } : base.centre,
  };
}

export function datasetMetadata(
  fileBase: string,
  locations: StopLocation[],
  mapping: ColumnMapping | null,
  overrides: MetadataOverrides,
): DatasetMetadata {
  const opp = parseOppFileName(fileBase);
  const loc = opp ? locations.find((l) => l.location === opp.key) : undefined;
  let m: DatasetMetadata = {
    source: opp
      ? `${OPP_SOURCE}, release ${opp.release}${opp.suffix ? ` (${opp.suffix} excerpt)` : ''}`
      : 'unknown',
    licence: opp ? OPP_LICENCE : 'unknown',
    location: opp?.key ?? fileBase,
    place: loc?.place ?? null,
    kind: loc?.kind ?? null,
    state: loc?.state ?? opp?.state ?? null,
    countyFips: loc?.countyFips ?? null,
    centre: loc?.centre ?? null,
    timeZone: loc?.timeZone ?? null,
    problems: [],
  };
  if (mapping) m = fromMapping(mapping, m);
  m = {
    ...m,
    countyFips: overrides.countyFips ?? m.countyFips,
    centre: overrides.centre ?? m.centre,
    timeZone: overrides.timeZone ?? m.timeZone,
  };
  return { ...m, problems: metadataProblems(m, !!opp, !!loc) };
}

function metadataProblems(m: DatasetMetadata, isOpp: boolean, reviewed: boolean): string[] {
  const out: string[] = [];
  if (!isOpp && m.source === 'unknown')
    out.push('not an OPP file name and no mapping metadata: source and licence unknown');
  if (isOpp && !reviewed) out.push(`no reviewed location entry for ${m.location} in stop-locations.csv`);
  if (!m.centre) out.push('no centre point: the veil-of-darkness test needs --centre LAT,LNG');
  if (!m.timeZone) out.push('no time zone: the veil-of-darkness test needs --time-zone ZONE');
  if (!m.countyFips) out.push('no county: the stop-rate benchmark needs --county FIPS or --population');
  return out;
}
