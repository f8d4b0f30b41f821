/**
 * The ORI crosswalk: each agency linked to its FBI ORI where exactly one FBI row fits. Several candidates (two
 * cities of one name in a state, a sheriff and a jail listed apart) are flagged with the candidates, not guessed;
 * an ORI that two of our agencies would share is flagged on both.
 *
 * The FBI table's conventions (src/sources/fbi-lee/NOTES.md) are read as rules here:
 * - its own state codes (`NB` Nebraska, `GM` Guam, `FS` federal) are read as USPS codes by the index;
 * - a county's rows of type `County`: the one named by the county alone (`Cobb`) is the sheriff's (or the
 *   county's) agency, a county police department is written out (`Cobb County Police Department`). A sheriff
 *   never takes a county police row, a county police never takes the bare county row (which may be the
 *   sheriff's: it is flagged, with that row as the candidate, when the county has no county police row);
 * - campus rows (`University or College`) are candidates only for campus agencies, and a campus agency is
 *   matched by its institution; a name cut with `:` (one row per campus) only within the agency's county.
 */

import type { OriStatus, Placement } from '../domain/geography.ts';
import { CAMPUS_TYPE, type FbiAgency, leeBaseName } from '../sources/fbi-lee/read-lee.ts';
import type { CountyIndex } from './counties.ts';
import { countyKey } from './county-name.ts';
import { type FbiIndex, institutionOf } from './fbi-index.ts';
import { parseAgencyName } from './name-parser.ts';

type Draft = Omit<Placement, 'ori' | 'oriStatus' | 'oriCandidates'>;

/** What fits an agency: the rows, and when one row is not enough to link (a flag), why. */
interface Fit {
  rows: FbiAgency[];
  flag?: string;
}

/** FBI county names: `RICHMOND CITY` for an independent city, `RICHMOND` for the county. */
function fbiCountyName(c: { name: string; city: boolean }): string {
  return `${c.name}${c.city && !/city$/i.test(c.name) ? ' City' : ''}`;
}

/** Whether an FBI row serves the county (by the FBI's county names). */
function servesCounty(a: FbiAgency, county: { name: string; city: boolean }): boolean {
  const want = countyKey(fbiCountyName(county));
  return a.counties.some((c) => {
    const k = countyKey(c);
    return k.key === want.key && (k.city ?? false) === county.city;
  });
}

/** An FBI row named as a county police department: `St. Charles County Police Department`. */
export function isCountyPoliceRow(a: FbiAgency): boolean {
  return a.type === 'County' && /\b(county|parish)\s+police\b/i.test(a.name);
}

/** An FBI row named by its county alone (`Cobb`, `Nassau`): the county's agency, normally its sheriff. */
function isBareCountyRow(a: FbiAgency, countyName: string): boolean {
  return a.type === 'County' && countyKey(a.name).key === countyKey(countyName).key;
}

/**
 * A county agency: the rows of its county that fit its role. A police agency is looked up as a county police
 * only when its name says so (`Nassau County Police Department`); a town's police ICE typed `County` is not.
 */
function countyFit(name: string, role: string, inCounty: FbiAgency[], countyName: string): Fit {
  const rows = inCounty.filter((a) => a.type !== CAMPUS_TYPE);
  if (role === 'sheriff')
    return {
      rows: rows.filter(
        (a) => !isCountyPoliceRow(a) && (/sheriff/i.test(a.name) || isBareCountyRow(a, countyName)),
      ),
    };
  if (role === 'jail' || role === 'corrections')
    return { rows: rows.filter((a) => /jail|detention|correction/i.test(a.name)) };
  if (role === 'police' && /\b(county|parish)\s+police\b/i.test(name)) {
    const police = rows.filter(isCountyPoliceRow);
    if (police.length > 0) return { rows: police };
    const bare = rows.filter((a) => isBareCountyRow(a, countyName));
    return bare.length > 0
      ? {
          rows: bare,
          flag: `the FBI lists no county police row in this county; its row named by the county alone (${bare.map((a) => `${a.ori} ${a.name}`).join('; ')}) may be the sheriff's or the county police's`,
        }
      : { rows: [] };
  }
  return { rows: [] };
}

