/**
 * Reads what an agency's name says about its jurisdiction: `X County Sheriff's Office` (a county, its sheriff),
 * `X Parish Sheriff's Office`, `City of Y Police Department` / `Y Police Department` (a city), `Richmond City
 * Sheriff's Office` (a Virginia independent city), `Harris County Constable Precinct 4` (a constable district),
 * `… Regional Jail` (several counties), campus police, airports and ports, state departments. The result is a
 * hint: placement weighs it against ICE's TYPE and COUNTY columns and the FBI table.
 */

import type { Level } from '../domain/geography.ts';
import { cleanText } from '../domain/text.ts';
import { stateByUsps } from '../reference/us-states.ts';

/** Who the agency is inside its jurisdiction: the sheriff and the county jail are what "county coverage" means. */
export type Role = 'sheriff' | 'jail' | 'police' | 'government' | 'corrections' | 'other';

export interface ParsedName {
  level: Level | null;
  role: Role;
  /** The county named in the name, with its kind word (`Pasco County`, `Calcasieu Parish`, `Richmond City`). */
  county: string | null;
  /** The city, town or village named in the name (for a city agency). */
  place: string | null;
  /** The place the name would give if the agency is a city one (`Indian River Shores` in `Indian River Shores
   * Department of Public Safety`, which reads like a state department). */
  placeGuess: string | null;
  /** Which pattern decided (for the explanation). */
  pattern: string;
}

/** Alaska's boroughs are county equivalents; elsewhere (Pennsylvania, New Jersey) a borough is a town. */
const countyWord = (state?: string | null) =>
  state === 'AK' ? '(?:county|parish|borough)' : '(?:county|parish)';

