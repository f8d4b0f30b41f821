/**
 * What the ledger says about where each agency is: every distinct row ICE published for it (its names, states,
 * COUNTY and TYPE values), gathered from the stored row versions and tied to agencies through the identity
 * decisions (one per state and name key). The latest name of each agency comes from `agency_names`.
 */
import { sql } from 'kysely';
import { cleanText, isMissing } from '../domain/text.ts';
import type { JurisdictionType } from '../domain/types.ts';
import { agencyKey } from '../normalize/agency-name.ts';
import { normalizeJurisdictionType } from '../normalize/jurisdiction-type.ts';
import { normalizeState } from '../normalize/state.ts';
import type { Db } from '../store/db.ts';
import { selectJson } from '../store/select-json.ts';

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

const SIGNAL_FIELDS = sql`cells->'STATE'->>'v' as state, cells->'LAW ENFORCEMENT AGENCY'->>'v' as name,
  cells->'COUNTY'->>'v' as county, cells->'COUNTY'->>'t' as "countyType", cells->'TYPE'->>'v' as type`;

function withKeys(rows: Omit<RowSignal, 'key'>[]): RowSignal[] {
  return rows.map((r) => {
    const st = normalizeState(r.state).code;
    return { key: st && r.name ? `${st}|${agencyKey(r.name, st)}` : null, ...r };
  });
}

/** Every distinct row of the ledger (a scan of every stored row version). */
export async function allRowSignals(db: Db): Promise<RowSignal[]> {
  return withKeys(await selectJson(db, sql<RowSignal>`select distinct ${SIGNAL_FIELDS} from row_versions`));
}

/** The distinct rows of some row versions (an incremental update: the versions the new lists brought). */
export async function versionRowSignals(db: Db, hashes: string[]): Promise<RowSignal[]> {
  const out: Omit<RowSignal, 'key'>[] = [];
  for (let i = 0; i < hashes.length; i += 1000)
    out.push(
      ...(await selectJson(
        db,
        sql<RowSignal>`select distinct ${SIGNAL_FIELDS} from row_versions
          where hash in (${sql.join(hashes.slice(i, i + 1000))})`,
      )),
    );
  // Distinct across chunks too.
  const seen = new Set<string>();
  return withKeys(out).filter((r) => {
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

export async function readOwners(db: Db): Promise<Owners> {
  const decisions = await selectJson(
    db,
    db.selectFrom('identity_decisions').select(['state', 'name_key', 'agency_id']),
  );
  const merged = new Map(
    (await selectJson(db, db.selectFrom('agencies').select(['agency_id', 'merged_into']))).map((a) => [
      a.agency_id,
      a.merged_into,
    ]),
  );
  return { agencyOf: new Map(decisions.map((d) => [`${d.state}|${d.name_key}`, d.agency_id])), merged };
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

export async function readAgencyNames(db: Db): Promise<AgencyNameRow[]> {
  return selectJson(
    db,
    db.selectFrom('agency_names').select(['agency_id', 'state', 'name', 'last_seen', 'first_seen']),
  );
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

/** Every agency's signals, from every stored row. */
export async function gatherSignals(db: Db): Promise<AgencySignals[]> {
  return buildSignals(await allRowSignals(db), await readOwners(db), await readAgencyNames(db));
}
