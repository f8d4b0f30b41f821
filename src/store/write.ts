/** Writes to the ledger. Every function takes a transaction (or the db) so ingest can stay all-or-nothing. */
import { gunzipSync, gzip } from 'node:zlib';
import { sql } from 'kysely';
import type { AgreementOut } from '../domain/agreement.ts';
import type { HistoryEvent } from '../domain/event.ts';
import type { AgencyName, AgencyRecord, Decision } from '../domain/identity.ts';
import { type CompactRefs, encodeRefs, packRefs } from '../domain/listing-refs.ts';
import { XLSX_MEDIA_TYPE } from '../domain/media-types.ts';
import type { PubSummary } from '../domain/publication.ts';
import type { FetchRecord } from '../domain/types.ts';
import type { Finalized, FoldState } from '../history/fold.ts';
import type { Prepared } from '../ingest/prepare.ts';
import type { Db } from './db.ts';
import { insertJson } from './insert-json.ts';
import type { Database } from './schema.ts';

const BATCH = 500;
/**
 * Text per statement. The embedded database's WebAssembly memory grows to hold the largest statement and never
 * shrinks, so one 11 MB insert costs about 100 MB for the rest of the process (measured in bench/run.ts).
 */
const BATCH_CHARS = 1_000_000;

/** Rows cut into statements of at most BATCH rows and (past the first row) BATCH_CHARS characters of text. */
export function batches<R extends Record<string, unknown>>(rows: R[], maxRows = BATCH): R[][] {
  const out: R[][] = [];
  let chunk: R[] = [];
  let chars = 0;
  for (const r of rows) {
    let n = 0;
    for (const k in r) {
      const v = r[k];
      n += typeof v === 'string' ? v.length : v instanceof Uint8Array ? v.length * 2 : 8;
    }
    if (chunk.length > 0 && (chunk.length >= maxRows || chars + n > BATCH_CHARS)) {
      out.push(chunk);
      chunk = [];
      chars = 0;
    }
    chunk.push(r);
    chars += n;
  }
  if (chunk.length > 0) out.push(chunk);
  return out;
}

export async function insertBatched<T extends keyof Database & string>(
  db: Db,
  table: T,
  rows: Record<string, unknown>[],
  onConflictNothing = false,
): Promise<void> {
  for (const chunk of batches(rows)) {
    // biome-ignore lint/suspicious/noExplicitAny: generic batched insert over any table
    let q = db.insertInto(table).values(chunk as any);
    if (onConflictNothing) q = q.onConflict((oc) => oc.doNothing());
    await q.execute();
  }
}

export async function insertFetch(db: Db, runId: number | null, f: FetchRecord): Promise<void> {
  await db
    .insertInto('fetches')
    .values({
      run_id: runId,
      source: f.source,
      url: f.url,
      retrieved_at: f.retrievedAt,
      status: f.status,
      content_type: f.contentType,
      size: f.size,
      sha256: f.sha256,
      error: f.error,
    })
    .execute();
}