function words(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function role(lower: string): Role {
  if (/\bsheriff/.test(lower)) return 'sheriff';
  if (/\b(jail|detention|correctional center|corrections center)\b/.test(lower)) return 'jail';
  if (/\b(department of corrections?|corrections? department|division of corrections?)\b/.test(lower))
    return 'corrections';
  if (/\b(police|marshal|public safety|constable|patrol|law enforcement)\b/.test(lower)) return 'police';
  if (
    /\b(board of county commissioners|bocc|commission|county government|fiscal court|board of supervisors)\b/.test(
      lower,
    )
  )
    return 'government';
  return 'other';
}

const ORDINAL =
  '(?:\\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty[- ]?\\w+|thirtieth)';

/**
 * Bodies that serve several counties by their nature (they get the `multi-county` level, and their counties come
 * from the reviewed membership file): regional jails and jail authorities; judicial circuits and districts and
 * the prosecutors and task forces named after one (`Office of the State Attorney, 20th Judicial Circuit`,
 * `Office of The District Attorney - Eighth District`, `16th Judicial Distric Drug Task Force`); multi-county
 * task forces. A prosecutor named after one county (`Parker County District Attorney's Office`) is not one.
 */
function multiCountyPattern(lower: string, countyName: string | null): string | null {
  if (
    (/\bregional\b/.test(lower) &&
      /\b(jail|detention|correctional|corrections|authority|facility)\b/.test(lower)) ||
    /\bjail authority\b/.test(lower)
  )
    return 'regional-jail';
  if (countyName) return null;
  if (/\bjudicial\s+(circuit|distr?ict?)\b/.test(lower)) return 'judicial-circuit';
  if (
    /\b(district|state'?s?|prosecuting) attorney/.test(lower) &&
    new RegExp(`\\b${ORDINAL}\\s+(judicial\\s+)?(district|circuit)\\b`).test(lower)
  )
    return 'judicial-circuit';
  if (/\b(multi-?county|tri-county|bi-county|regional)\b.*\btask force\b/.test(lower))
    return 'multi-county-task-force';
  return null;
}

/** Parses a cleaned agency name; `state` (USPS) lets Virginia's `X City` read as an independent city. */
export function parseAgencyName(raw: string, state?: string | null): ParsedName {
  const name = cleanText(raw)
    .replace(/^the\s+/i, '')
    .replace(/[\u2019]/g, "'");
  const lower = name.toLowerCase();
  const r = role(lower);
  const cityOf =
    /^(?:city|town|village|borough|township|municipality)\s+of\s+(.+?)(?:\s+(?:police|marshal|public safety|department)\b.*)?$/i.exec(
      name,
    );
  const police = /^(.+?)\s+(?:police|pd\b|marshal'?s?|department of public safety|public safety)/i.exec(name);
  const guess = cityOf?.[1] ?? police?.[1] ?? null;
  const out = (
    level: Level | null,
    pattern: string,
    county: string | null = null,
    place: string | null = null,
  ) => ({
    level,
    role: r,
    county: county ? words(county) : null,
    place: place ? words(place) : null,
    placeGuess: guess ? words(guess) : null,
    pattern,
  });

  // "X County …" / "X Parish …" / "County of X" (the county is named first).
  const countyFirst = new RegExp(`^(.+?\\s${countyWord(state)})\\b`, 'i').exec(name);
  const countyOf = /^county of\s+([^,]+?)(?:\s+(?:sheriff|police|jail|department|board|office)\b|,|$)/i.exec(
    name,
  );
  const countyName = countyFirst?.[1] ?? (countyOf?.[1] ? `${countyOf[1]} County` : null);

  const multi = multiCountyPattern(lower, countyName);
  if (multi) return out('multi-county', multi, countyName);
  if (/\bconstable|\bjustice of the peace|\bjudicial district|\bdistrict attorney|\bsolicitor\b/.test(lower))
    return out('district', 'constable-or-judicial', countyName);
  if (/\b(university|college|campus|school district|public schools|community schools)\b/.test(lower))
    return out('campus', 'campus', countyName);
  if (/\b(airport|port authority|port of|seaport|aviation authority)\b/.test(lower))
    return out('port', 'airport-or-port', countyName);
  if (/\b(regional|cooperative)\b.*\bpolice\b|\bpolice (cooperative|commission)\b/.test(lower))
    return out('regional', 'regional-police', countyName);

  if (countyName) {
    // "Orange County Police Department" is a county police, "Miami-Dade County Department of Corrections" the
    // county jail: all county-level.
    return out('county', countyFirst ? 'x-county' : 'county-of-x', countyName);
  }
  // "Richmond City Sheriff's Office", "Jacksonville Sheriff's Office", "Lee Sheriff's Office".
  const sheriff = /^(.+?)\s+(?:county\s+)?sheriff'?s?\b/i.exec(name);
  if (sheriff?.[1] && !/^(office of( the)?|city of)$/i.test(sheriff[1].trim()))
    return out('county', 'x-sheriff', sheriff[1]);
  const citySheriff = /^city of\s+(.+?)\s+sheriff/i.exec(name);
  if (citySheriff?.[1]) return out('county', 'city-of-x-sheriff', `${citySheriff[1]} City`);

  // State agencies: named after the state (`West Virginia Division of Corrections`, `Louisiana Alcohol and
  // Tobacco Control`), or state-level words.
  const stateName = state ? stateByUsps(state)?.name.toLowerCase() : undefined;
  if (
    stateName &&
    lower.startsWith(`${stateName} `) &&
    /^(department|dept|division|bureau|office|commission|highway|state|alcohol|fish|game|wildlife|capitol|national|attorney|marine|board|parole|probation|corrections?|motor|gaming|lottery|port)\b/.test(
      lower.slice(stateName.length + 1),
    )
  )
    return out('state', 'state-name');
  if (
    /\b(state police|highway patrol|state patrol|state troopers?|national guard|attorney general|governor|bureau of investigation|state bureau|state of)\b/.test(
      lower,
    ) ||
    /^(department|dept\.?|office|division|bureau|commission) of\b/.test(lower) ||
    /\b(department|dept\.?) of (public safety|corrections?|criminal justice|law enforcement|justice|revenue|transportation|natural resources|fish|wildlife|agriculture|motor vehicles|state|homeland security|emergency|financial services|insurance|children|health|labor|commerce)\b/.test(
      lower,
    )
  )
    return out('state', 'state-agency');

  // Cities, towns, villages, boroughs, townships.
  if (cityOf?.[1]) return out('municipal', 'city-of-x', null, cityOf[1]);
  if (police?.[1]) return out('municipal', 'x-police', null, police[1]);

  if (/\b(detention|correctional|corrections|jail|processing center)\b/.test(lower))
    return out('facility', 'facility');
  if (state && /\bcity\b/i.test(name))
    return out('municipal', 'x-city', null, name.replace(/\s+city\b.*$/i, ''));
  return out(null, 'none');
}
