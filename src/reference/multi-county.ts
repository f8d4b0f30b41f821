/**
 * The membership file of multi-county bodies (multi-county-members.csv): each regional jail authority, judicial
 * circuit (and its prosecutor) or multi-county task force with the counties it serves, and the evidence: the
 * statute, the body's own site or an official site of the circuit it serves, its URL and the passage quoted.
 * Only a source actually read is written here; a body without one stays unplaced (and listed with the reason).
 */
import { readFileSync } from 'node:fs';
import { ReferenceFileError } from '../domain/errors.ts';
import { parseReference, REFERENCE_DIR, SPECS } from './load.ts';
import { stateByUsps } from './us-states.ts';

export interface MemberEntry {
  agencyId: string;
  state: string;
  name: string;
  kind: string;
  countyFips: string[];
  evidenceKind: string;
  evidenceUrl: string;
  evidenceQuote: string;
  reviewed: string;
  /** The entry's line in the file (for errors found later, e.g. a FIPS code the county shapes do not hold). */
  line: number;
}

/** Checks one entry's fields beyond their shape; throws naming file, line and field. */
function entryOf(r: Record<string, string>, line: number, file: string): MemberEntry {
  const fail = (field: string, message: string) => {
    throw new ReferenceFileError(file, line, `${field}: ${message}`);
  };
  const agencyId = r.agency_id ?? '';
  if (!/^agy-[0-9a-z]{10}$/.test(agencyId)) fail('agency_id', `"${agencyId}" is not an agency ID`);
  const state = stateByUsps(r.state ?? '');
  if (!state) fail('state', `"${r.state}" is not a USPS state code`);
  const countyFips = (r.county_fips ?? '').split(/[;\s]+/).filter(Boolean);
  for (const f of countyFips) {
    if (!/^\d{5}$/.test(f)) fail('county_fips', `"${f}" is not a 5-digit county FIPS code`);
    if (state && !f.startsWith(state.fips))
      fail('county_fips', `${f} is not a county of ${state.usps} (its FIPS codes begin ${state.fips})`);
  }
  if (new Set(countyFips).size !== countyFips.length) fail('county_fips', 'a county is listed twice');
  if (countyFips.length < 2) fail('county_fips', 'a multi-county body lists at least two counties');
  if (!/^https?:\/\/\S+$/.test(r.evidence_url ?? '')) fail('evidence_url', 'not an http(s) URL');
  if ((r.evidence ?? '').length < 20) fail('evidence', 'quote the passage that names the counties');
  return {
    agencyId,
    state: state?.usps ?? '',
    name: r.name ?? '',
    kind: r.kind ?? '',
    countyFips,
    evidenceKind: r.evidence_kind ?? '',
    evidenceUrl: r.evidence_url ?? '',
    evidenceQuote: r.evidence ?? '',
    reviewed: r.reviewed ?? '',
    line,
  };
}

/** Parses the membership file's text; a bad row is refused with the file, its line and the field. */
export function parseMembers(text: string, file: string = SPECS.multiCountyMembers.file): MemberEntry[] {
  const spec = { ...SPECS.multiCountyMembers, file };
  const seen = new Map<string, number>();
  return parseReference(spec, text).map((r, i) => {
    const e = entryOf(r, i + 2, file);
    const before = seen.get(e.agencyId);
    if (before !== undefined)
      throw new ReferenceFileError(
        file,
        e.line,
        `agency_id: ${e.agencyId} is already listed on line ${before}`,
      );
    seen.set(e.agencyId, e.line);
    return e;
  });
}

export function loadMembers(dir = REFERENCE_DIR): MemberEntry[] {
  const file = SPECS.multiCountyMembers.file;
  return parseMembers(readFileSync(`${dir}/${file}`, 'utf8'), file);
}