export async function insertRawFile(db: Db, sha256: string, size: number, mediaType: string, at: string) {
  await db
    .insertInto('raw_files')
    .values({ sha256, size, media_type: mediaType, first_seen: at })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

/**
 * Stores prepared publications, their raw-file records and their new row versions, in a few statements; returns
 * their ids in the same order. `stored` holds the row-version hashes already in the ledger (it is updated), so
 * each distinct row is sent to the database once.
 */
export async function insertPublications(
  db: Db,
  pubs: Prepared[],
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
  const all = pubs.map((p) => {
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
  });
  const inserted = await insertJson<{ publication_id: number; sha256: string }>(db, 'publications', all, {
    json: ['header', 'doc_props', 'problems', 'rows'],
    returning: ['publication_id', 'sha256'],
  });
  for (const r of inserted) ids.set(r.sha256, r.publication_id);
  return pubs.map((p) => ids.get(p.meta.sha256) as number);
}

export async function insertFetches(db: Db, runId: number | null, list: FetchRecord[]): Promise<void> {
  await insertJson(
    db,
    'fetches',
    list.map((f) => ({
      run_id: runId,
      source: f.source,
      url: f.url,
      retrieved_at: f.retrievedAt,
      status: f.status,
      content_type: f.contentType,
      size: f.size,
      sha256: f.sha256,
      error: f.error,
    })),
  );
}

/** Appends newly minted agencies and new identity decisions (both are never changed afterwards). */
export async function insertIdentity(db: Db, agencies: AgencyRecord[], decisions: Decision[], runId: number) {
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
  await insertJson(
    db,
    'identity_decisions',
    decisions.map((d) => ({
      state: d.state,
      name_key: d.key,
      name: d.name,
      agency_id: d.agencyId,
      method: d.method,
      confidence: d.confidence,
      needs_review: d.needsReview,
      candidate_id: d.candidateId,
      explanation: d.explanation,
      decided_on: d.decidedOn,
      run_id: runId,
    })),
  );
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

type Current = Finalized['current'];

/**
 * The stored form of an agreement. An interval that reaches the latest sighting of its list is stored open-ended
 * (`to: null`), and so are `last_listed` / `last_publication`: the row then stays the same while the agreement
 * keeps being listed, and an incremental ingest rewrites only agreements whose listing changed. Queries fill the
 * open ends in with the latest publication (queries.ts, `resolveCurrent`).
 */
export function agreementRow(a: AgreementOut, current: Current) {
  const isCurrent = (list: string, pub: number) => current[list as keyof Current]?.id === pub;
  const intervals = a.intervals.map((i) =>
    isCurrent(i.list, i.toPublication) ? { ...i, to: null, toPublication: null } : i,
  );
  const stillListed = intervals.some((i) => i.to === null);
  return {
    agreement_id: a.agreementId,
    agency_id: a.agencyId,
    model: a.model,
    status: a.status,
    state: a.state,
    name: a.name,
    first_listed: a.firstListed,
    last_listed: stillListed ? null : a.lastListed,
    first_publication: a.firstPublication,
    last_publication: stillListed ? null : a.lastPublication,
    first_pending: a.firstPending,
    first_participating: a.firstParticipating,
    signed_published: a.signedPublished,
    signed: a.signed,
    signed_rule: a.signedRule,
    days_pending_to_signed: a.daysPendingToSigned,
    moa_url: a.moaUrl,
    addendum_url: a.addendumUrl,
    secondary_only: a.secondaryOnly,
    supersedes: a.supersedes,
    superseded_by: a.supersededBy,
    intervals: JSON.stringify(intervals),
    signed_history: JSON.stringify(a.signedHistory),
  };
}

/** A name's `last_seen` is stored as null while it is listed in the latest publication (same reason as above). */
export function nameRow(n: AgencyName, current: Current) {
  const latest = [current.participating?.date, current.pending?.date].filter(Boolean).sort().pop();
  return { ...n, last_seen: n.last_seen === latest ? null : n.last_seen };
}

const eventRow = (e: HistoryEvent) => ({
  event_id: e.eventId,
  date: e.date,
  kind: e.kind,
  list: e.list,
  agency_id: e.agencyId,
  agreement_id: e.agreementId,
  publication_id: e.publication,
  details: JSON.stringify(e.details),
});

/** Replaces every derived table (full rebuild). */
export async function replaceDerived(db: Db, f: Finalized): Promise<void> {
  await db.deleteFrom('events').execute();
  await db.deleteFrom('agreements').execute();
  await db.deleteFrom('agency_names').execute();
  await insertJson(
    db,
    'agreements',
    f.agreements.map((a) => agreementRow(a, f.current)),
    { json: ['intervals', 'signed_history'] },
  );
  await insertJson(db, 'events', f.events.map(eventRow), { json: ['details'] });
  await insertJson(
    db,
    'agency_names',
    f.names.map((n) => nameRow(n, f.current)),
  );
}

/**
 * Writes what an incremental ingest changed (`f.partial`): the agreements derived (those of agencies touched)
 * and their events are replaced; agency events of the new publications are added; changed names are replaced.
 */
export async function writeDerivedChanges(db: Db, f: Finalized): Promise<void> {
  if (!f.partial) throw new Error('writeDerivedChanges needs a partial history (fold.finalize(true))');
  const ids = f.agreements.map((a) => a.agreementId);
  for (let i = 0; i < ids.length; i += BATCH) {
    const chunk = ids.slice(i, i + BATCH);
    await db.deleteFrom('events').where('agreement_id', 'in', chunk).execute();
    await db.deleteFrom('agreements').where('agreement_id', 'in', chunk).execute();
  }
  await insertJson(
    db,
    'agreements',
    f.agreements.map((a) => agreementRow(a, f.current)),
    { json: ['intervals', 'signed_history'] },
  );
  const mine = new Set(ids);
  const pubs = f.partial.publications;
  await insertJson(
    db,
    'events',
    f.events.filter((e) => (e.agreementId ? mine.has(e.agreementId) : pubs.has(e.publication))).map(eventRow),
    { json: ['details'], onConflictNothing: true },
  );
  const names = f.partial.names;
  for (let i = 0; i < names.length; i += BATCH) {
    const keys = names
      .slice(i, i + BATCH)
      .map((n) => sql`(${n.agency_id}::text, ${n.state}::text, ${n.name}::text)`);
    await sql`delete from agency_names where (agency_id, state, name) in (values ${sql.join(keys)})`.execute(
      db,
    );
  }
  await insertJson(
    db,
    'agency_names',
    f.partial.names.map((n) => nameRow(n, f.current)),
  );
}

/** Listing refs and per-publication counts; `replace` clears every publication's refs first (full rebuild). */
export async function writeRefs(
  db: Db,
  refs: Map<number, CompactRefs>,
  summaries: Map<number, PubSummary>,
  publications: number[],
  replace = false,
): Promise<void> {
  if (replace) await db.deleteFrom('listing_refs').execute();
  else if (publications.length > 0)
    await db.deleteFrom('listing_refs').where('publication_id', 'in', publications).execute();
  // Serialized and sent a few publications at a time, so the text is never all held at once; each batch is
  // compressed on the thread pool while the previous one is written.
  const ids = [...new Set(publications)];
  const pack = (from: number) =>
    Promise.all(
      ids.slice(from, from + 40).map(async (publication_id) => ({
        publication_id,
        refs_packed: await packRefs(refs.get(publication_id) ?? encodeRefs([])),
        summary: JSON.stringify(summaries.get(publication_id)),
      })),
    );
  let next = ids.length > 0 ? pack(0) : null;
  for (let i = 0; next; i += 40) {
    const rows = await next;
    next = i + 40 < ids.length ? pack(i + 40) : null;
    await insertBatched(db, 'listing_refs', rows);
  }
}

export async function loadFoldState(db: Db): Promise<FoldState | null> {
  const r = await db.selectFrom('history_state').select('data').where('id', '=', 1).executeTakeFirst();
  return r ? (JSON.parse(gunzipSync(r.data).toString('utf8')) as FoldState) : null;
}

/**
 * The saved form of the fold: gzipped (level 1), ~2 MB of JSON becomes ~0.2 MB, much cheaper to hand to the
 * database. The JSON is made now; the compression runs on libuv's thread pool, so the caller can go on (an
 * ingest places agencies meanwhile) and store it later with `storeFoldState`.
 */
export function packFoldState(state: FoldState): Promise<Buffer> {
  const json = JSON.stringify(state);
  return new Promise((resolve, reject) =>
    // One output chunk as large as the input: async zlib waits for this thread between chunks, and this thread
    // is busy (placements) while it runs; in one chunk it finishes on the pool alone.
    gzip(json, { level: 1, chunkSize: Math.max(64 * 1024, json.length + 1024) }, (err, out) =>
      err ? reject(err) : resolve(out),
    ),
  );
}

export async function storeFoldState(db: Db, data: Buffer, at: string): Promise<void> {
  // The update takes the inserted row's values (`excluded`): the ~0.3 MB state is sent once, not twice (~5 ms).
  await db
    .insertInto('history_state')
    .values({ id: 1, data, saved_at: at })
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet((eb) => ({ data: eb.ref('excluded.data'), saved_at: eb.ref('excluded.saved_at') })),
    )
    .execute();
}
