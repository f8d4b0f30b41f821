/**
 * The publications table (one row per stored list, with its rows as row-version hashes) and the row_versions
 * table (every distinct row ever published, by hash): storing new lists, reading them back for a rebuild, and
 * their gate status.
 */
import { sql } from 'kysely';
import { XLSX_MEDIA_TYPE } from '../domain/media-types.ts';
import type { ParsedPublication, Problem, RawRow } from '../domain/types.ts';
import type { Db } from './db.ts';
import { BATCH } from './insert-batched.ts';
import { insertJson } from './insert-json.ts';
import { selectJson } from './select-json.ts';

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
 * in the same order. `stored` holds the row-version hashes already in the ledger (it is updated), so each
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
  const ids = new Map<string, number>();
  const inserted = await insertJson<{ publication_id: number; sha256: string }>(
    db,
    'publications',
    pubs.map((p) => publicationRow(p, runId, at)),
    { json: ['header', 'doc_props', 'problems', 'rows'], returning: ['publication_id', 'sha256'] },
  );
  for (const r of inserted) ids.set(r.sha256, r.publication_id);
  return pubs.map((p) => ids.get(p.meta.sha256) as number);
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
