/** The agencies table (every agency minted, never changed but for merges) and agency_names (the names listed). */
import type { AgencyRecord } from '../domain/identity.ts';
import type { AgencyNameRow } from '../geography/signals.ts';
import type { Db } from './db.ts';
import { insertJson } from './insert-json.ts';
import { selectJson } from './select-json.ts';

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

/** How many agencies are not merged into another. */
export async function countAgencies(db: Db): Promise<number> {
  const r = await db
    .selectFrom('agencies')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('merged_into', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
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
