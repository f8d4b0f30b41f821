/**
 * Places every agency in its jurisdiction: a level, the state, the county or counties it covers and, for a city
 * agency, its place. Rules, in order: a reviewed override; the name (`X County Sheriff's Office` names its
 * county); ICE's COUNTY column (with reviewed typo corrections); the FBI agency table (the county of a city).
 * Every placement records the rule, the inputs and a confidence; what the rules cannot decide is left unplaced
 * with a reason, never guessed.
 */

import type { County, Level, Placement } from '../domain/geography.ts';
import type { CountyIndex } from './counties.ts';
import type { FbiIndex } from './fbi-index.ts';
import { type ParsedName, parseAgencyName } from './name-parser.ts';
import type { AgencySignals } from './signals.ts';

export interface CountyCorrection {
  state: string;
  wrong: string;
  correct: string;
}

export interface GeographyOverride {
  agencyId: string;
  level: Level;
  countyFips: string[];
  place: string | null;
  evidence: string;
}

/** A multi-county body's member counties, from the reviewed membership file (multi-county-members.csv). */
export interface Membership {
  agencyId: string;
  kind: string;
  countyFips: string[];
  evidenceUrl: string;
  evidenceQuote: string;
}

export interface PlaceDeps {
  counties: CountyIndex;
  fbi: FbiIndex;
  corrections: readonly CountyCorrection[];
  overrides: ReadonlyMap<string, GeographyOverride>;
  /** Multi-county bodies' members, by agency ID (none: every multi-county body is left unplaced). */
  members?: ReadonlyMap<string, Membership>;
}

/** The file a multi-county body's counties come from (named in placements and reasons). */
export const MEMBERS_FILE = 'multi-county-members.csv';

type Draft = Omit<Placement, 'ori' | 'oriStatus' | 'oriCandidates'>;

function levelFromType(s: AgencySignals): Level | null {
  if (s.types.length !== 1) return null;
  const t = s.types[0];
  return t === 'county' ? 'county' : t === 'municipality' ? 'municipal' : t === 'state' ? 'state' : null;
}

/** The level: a specific kind named in the name wins (campus, port, regional, constable); then TYPE; then name. */
export function decideLevel(parsed: ParsedName, s: AgencySignals): { level: Level; from: string } {
  // A sheriff is a county officer (in Virginia, of a county or an independent city), whatever TYPE says.
  if (parsed.level === 'county' && parsed.role === 'sheriff')
    return { level: 'county', from: `name:${parsed.pattern}` };
  const specific: Level[] = ['campus', 'port', 'regional', 'multi-county', 'district', 'facility'];
  if (parsed.level && specific.includes(parsed.level))
    return { level: parsed.level, from: `name:${parsed.pattern}` };
  if (parsed.level === 'county' && parsed.pattern === 'x-county')
    return { level: 'county', from: 'name:x-county' };
  const typed = levelFromType(s);
  if (typed) return { level: typed, from: `type:${s.typeRaw.join('|')}` };
  if (parsed.level) return { level: parsed.level, from: `name:${parsed.pattern}` };
  return { level: 'other', from: 'none' };
}

function corrected(
  deps: PlaceDeps,
  state: string,
  value: string,
): { value: string; correction: string | null } {
  const fix = deps.corrections.find((c) => c.state === state && c.wrong === value);
  return fix
    ? { value: fix.correct, correction: `${fix.wrong} → ${fix.correct}` }
    : { value, correction: null };
}

/** The counties ICE's COUNTY column names for the agency (most frequent value first), resolved to FIPS. */
function fromColumn(deps: PlaceDeps, s: AgencySignals) {
  const resolved: { value: string; county: County; correction: string | null }[] = [];
  const failed: { value: string; why: string }[] = [];
  for (const c of s.counties) {
    const v = corrected(deps, s.state, c.value);
    const m = deps.counties.find(s.state, v.value);
    if (m.ok) resolved.push({ value: c.value, county: m.county, correction: v.correction });
    else
      failed.push({
        value: c.value,
        why:
          m.reason === 'ambiguous'
            ? `COUNTY "${c.value}" matches ${m.candidates.length} counties (${m.candidates.map((x) => x.fips).join(', ')})`
            : `COUNTY "${c.value}" is not a county of ${s.state}${suggestion(deps, s.state, v.value)}`,
      });
  }
  return { resolved, failed };
}

