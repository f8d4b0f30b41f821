/**
 * What the ledger says about where each agency is: every distinct row ICE published for it (its names, states,
 * COUNTY and TYPE values), gathered from the stored row versions and tied to agencies through the identity
 * decisions (one per state and name key). The latest name of each agency comes from `agency_names`. The rows
 * come from the store (store/placements.ts); everything here is computed from them.
 */
import { cleanText, isMissing } from '../domain/text.ts';
import type { JurisdictionType } from '../domain/types.ts';
import { agencyKey } from '../normalize/agency-name.ts';
import { normalizeJurisdictionType } from '../normalize/jurisdiction-type.ts';
import { normalizeState } from '../normalize/state.ts';

export interface AgencySignals {
  agencyId: string;
  /** Latest state and name as listed. */
  state: string;
  name: string;
  /** Every name listed for the agency in its latest state. */
  names: string[];
  /** COUNTY values as published (cleaned of spaces), with how many distinct rows carried each. */
  counties: { value: string; rows: number }[];
  types: JurisdictionType[];
  /** Raw TYPE values, for the explanation. */
  typeRaw: string[];
}

/** COUNTY texts that say "none": `N/A`, `#n?A`, `NA`, a bare `County`, dashes. */
const NO_COUNTY = /^(#?n\s*[/?]?\s*a|none|unknown|county|statewide|-+)$/i;

/** One distinct row as published, in the fields placement reads, with the agency key it belongs to. */
export interface RowSignal {
  /** `STATE|matching key` of the row's state and agency name; null when either is missing. */
  key: string | null;
  state: string | null;
  name: string | null;
  county: string | null;
  countyType: string | null;
  type: string | null;
}

/** A distinct row's fields as stored, before its agency key is made. */
export type RowFields = Omit<RowSignal, 'key'>;

/** The rows with their agency keys (`STATE|matching key`). */
export function keyRows(rows: RowFields[]): RowSignal[] {
  return rows.map((r) => {
    const st = normalizeState(r.state).code;
    return { key: st && r.name ? `${st}|${agencyKey(r.name, st)}` : null, ...r };
  });
}

/** The rows with their agency keys, each distinct row once (rows read in several chunks repeat across them). */
export function distinctKeyedRows(rows: RowFields[]): RowSignal[] {
  const seen = new Set<string>();
  return keyRows(rows).filter((r) => {
    const id = rowIdentity(r);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** The same distinct row (every field alike). */
export function rowIdentity(r: RowSignal): string {
  return JSON.stringify([r.state, r.name, r.county, r.countyType, r.type]);
}

/** Who holds each agency key, and where merged agencies went. */
export interface Owners {
  agencyOf: Map<string, string>;
  merged: Map<string, string | null>;
}

/** The agency (after merges) a row key belongs to. */
export function ownerOf(owners: Owners, key: string | null): string | undefined {
  let id = key ? owners.agencyOf.get(key) : undefined;
  while (id && owners.merged.get(id)) id = owners.merged.get(id) ?? undefined;
  return id;
}

export interface AgencyNameRow {
  agency_id: string;
  state: string;
  name: string;
  last_seen: string | null;
  first_seen: string;
}

/** The latest state and name each agency was listed under. */
export function latestNames(names: AgencyNameRow[]): Map<string, { state: string; name: string }> {
  const latest = new Map<string, { state: string; name: string; at: string; first: string }>();
  for (const n of names) {
    const at = n.last_seen ?? '9999-12-31';
    const cur = latest.get(n.agency_id);
    if (!cur || at > cur.at || (at === cur.at && n.first_seen > cur.first))
      latest.set(n.agency_id, { state: n.state, name: n.name, at, first: n.first_seen });
  }
  return latest;
}

/**
 * Each agency's signals from the distinct rows given (every row of the agencies wanted must be among them) and
 * the agency names; only the agencies in `only` when given.
 */
export function buildSignals(
  rows: readonly RowSignal[],
  owners: Owners,
  names: AgencyNameRow[],
  only?: ReadonlySet<string>,
): AgencySignals[] {
  const byAgency = new Map<string, AgencySignals>();
  for (const [id, l] of latestNames(names)) {
    if (owners.merged.get(id) || (only && !only.has(id))) continue;
    byAgency.set(id, {
      agencyId: id,
      state: l.state,
      name: l.name,
      names: [],
      counties: [],
      types: [],
      typeRaw: [],
    });
  }
  for (const n of names) {
    const s = byAgency.get(n.agency_id);
    if (s && n.state === s.state && !s.names.includes(n.name)) s.names.push(n.name);
  }
  for (const r of rows) {
    const id = ownerOf(owners, r.key);
    const s = id ? byAgency.get(id) : undefined;
    if (!s || !r.key?.startsWith(`${s.state}|`)) continue;
    if (
      r.county !== null &&
      !isMissing(r.county, r.countyType ?? undefined) &&
      !NO_COUNTY.test(cleanText(r.county))
    ) {
      const value = cleanText(r.county);
      const c = s.counties.find((x) => x.value === value);
      if (c) c.rows++;
      else s.counties.push({ value, rows: 1 });
    }
    const t = normalizeJurisdictionType(r.type);
    if (t && !s.types.includes(t)) s.types.push(t);
    if (r.type && !s.typeRaw.includes(cleanText(r.type))) s.typeRaw.push(cleanText(r.type));
  }
  for (const s of byAgency.values()) {
    s.counties.sort((a, b) => b.rows - a.rows || a.value.localeCompare(b.value));
    s.names.sort();
    s.types.sort();
    s.typeRaw.sort();
  }
  return [...byAgency.values()].sort((a, b) => a.agencyId.localeCompare(b.agencyId));
}
