/**
 * The publications table (one row per stored list, with its rows as row-version hashes) and the row_versions
 * table (every distinct row ever published, by hash): storing new lists, reading them back for a rebuild, their
 * gate status; and the reads: the snapshots, the publication of a list on a date, the listing refs of a
 * publication, the difference between two publications, the latest sighting of each list.
 */

import { sql } from 'kysely';
import { type CompactRefs, decodeRefs, type ListingRef, unpackRefs } from '../domain/listing-refs.ts';
import { XLSX_MEDIA_TYPE } from '../domain/media-types.ts';
import type { ParsedPublication, Problem, RawRow } from '../domain/types.ts';
import type { Db } from './db.ts';
import { BATCH } from './insert-batched.ts';
import { insertJson } from './insert-json.ts';
import { selectJson } from './select-json.ts';

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

/** A list read and shaped for storage (what ingest/prepare.ts makes of a workbook). */
export interface PublicationWrite {
  meta: Omit<ParsedPublication, 'rows' | 'problems'> & { dataRows: number; hiddenRows: number };
  /** Publication-level problems, stored with the publication. */
  problems: Problem[];
  /** [row number, row-version hash, hidden 0/1] per data row. */
  rows: [number, string, number][];
  /** Distinct rows of the publication not known to be stored: [hash, signature, cells as JSON]. */
  versions: [string, string, string][];
}

/** Every stored publication's file hash, content hash and id. */
export async function knownPublications(
  db: Db,
): Promise<{ sha256: string; content_hash: string; publication_id: number }[]> {
  return selectJson(db, db.selectFrom('publications').select(['sha256', 'content_hash', 'publication_id']));
}

/** Whether the ledger holds any publication. */
export async function hasPublications(db: Db): Promise<boolean> {
  const p = await db.selectFrom('publications').select('publication_id').limit(1).executeTakeFirst();
  return p !== undefined;
}

/** The hash of every stored row version. */
export async function allRowVersionHashes(db: Db): Promise<Set<string>> {
  const out = new Set<string>();
  for (const r of await db.selectFrom('row_versions').select('hash').execute()) out.add(r.hash);
  return out;
}

/** The row-version hashes of the latest publication of each list. */
export async function latestListRowHashes(db: Db): Promise<Set<string>> {
  const out = new Set<string>();
  for (const kind of ['participating', 'pending']) {
    const r = await db
      .selectFrom('publications')
      .select('rows')
      .where('kind', '=', kind)
      .orderBy('as_of', 'desc')
      .limit(1)
      .executeTakeFirst();
    for (const [, hash] of r?.rows ?? []) out.add(hash);
  }
  return out;
}

function publicationRow(p: PublicationWrite, runId: number, at: string) {
  const m = p.meta;
  return {
    sha256: m.sha256,
    source: m.source,
    kind: m.kind,
    era: m.era,
    as_of: m.asOf,
    as_of_date: m.asOfDate,
    label: m.label,
    label_date: m.labelDate,
    file: m.file,
    sheet_name: m.sheetName,
    header: JSON.stringify(m.header),
    data_rows: m.dataRows,
    hidden_rows: m.hiddenRows,
    content_hash: m.contentHash,
    doc_props: JSON.stringify(m.docProps),
    problems: JSON.stringify(p.problems),
    rows: JSON.stringify(p.rows),
    status: 'ok',
    status_reason: null,
    run_id: runId,
    ingested_at: at,
  };
}

/**
 * Stores publications, their raw-file records and their new row versions, in a few statements; returns their ids
 * (numbered on from the last stored one, see `lastPublicationId`) in the same order. The caller holds the writer
 * lock. `stored` holds the row-version hashes already in the ledger (it is updated), so each
 * distinct row is sent to the database once.
 */
export async function insertPublications(
  db: Db,
  pubs: PublicationWrite[],
  runId: number,
  at: string,
  stored: Set<string>,
  /** Receives the hash of every row version written here (new to the ledger, or at least to `stored`). */
  written?: string[],
): Promise<number[]> {
  if (pubs.length === 0) return [];
  const files = new Map(pubs.map((p) => [p.meta.sha256, p.meta.bytes]));
  await insertJson(
    db,
    'raw_files',
    [...files].map(([sha256, size]) => ({ sha256, size, media_type: XLSX_MEDIA_TYPE, first_seen: at })),
    { onConflictNothing: true },
  );
  const versions: { hash: string; sig: string; cells: string }[] = [];
  for (const p of pubs)
    for (const [hash, sig, cells] of p.versions)
      if (!stored.has(hash)) {
        stored.add(hash);
        versions.push({ hash, sig, cells });
        written?.push(hash);
      }
  await insertJson(db, 'row_versions', versions, { json: ['cells'], onConflictNothing: true });
  const first = (await lastPublicationId(db)) + 1;
  const ids = pubs.map((_, i) => first + i);
  await insertJson(
    db,
    'publications',
    pubs.map((p, i) => ({ publication_id: ids[i], ...publicationRow(p, runId, at) })),
    { json: ['header', 'doc_props', 'problems', 'rows'] },
  );
  return ids;
}