/** What the rules of `placeAgency` work from: the agency, its parsed name, its level and what COUNTY says. */
interface Case {
  s: AgencySignals;
  deps: PlaceDeps;
  parsed: ParsedName;
  base: Pick<Draft, 'agencyId' | 'state' | 'name' | 'role'>;
  /** What the placement was made from (recorded with it); the rules add to it. */
  inputs: Record<string, unknown>;
  col: ReturnType<typeof fromColumn>;
  /** The counties COUNTY names, resolved to FIPS. */
  colFips: string[];
  level: Level;
}

function placed(
  c: Case,
  countyFips: string[],
  rule: string,
  confidence: number,
  place: string | null = null,
  reason: string | null = null,
): Draft {
  return {
    ...c.base,
    level: c.level,
    countyFips,
    place,
    method: countyFips.length > 0 || c.level === 'state' ? 'rule' : 'unplaced',
    rule,
    confidence,
    inputs: c.inputs,
    reason,
  };
}

const unplaced = (c: Case, reason: string, place: string | null = null) =>
  placed(c, [], 'none', 0, place, reason);

export function placeAgency(s: AgencySignals, deps: PlaceDeps): Draft {
  const parsed = parseAgencyName(s.name, s.state);
  const base = {
    agencyId: s.agencyId,
    state: s.state,
    name: s.name,
    role: parsed.role,
  };
  const col = fromColumn(deps, s);
  const inputs: Record<string, unknown> = {
    name: s.name,
    county: s.counties.map((c) => c.value),
    type: s.typeRaw,
    parsed: {
      level: parsed.level,
      role: parsed.role,
      county: parsed.county,
      place: parsed.place,
      pattern: parsed.pattern,
    },
  };
  const o = deps.overrides.get(s.agencyId);
  if (o) {
    return {
      ...base,
      level: o.level,
      countyFips: o.countyFips,
      place: o.place,
      method: 'override',
      rule: 'geography-overrides.csv',
      confidence: 1,
      inputs: { ...inputs, evidence: o.evidence },
      reason: null,
    };
  }
  const m = deps.members?.get(s.agencyId);
  if (m) return memberPlacement(base, inputs, m);
  const { level, from } = decideLevel(parsed, s);
  inputs.levelFrom = from;
  const colFips = [...new Set(col.resolved.map((r) => r.county.fips))];
  const corrections = col.resolved.filter((r) => r.correction).map((r) => r.correction);
  if (corrections.length > 0) inputs.countyCorrections = corrections;
  if (col.failed.length > 0) inputs.countyUnresolved = col.failed.map((f) => f.why);
  const c: Case = { s, deps, parsed, base, inputs, col, colFips, level };
  if (level === 'state') return placed(c, [], 'state-agency', from.startsWith('type') ? 1 : 0.9);
  if (level === 'county') return placeCounty(c);
  if (level === 'municipal') return placeMunicipal(c);
  if (level === 'multi-county') return placeMultiCounty(c);
  return placeOther(c);
}

/** A multi-county body placed in every member county the reviewed membership file gives, with its evidence. */
function memberPlacement(
  base: Pick<Draft, 'agencyId' | 'state' | 'name' | 'role'>,
  inputs: Record<string, unknown>,
  m: Membership,
): Draft {
  return {
    ...base,
    level: 'multi-county',
    countyFips: m.countyFips,
    place: null,
    method: 'override',
    rule: MEMBERS_FILE,
    confidence: 1,
    inputs: { ...inputs, membership: { kind: m.kind, url: m.evidenceUrl, quote: m.evidenceQuote } },
    reason: null,
  };
}