/** A campus agency: the campus rows of its institution; a cut name (one row per campus) only in its county. */
function campusFit(d: Draft, fbi: FbiIndex, counties: CountyIndex): Fit {
  const rows = fbi.campuses(d.state, institutionOf(d.name));
  if (rows.length === 0) return { rows };
  const mine = d.countyFips.flatMap((f) => counties.byFips.get(f) ?? []);
  const local = rows.filter((a) => mine.some((c) => servesCounty(a, c)));
  if (local.length > 0) return { rows: local };
  if (rows.some((a) => leeBaseName(a.name).truncated))
    return {
      rows,
      flag: `the FBI writes ${rows[0]?.name ?? 'this institution'} once per campus, and none of its rows is in the agency's county`,
    };
  return { rows };
}

function candidates(d: Draft, fbi: FbiIndex, counties: CountyIndex): Fit {
  const parsed = parseAgencyName(d.name, d.state);
  if (d.level === 'campus') return campusFit(d, fbi, counties);
  // Campus rows are never another kind of agency (`State University of New York Police:` is not Nassau's police).
  const exact = fbi.byName(d.state, d.name).filter((a) => a.type !== CAMPUS_TYPE);
  if (exact.length > 0) return { rows: exact };
  const fips = d.countyFips.length === 1 ? d.countyFips[0] : undefined;
  const county = fips ? counties.byFips.get(fips) : undefined;
  if (d.level === 'county' && county) {
    const inCounty = fbi.inState(d.state).filter((a) => servesCounty(a, county));
    return countyFit(d.name, parsed.role, inCounty, fbiCountyName(county));
  }
  if (d.level === 'municipal' && d.place) {
    let cities = fbi.cities(d.state, d.place);
    if (cities.length > 1 && county) {
      const inCounty = cities.filter((a) =>
        a.counties.some((c) => countyKey(c).key === countyKey(fbiCountyName(county)).key),
      );
      if (inCounty.length > 0) cities = inCounty;
    }
    return { rows: cities };
  }
  return { rows: [] };
}

/** Adds the ORI link to each placement; flags ORIs that more than one agency would take. */
export function linkOris(drafts: Draft[], fbi: FbiIndex, counties: CountyIndex): Placement[] {
  const found = drafts.map((d) => candidates(d, fbi, counties));
  const takers = new Map<string, string[]>();
  found.forEach((f, i) => {
    const c = f.rows;
    if (c.length === 1 && c[0] && !f.flag)
      takers.set(c[0].ori, [...(takers.get(c[0].ori) ?? []), drafts[i]?.agencyId ?? '']);
  });
  return drafts.map((d, i) => {
    const f = found[i] ?? { rows: [] };
    const c = f.rows;
    let status: OriStatus = c.length === 1 && !f.flag ? 'matched' : c.length > 0 ? 'ambiguous' : 'none';
    const ori = c.length === 1 && c[0] ? c[0].ori : null;
    const inputs = { ...d.inputs };
    if (c.length > 1)
      inputs.oriNote = `${c.length} FBI agencies fit: ${c.map((a) => `${a.ori} ${a.name}`).join('; ')}`;
    else if (f.flag && c.length > 0) inputs.oriNote = f.flag;
    const sharers = status === 'matched' && ori ? (takers.get(ori) ?? []) : [];
    if (ori && sharers.length > 1) {
      status = 'ambiguous';
      inputs.oriNote = `ORI ${ori} would be shared by ${sharers.join(', ')}`;
    }
    return {
      ...d,
      inputs,
      ori: status === 'matched' ? ori : null,
      oriStatus: status,
      oriCandidates: status === 'ambiguous' ? c.map((a) => a.ori) : [],
    };
  });
}
