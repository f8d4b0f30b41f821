/** Records of the geography stage: where an agency is, how that was decided, and the figures built on it. */

export type Level =
  | 'state'
  | 'county'
  | 'municipal'
  | 'campus'
  | 'district'
  | 'regional'
  /** A body serving several counties: a regional jail or jail authority, a judicial circuit or district and its
   * prosecutor, a multi-county task force. Placed in every member county (reviewed membership file). */
  | 'multi-county'
  | 'port'
  | 'facility'
  | 'other';

export const LEVELS = [
  'state',
  'county',
  'municipal',
  'campus',
  'district',
  'regional',
  'multi-county',
  'port',
  'facility',
  'other',
] as const satisfies readonly Level[];

/** How an ORI link was made: one clear match, several candidates (flagged, not guessed), or none. */
export type OriStatus = 'matched' | 'ambiguous' | 'none';

export interface Placement {
  agencyId: string;
  state: string;
  /** The agency's latest name. */
  name: string;
  level: Level;
  /** Who the agency is in its jurisdiction (sheriff, jail, corrections, police, government, other), from its name. */
  role: string;
  /** Counties covered (5-digit FIPS): one for a sheriff or a city, several for a regional jail, none when unplaced. */
  countyFips: string[];
  /** For municipal agencies: the city, town, village, borough or township. */
  place: string | null;
  ori: string | null;
  oriStatus: OriStatus;
  /** ORIs that matched when the link is ambiguous. */
  oriCandidates: string[];
  /** `rule` (the placement rules), `override` (the reviewed file) or `unplaced`. */
  method: 'rule' | 'override' | 'unplaced';
  /** Which rule (or override entry) decided, e.g. `county-column`, `name-county`, `fbi-city`. */
  rule: string;
  /** 0–1: 1 for an override or a direct match of the COUNTY column, lower for name or FBI inference. */
  confidence: number;
  /** The signals the decision used: COUNTY and TYPE values as listed, the parsed name, the FBI row. */
  inputs: Record<string, unknown>;
  /** Why the agency is not (fully) placed, for the review list; null when placed. */
  reason: string | null;
}

export interface SourceRef {
  kind:
    | 'ice-287g'
    | 'us-atlas-counties'
    | 'fbi-lee'
    | 'acs-b03002'
    | 'zcta-county'
    | 'gazetteer-places'
    | 'gazetteer-cousubs';
  vintage: string;
  sha256: string | null;
  file: string | null;
}

export interface Population {
  total: number;
  hispanic: number;
  blackNonHispanic: number;
  whiteNonHispanic: number;
}

export interface CountyFigure {
  fips: string;
  name: string;
  state: string;
  /** Agreements in force on the date, by model, of agencies placed in the county (any level). */
  agreements: { JEM: number; WSO: number; TFM: number };
  /** Agencies with an agreement in force on the date placed in the county. */
  agencies: string[];
  /** The county's sheriff (or county jail) holds an agreement on the date; with its models. */
  sheriff: { holds: boolean; models: string[]; agencyIds: string[] };
  population: Population | null;
}

export interface CoverageFigures {
  /** Residents (and Hispanic residents) of counties whose sheriff or county jail holds an agreement. */
  sheriffCounties: { counties: number; residents: number; hispanic: number };
  /** Residents of counties with any agreement in force (any agency placed in the county). */
  anyAgreementCounties: { counties: number; residents: number; hispanic: number };
  agreements: { JEM: number; WSO: number; TFM: number; total: number };
  /** Counties without population figures (not in the ACS vintage), so totals can be read with care. */
  countiesWithoutPopulation: number;
}

export interface Coverage {
  date: string;
  national: CoverageFigures;
  states: (CoverageFigures & { state: string })[];
  sources: SourceRef[];
}

/** A county or county equivalent (us-atlas shapes): FIPS code, state, name. */
export interface County {
  fips: string;
  state: string;
  name: string;
  /** An independent city (a county equivalent that is a city). */
  city: boolean;
}

/**
 * Independent cities are told apart by their FIPS code (county part 500 and above in Virginia, Baltimore, St. Louis
 * and Carson City), because the shapes name `Richmond` city and `Richmond` county alike.
 */
export function isIndependentCity(fips: string): boolean {
  const st = fips.slice(0, 2);
  const cty = Number(fips.slice(2));
  return (st === '51' && cty >= 500) || ['24510', '29510', '32510'].includes(fips);
}