/**
 * A multi-county body without a membership entry: the counties its name lists (`Rappahannock, Shenandoah,
 * Warren Regional Jail Authority`), else unplaced with the reason. ICE's COUNTY column names at most one of its
 * counties, so it does not place the body (that would count one member county and miss the others).
 */
function placeMultiCounty(c: Case): Draft {
  const listed = namedCounties(c.deps, c.s);
  if (listed.length > 0) return placed(c, listed, 'name-counties', 0.9);
  const column = c.col.resolved.map((r) => r.value);
  return unplaced(
    c,
    `a body serving several counties (${c.parsed.pattern}): its member counties need a reviewed entry in ${MEMBERS_FILE}, with the statute or the body's own site quoted${
      column.length > 0 ? `; ICE's COUNTY column names only ${column.join(', ')}` : ''
    }`,
  );
}

/** The county a county agency's name names, when it is a county of its state (else why not, in the inputs). */
function countyOfName(c: Case, county: string): Draft | null {
  const { s, deps, inputs, col, colFips } = c;
  const fixed = corrected(deps, s.state, county);
  if (fixed.correction) inputs.nameCorrection = fixed.correction;
  const m = deps.counties.find(s.state, fixed.value);
  if (m.ok) {
    const agrees = colFips.length === 0 || colFips.includes(m.county.fips);
    if (!agrees) inputs.columnDisagrees = col.resolved.map((r) => r.value);
    return placed(
      c,
      [m.county.fips],
      colFips.includes(m.county.fips) ? 'name+county-column' : 'name-county',
      agrees ? 1 : 0.8,
    );
  }
  const elsewhere = m.reason === 'no-match' ? deps.counties.findAnywhere(fixed.value) : [];
  inputs.nameCounty = `${county}: ${
    m.reason === 'ambiguous'
      ? `matches ${m.candidates.map((x) => x.fips).join(', ')}`
      : `no such county in ${s.state}${
          elsewhere.length > 0
            ? ` (a county of ${elsewhere.map((x) => `${x.state} ${x.fips}`).join(', ')}: is the state wrong in ICE's list?)`
            : ''
        }`
  }`;
  return null;
}

/** A county agency: the county its name names, else COUNTY's, else the FBI's. */
function placeCounty(c: Case): Draft {
  const { s, deps, parsed, inputs, col, colFips } = c;
  if (parsed.county) {
    const byName = countyOfName(c, parsed.county);
    if (byName) return byName;
  }
  if (colFips.length === 1) return placed(c, colFips, 'county-column', 0.9);
  if (colFips.length > 1)
    return unplaced(
      c,
      `COUNTY column names several counties: ${col.resolved.map((r) => r.value).join(', ')}`,
    );
  // The FBI names the county of a sheriff's office whose name does not (Jacksonville Sheriff's Office: Duval).
  const fbi = [
    ...new Set([
      ...deps.fbi.byPlaceName(s.state, s.name),
      ...(parsed.role === 'sheriff' && parsed.county
        ? deps.fbi.byPlaceName(s.state, `${parsed.county} Sheriff's Office`)
        : []),
    ]),
  ];
  const fips = fbiCounties(deps, s.state, fbi);
  if (fips.length === 1) {
    inputs.fbi = fbi.map((f) => ({ ori: f.ori, name: f.name, counties: f.counties }));
    return placed(c, fips, 'fbi-county', 0.8);
  }
  return unplaced(
    c,
    [
      inputs.nameCounty as string | undefined,
      ...col.failed.map((f) => f.why),
      s.counties.length === 0 ? 'no COUNTY value' : null,
    ]
      .filter(Boolean)
      .join('; ') || 'the name names no county and ICE gives no COUNTY value',
  );
}

/** A municipal agency: COUNTY's counties, else those of the FBI city of its place name. */
function placeMunicipal(c: Case): Draft {
  const { s, deps, parsed, inputs, col, colFips } = c;
  const place = parsed.place ?? parsed.placeGuess ?? null;
  if (colFips.length === 1) return placed(c, colFips, 'county-column', 0.9, place);
  if (colFips.length > 1) return placed(c, colFips, 'county-column-several', 0.8, place);
  if (place) {
    const cities = deps.fbi.cities(s.state, place);
    const fips = fbiCounties(deps, s.state, cities);
    inputs.fbi = cities.map((f) => ({ ori: f.ori, name: f.name, counties: f.counties }));
    if (cities.length === 1 && fips.length >= 1)
      return placed(
        c,
        fips,
        fips.length === 1 ? 'fbi-city' : 'fbi-city-several-counties',
        fips.length === 1 ? 0.8 : 0.7,
        place,
      );
    if (cities.length > 1 && fips.length === 1) return placed(c, fips, 'fbi-city-same-county', 0.75, place);
    if (cities.length > 1)
      return unplaced(
        c,
        `${cities.length} FBI cities named "${place}" in ${s.state} (${cities.map((x) => x.counties.join('/')).join('; ')}) and no COUNTY value`,
        place,
      );
  }
  return unplaced(
    c,
    [
      ...col.failed.map((f) => f.why),
      place ? `no FBI city named "${place}" in ${s.state}` : 'no place name read from the agency name',
    ]
      .filter(Boolean)
      .join('; '),
    place,
  );
}

/** Campus, port, district, regional, facility, other: a county when the name, COUNTY or the FBI names one. */
function placeOther(c: Case): Draft {
  const { s, deps, parsed, inputs, col, colFips, level } = c;
  if (parsed.county) {
    const fixed = corrected(deps, s.state, parsed.county);
    const m = deps.counties.find(s.state, fixed.value);
    if (m.ok) return placed(c, [m.county.fips], 'name-county', 0.9);
  }
  if (colFips.length === 1) return placed(c, colFips, 'county-column', 0.85);
  if (colFips.length > 1)
    return unplaced(
      c,
      `COUNTY column names several counties (${col.resolved.map((r) => r.value).join(', ')}): two agencies may share this name`,
    );
  const listed = namedCounties(deps, s);
  if (listed.length > 0) return placed(c, listed, 'name-counties', 0.9);
  const fbi = deps.fbi.byName(s.state, s.name);
  const fbiFips = fbiCounties(deps, s.state, fbi);
  if (fbi.length === 1 && fbiFips.length > 0) {
    inputs.fbi = fbi.map((f) => ({ ori: f.ori, name: f.name, counties: f.counties }));
    return placed(c, fbiFips, 'fbi-name', 0.8);
  }
  if (level === 'regional')
    return unplaced(
      c,
      'a regional agency: the counties it serves need a reviewed override (geography-overrides.csv)',
    );
  return unplaced(
    c,
    [
      ...col.failed.map((f) => f.why),
      `a ${level} agency whose name names no county, and no usable COUNTY value`,
    ].join('; '),
  );
}

/** Counties listed in a regional agency's name: `Rappahannock, Shenandoah, Warren Regional Jail Authority`. */
function namedCounties(deps: PlaceDeps, s: AgencySignals): string[] {
  const m = /^(.+?)\s+regional\b/i.exec(s.name);
  if (!m?.[1] || !/,|\band\b|&|\//.test(m[1])) return [];
  const parts = m[1].split(/\s*(?:,|\band\b|&|\/)\s*/).filter(Boolean);
  const out: string[] = [];
  for (const p of parts) {
    const found = deps.counties.find(s.state, corrected(deps, s.state, p).value);
    if (!found.ok) return [];
    out.push(found.county.fips);
  }
  return out;
}

function suggestion(deps: PlaceDeps, state: string, value: string): string {
  const c = deps.counties.suggest(state, value);
  return c ? ` (did you mean ${c.name}, ${c.fips}? add it to county-corrections.csv)` : '';
}

function fbiCounties(deps: PlaceDeps, state: string, rows: { counties: string[] }[]): string[] {
  const out = new Set<string>();
  for (const r of rows)
    for (const c of r.counties) {
      const m = deps.counties.find(state, c);
      if (m.ok) out.add(m.county.fips);
    }
  return [...out];
}
