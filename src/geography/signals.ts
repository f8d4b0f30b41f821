/**
 * What the ledger says about where each agency is: every distinct row ICE published for it (its names, states,
 * COUNTY and TYPE values), gathered from the stored row versions and tied to agencies through the identity
 * decisions (one per state and name key). The latest name of each agency comes from `agency_names`.
 */
import { type Kysely, sql } from 'kysely';
import { agencyKey } from '../pipeline/normalize/agency-name.ts';
import { normalizeJurisdictionType } from '../pipeline/normalize/jurisdiction-type.ts';
import { normalizeState } from '../pipeline/normalize/state.ts';
import { cleanText, isMissing } from '../pipeline/normalize/text.ts';
import type { JurisdictionType } from '../pipeline/types.ts';
import type { Database } from '../store/schema.ts';
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

interface RowSignal {
  state: string | null;
  name: string | null;
  county: string | null;
  countyType: string | null;
  type: string | null;
}

export async function gatherSignals(db: Kysely<Database>): Promise<AgencySignals[]> {
  const rows = {
    rows: await selectJson(
      db,
      sql<RowSignal>`
    select distinct cells->'STATE'->>'v' as state, cells->'LAW ENFORCEMENT AGENCY'->>'v' as name,
           cells->'COUNTY'->>'v' as county, cells->'COUNTY'->>'t' as "countyType", cells->'TYPE'->>'v' as type
    from row_versions`,
    ),
  };
  const decisions = await selectJson(
    db,
    db.selectFrom('identity_decisions').select(['state', 'name_key', 'agency_id']),
  );
  const agencyOf = new Map(decisions.map((d) => [`${d.state}|${d.name_key}`, d.agency_id]));
  const merged = new Map(
    (await selectJson(db, db.selectFrom('agencies').select(['agency_id', 'merged_into']))).map((a) => [
      a.agency_id,
      a.merged_into,
    ]),
  );
  const names = await selectJson(
    db,
    db.selectFrom('agency_names').select(['agency_id', 'state', 'name', 'last_seen', 'first_seen']),
  );
  const byAgency = new Map<string, AgencySignals>();
  const latest = new Map<string, { state: string; name: string; at: string; first: string }>();
  for (const n of names) {
    const at = n.last_seen ?? '9999-12-31';
    const cur = latest.get(n.agency_id);
    if (!cur || at > cur.at || (at === cur.at && n.first_seen > cur.first))
      latest.set(n.agency_id, { state: n.state, name: n.name, at, first: n.first_seen });
  }
  for (const [id, l] of latest) {
    if (merged.get(id)) continue;
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
  for (const r of rows.rows) {
    const st = normalizeState(r.state).code;
    if (!st || !r.name) continue;
    let id = agencyOf.get(`${st}|${agencyKey(r.name, st)}`);
    while (id && merged.get(id)) id = merged.get(id) ?? undefined;
    const s = id ? byAgency.get(id) : undefined;
    if (!s || s.state !== st) continue;
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
