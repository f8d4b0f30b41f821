/**
 * The agencies table (every agency minted, never changed but for merges) and agency_names (the names listed):
 * the ingest's writes and reads, lookup by ID or name, one agency's rows (names, agreements, events, identity
 * decisions), the list of agencies, and the bulk rows the read model is built from.
 */

import type { AgencyRecord } from '../domain/identity.ts';
import type { AgencyNameRow } from '../geography/signals.ts';
import { listAgreements } from './agreements.ts';
import type { Db } from './db.ts';
import { DECISION_COLUMNS } from './identity.ts';
import { insertJson } from './insert-json.ts';
import { latestSightings, resolveName } from './publications.ts';
import { selectJson } from './select-json.ts';

/** Follows merges from an agency ID to the one it now resolves to (at most 10 steps). */
async function canonicalId(db: Db, id: string): Promise<string> {
  let cur = id;
  for (let i = 0; i < 10; i++) {
    const r = await db
      .selectFrom('agencies')
      .select('merged_into')
      .where('agency_id', '=', cur)
      .executeTakeFirst();
    if (!r?.merged_into) break;
    cur = r.merged_into;
  }
  return cur;
}

export interface AgencyLookup {
  /** An agency ID, or words of a name. */
  text: string;
  /** The USPS code the caller read from its argument, if any. */
  state?: string | undefined;
  /** The name's matching key (normalize/agency-name.ts `agencyKey`) in that state. */
  key: string;
}

/** Agencies by ID, or by name (exact matching key first, then a substring of any name it was listed under). */
export async function findAgencyIds(db: Db, q: AgencyLookup): Promise<string[]> {
  const byId = await db
    .selectFrom('agencies')
    .select('agency_id')
    .where('agency_id', '=', q.text.trim())
    .executeTakeFirst();
  if (byId) return [await canonicalId(db, byId.agency_id)];
  const st = q.state;
  let dq = db.selectFrom('identity_decisions').select('agency_id').where('name_key', '=', q.key);
  if (st) dq = dq.where('state', '=', st);
  const exact = [...new Set((await dq.execute()).map((r) => r.agency_id))];
  if (exact.length > 0) return [...new Set(await Promise.all(exact.map((id) => canonicalId(db, id))))];
  let nq = db.selectFrom('agency_names').select('agency_id').where('name', 'ilike', `%${q.text.trim()}%`);
  if (st) nq = nq.where('state', '=', st);
  return [...new Set((await nq.execute()).map((r) => r.agency_id))];
}

/**
 * One agency's rows: the agency, its names (open ends filled in), its agreements, events and identity decisions
 * (read/agencies.ts makes its detail of them).
 */
export async function agencyDetailRows(db: Db, agencyId: string) {
  const agency = await db
    .selectFrom('agencies')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
  if (!agency) return undefined;
  const current = await latestSightings(db);
  const names = (
    await db
      .selectFrom('agency_names')
      .select(['state', 'name', 'first_seen', 'last_seen'])
      .where('agency_id', '=', agencyId)
      .orderBy('first_seen')
      .execute()
  ).map((n) => resolveName(n, current.any));
  const agreements = await listAgreements(db, { agencyId });
  const events = await db
    .selectFrom('events')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .orderBy('date')
    .execute();
  const decisions = await db
    .selectFrom('identity_decisions')
    .select(DECISION_COLUMNS)
    .where('agency_id', '=', agencyId)
    .orderBy('decided_on')
    .execute();
  return { agency, names, agreements, events, decisions };
}

export async function listAgencies(db: Db) {
  const agencies = await db
    .selectFrom('agencies')
    .selectAll()
    .where('merged_into', 'is', null)
    .orderBy('state')
    .execute();
  const current = await latestSightings(db);
  const names = (await db.selectFrom('agency_names').selectAll().execute()).map((n) =>
    resolveName(n, current.any),
  );
  const agreements = await db.selectFrom('agreements').select(['agency_id', 'status', 'model']).execute();
  const latest = new Map<string, { name: string; state: string; last_seen: string }>();
  const all = new Map<string, string[]>();
  for (const n of names) {
    const cur = latest.get(n.agency_id);
    if (!cur || n.last_seen > cur.last_seen) latest.set(n.agency_id, n);
    all.set(n.agency_id, [...(all.get(n.agency_id) ?? []), n.name]);
  }
  return agencies.map((a) => {
    const mine = agreements.filter((x) => x.agency_id === a.agency_id);
    const l = latest.get(a.agency_id);
    return {
      agencyId: a.agency_id,
      name: l?.name ?? a.first_name,
      state: l?.state ?? a.state,
      status: mine.some((x) => x.status === 'active')
        ? 'active'
        : mine.some((x) => x.status === 'pending')
          ? 'pending'
          : 'removed',
      models: [...new Set(mine.filter((x) => x.status === 'active').map((x) => x.model))].sort().join(' '),
      firstSeen: a.first_seen,
      names: [...new Set(all.get(a.agency_id) ?? [])].join(' | '),
    };
  });
}