/**
 * The largest publication number stored (0 for none). New publications are numbered from it, inside the writer's
 * transaction (store/writer-lock.ts), not by the table's sequence: a rolled-back ingest consumes sequence values,
 * which would make the numbers depend on the ledger's crash history. Stored numbers are never changed.
 */
export async function lastPublicationId(db: Db): Promise<number> {
  const r = await db
    .selectFrom('publications')
    .select((eb) => eb.fn.max('publication_id').as('last'))
    .executeTakeFirst();
  return Number(r?.last ?? 0);
}

/** Sets the gate status of publications, in one statement; rows already right are left untouched. */
export async function updateStatuses(
  db: Db,
  statuses: Map<number, { status: string; reason: string | null }>,
) {
  const list = [...statuses];
  for (let i = 0; i < list.length; i += BATCH) {
    const values = list
      .slice(i, i + BATCH)
      .map(([id, s]) => sql`(${id}::integer, ${s.status}::text, ${s.reason}::text)`);
    await sql`
      update publications p set status = v.status, status_reason = v.reason
      from (values ${sql.join(values)}) as v(id, status, reason)
      where p.publication_id = v.id and (p.status <> v.status or p.status_reason is distinct from v.reason)
    `.execute(db);
  }
}

/** A stored publication as the history reads it back. */
export interface StoredPublication {
  publication_id: number;
  sha256: string;
  kind: string;
  source: string;
  as_of: string;
  as_of_date: string;
  content_hash: string;
  file: string;
  rows: [number, string, number][];
}

/** Every stored publication except `skip`. */
export async function storedPublications(db: Db, skip: ReadonlySet<number>): Promise<StoredPublication[]> {
  return (
    await db
      .selectFrom('publications')
      .select([
        'publication_id',
        'sha256',
        'kind',
        'source',
        'as_of',
        'as_of_date',
        'content_hash',
        'file',
        'rows',
      ])
      // Not the ones just stored (all of them, in a rebuild from scratch): their rows are already at hand.
      .where('publication_id', 'not in', skip.size > 0 ? [...skip] : [-1])
      .execute()
  ).filter((p) => !skip.has(p.publication_id));
}

/** Every stored row version's signature and cells, by hash. */
export async function rowVersionCells(db: Db): Promise<Map<string, { sig: string; cells: RawRow['cells'] }>> {
  const versions = new Map<string, { sig: string; cells: RawRow['cells'] }>();
  for (const v of await db.selectFrom('row_versions').select(['hash', 'sig', 'cells']).execute())
    versions.set(v.hash, { sig: v.sig, cells: v.cells });
  return versions;
}

export async function countPublications(db: Db): Promise<number> {
  const r = await db
    .selectFrom('publications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The publications the gates quarantined, in as-of order. */
export async function quarantinedPublications(
  db: Db,
): Promise<{ publication_id: number; as_of_date: string; kind: string; status_reason: string | null }[]> {
  return db
    .selectFrom('publications')
    .select(['publication_id', 'as_of_date', 'kind', 'status_reason'])
    .where('status', '=', 'quarantined')
    .orderBy('as_of')
    .execute();
}

/**
 * Every applied publication's listed agencies and duplicate rows, oldest first (the identity audit's input,
 * history/audit.ts). Quarantined publications are left out.
 */
export async function auditPublications(db: Db): Promise<
  {
    id: number;
    date: string;
    kind: string;
    agencies: CompactRefs['agencies'];
    duplicates: { row: number; agencyId: string; name: string | null; agreementId: string | null }[];
  }[]
> {
  const rows = await db
    .selectFrom('listing_refs as r')
    .innerJoin('publications as p', 'p.publication_id', 'r.publication_id')
    .select(['r.publication_id', 'r.refs', 'r.refs_packed', 'p.as_of_date', 'p.kind', 'p.as_of'])
    .where('p.status', '!=', 'quarantined')
    .orderBy('p.as_of')
    .execute();
  return rows.map((r) => {
    const c = unpackRefs(r);
    const dup = new Set(c?.duplicates ?? []);
    const duplicates = c
      ? decodeRefs(c, r.publication_id)
          .filter((x) => dup.has(x.row) && x.agencyId)
          .map((x) => ({
            row: x.row,
            agencyId: x.agencyId as string,
            name: x.name,
            agreementId: x.agreementId,
          }))
      : [];
    return {
      id: r.publication_id,
      date: r.as_of_date,
      kind: r.kind,
      agencies: c?.agencies ?? [],
      duplicates,
    };
  });
}
