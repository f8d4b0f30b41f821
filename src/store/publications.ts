/**
 * Reads of publications: the list of snapshots, the publication of a list on a date, the agency and agreement of
 * every row of a publication (listing refs), the difference between two publications, and the latest sighting of
 * each list.
 */
import type { CompactRefs, ListingRef } from '../domain/listing-refs.ts';
import { decodeRefs, unpackRefs } from '../domain/listing-refs.ts';
import type { Db } from './db.ts';

export interface SnapshotRow {
  publication: number;
  date: string;
  asOf: string;
  kind: string;
  source: string;
  era: string;
  label: string | null;
  sha256: string;
  rows: number;
  agreements: number;
  models: Record<string, number>;
  states: number;
  hiddenRows: number;
  status: string;
  statusReason: string | null;
}

export async function listSnapshots(db: Db, kind?: string): Promise<SnapshotRow[]> {
  let q = db
    .selectFrom('publications as p')
    .leftJoin('listing_refs as r', 'r.publication_id', 'p.publication_id')
    .select([
      'p.publication_id',
      'p.as_of_date',
      'p.as_of',
      'p.kind',
      'p.source',
      'p.era',
      'p.label',
      'p.sha256',
      'p.hidden_rows',
      'p.status',
      'p.status_reason',
      'r.summary',
    ])
    .orderBy('p.as_of')
    .orderBy('p.kind');
  if (kind) q = q.where('p.kind', '=', kind);
  return (await q.execute()).map((p) => ({
    publication: p.publication_id,
    date: p.as_of_date,
    asOf: p.as_of,
    kind: p.kind,
    source: p.source,
    era: p.era,
    label: p.label,
    sha256: p.sha256,
    rows: p.summary?.rows ?? 0,
    agreements: p.summary?.agreements ?? 0,
    models: p.summary?.models ?? { JEM: 0, WSO: 0, TFM: 0 },
    states: p.summary?.states ?? 0,
    hiddenRows: p.hidden_rows,
    status: p.status,
    statusReason: p.status_reason,
  }));
}

/** The last applied (not quarantined) publication of a list on or before a date. */
export async function publicationOn(db: Db, kind: string, date: string) {
  return db
    .selectFrom('publications')
    .select(['publication_id', 'as_of_date', 'as_of'])
    .where('kind', '=', kind)
    .where('status', '!=', 'quarantined')
    .where('as_of_date', '<=', date)
    .orderBy('as_of', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Agency and agreement of every row of a publication. */
export async function refsOf(db: Db, publication: number): Promise<ListingRef[]> {
  const r = await db
    .selectFrom('listing_refs')
    .select(['refs', 'refs_packed'])
    .where('publication_id', '=', publication)
    .executeTakeFirst();
  const refs = r ? unpackRefs(r) : null;
  return refs ? decodeRefs(refs, publication) : [];
}

/** The agencies (id, state, name) each publication listed, in no particular order. */
export async function listedAgencies(
  db: Db,
): Promise<{ publication_id: number; agencies: CompactRefs['agencies'] | undefined }[]> {
  return (
    await db.selectFrom('listing_refs').select(['publication_id', 'refs', 'refs_packed']).execute()
  ).map((r) => ({ publication_id: r.publication_id, agencies: unpackRefs(r)?.agencies }));
}

export interface DiffEntry {
  agreementId: string;
  agencyId: string;
  state: string | null;
  name: string | null;
  model: string;
}

export interface DiffResult {
  kind: string;
  from: { date: string; publication: number };
  to: { date: string; publication: number };
  added: DiffEntry[];
  removed: DiffEntry[];
  renamed: { agencyId: string; state: string | null; from: string | null; to: string | null }[];
}

/** The agreements and agencies of a publication's refs, each by its first row. */
function indexRefs(refs: ListingRef[]) {
  const agreements = new Map<string, DiffEntry>();
  const agencies = new Map<string, { state: string | null; name: string | null }>();
  for (const { agencyId, agreementId, state, name, model } of refs) {
    if (!agencyId) continue;
    if (!agencies.has(agencyId)) agencies.set(agencyId, { state, name });
    if (agreementId && !agreements.has(agreementId))
      agreements.set(agreementId, {
        agreementId,
        agencyId,
        state,
        name,
        model: model ?? '',
      });
  }
  return { agreements, agencies };
}

export async function diffPublications(
  db: Db,
  kind: string,
  dateA: string,
  dateB: string,
): Promise<DiffResult | string> {
  const a = await publicationOn(db, kind, dateA);
  const b = await publicationOn(db, kind, dateB);
  if (!a) return `no ${kind} publication on or before ${dateA}`;
  if (!b) return `no ${kind} publication on or before ${dateB}`;
  const A = indexRefs(await refsOf(db, a.publication_id));
  const B = indexRefs(await refsOf(db, b.publication_id));
  const sort = (x: DiffEntry[]) =>
    x.sort((p, q) => `${p.state}${p.name}${p.model}`.localeCompare(`${q.state}${q.name}${q.model}`));
  return {
    kind,
    from: { date: a.as_of_date, publication: a.publication_id },
    to: { date: b.as_of_date, publication: b.publication_id },
    added: sort([...B.agreements.values()].filter((e) => !A.agreements.has(e.agreementId))),
    removed: sort([...A.agreements.values()].filter((e) => !B.agreements.has(e.agreementId))),
    renamed: [...B.agencies]
      .filter(([id, v]) => A.agencies.has(id) && A.agencies.get(id)?.name !== v.name)
      .map(([agencyId, v]) => ({
        agencyId,
        state: v.state,
        from: A.agencies.get(agencyId)?.name ?? null,
        to: v.name,
      })),
  };
}

export interface Sighting {
  id: number;
  date: string;
}

/** The latest sighting of each list: its last publication that was not quarantined. */
export async function latestSightings(
  db: Db,
): Promise<{ participating: Sighting | null; pending: Sighting | null; any: string | null }> {
  const pick = async (kind: string) => {
    const r = await db
      .selectFrom('publications')
      .select(['publication_id', 'as_of_date'])
      .where('kind', '=', kind)
      .where('status', '!=', 'quarantined')
      .orderBy('as_of', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r ? { id: r.publication_id, date: r.as_of_date } : null;
  };
  const participating = await pick('participating');
  const pending = await pick('pending');
  const any =
    [participating?.date, pending?.date]
      .filter((d): d is string => !!d)
      .sort()
      .pop() ?? null;
  return { participating, pending, any };
}

/** Fills in a stored name's open end (`last_seen` null: listed in the latest publication). */
export function resolveName<T extends { last_seen: string | null }>(
  n: T,
  latest: string | null,
): T & { last_seen: string } {
  return { ...n, last_seen: n.last_seen ?? latest ?? '' };
}