/** Every agency row, merged ones included. */
export async function agencyRows(db: Db) {
  return db.selectFrom('agencies').selectAll().execute();
}

/** Agencies merged into another: their ID and the one they were merged into. */
export async function mergedAgencyRows(db: Db) {
  return db
    .selectFrom('agencies')
    .select(['agency_id', 'merged_into'])
    .where('merged_into', 'is not', null)
    .execute();
}

/** Agencies that were not merged into another. */
export async function countAgencies(db: Db): Promise<number> {
  const r = await db
    .selectFrom('agencies')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('merged_into', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Every name each agency was listed under, by first sighting (last_seen null: still listed). */
export async function agencyNameRows(db: Db) {
  return db
    .selectFrom('agency_names')
    .select(['agency_id', 'state', 'name', 'first_seen', 'last_seen'])
    .orderBy('first_seen')
    .orderBy('name')
    .execute();
}

/** Every identity decision with its agency, as shown with the agency, oldest first. */
export async function agencyDecisionRows(db: Db) {
  return db
    .selectFrom('identity_decisions')
    .select(['agency_id', ...DECISION_COLUMNS])
    .orderBy('decided_on')
    .orderBy('name')
    .execute();
}

/** Every agency, as the resolver holds it. */
export async function readAgencies(db: Db): Promise<AgencyRecord[]> {
  return (await db.selectFrom('agencies').selectAll().execute()).map((a) => ({
    agencyId: a.agency_id,
    state: a.state,
    key: a.name_key,
    name: a.first_name,
    firstSeen: a.first_seen,
    mergedInto: a.merged_into,
  }));
}

/** Appends newly minted agencies (never changed afterwards, but for merges). */
export async function insertAgencies(db: Db, agencies: AgencyRecord[], runId: number): Promise<void> {
  await insertJson(
    db,
    'agencies',
    agencies.map((a) => ({
      agency_id: a.agencyId,
      state: a.state,
      name_key: a.key,
      first_name: a.name,
      first_seen: a.firstSeen,
      merged_into: a.mergedInto,
      run_id: runId,
    })),
  );
}

/** Records merges (one statement each, in order). */
export async function setMergedInto(
  db: Db,
  merges: { agencyId: string; mergedInto: string }[],
): Promise<void> {
  for (const m of merges)
    await db
      .updateTable('agencies')
      .set({ merged_into: m.mergedInto })
      .where('agency_id', '=', m.agencyId)
      .execute();
}

/** Agency → the agency it was merged into, for the merged ones. */
export async function mergedAgencies(db: Db): Promise<Map<string, string | null>> {
  return new Map(
    (
      await selectJson(
        db,
        db.selectFrom('agencies').select(['agency_id', 'merged_into']).where('merged_into', 'is not', null),
      )
    ).map((a) => [a.agency_id, a.merged_into]),
  );
}

/** Agency → the agency it was merged into (null when not merged), for every agency. */
export async function mergedInto(db: Db): Promise<Map<string, string | null>> {
  return new Map(
    (await selectJson(db, db.selectFrom('agencies').select(['agency_id', 'merged_into']))).map((a) => [
      a.agency_id,
      a.merged_into,
    ]),
  );
}

/** Every name of every agency, as stored (`last_seen` null while listed in the latest publication). */
export async function readAgencyNames(db: Db): Promise<AgencyNameRow[]> {
  return selectJson(
    db,
    db.selectFrom('agency_names').select(['agency_id', 'state', 'name', 'last_seen', 'first_seen']),
  );
}
