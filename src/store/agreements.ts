/**
 * Agreements and events, the derived tables the history writes (with agency_names and listing_refs): replaced in a
 * full rebuild or rewritten where an incremental ingest changed them; and their reads: agreements filtered (open
 * intervals closed at the latest sighting of their list), the changes since a date, each agreement's listing spans
 * for the county figures.
 */

import { sql } from 'kysely';
import { type AgreementOut, inGraceOn } from '../domain/agreement.ts';
import type { HistoryEvent } from '../domain/event.ts';
import type { AgencyName } from '../domain/identity.ts';
import { type CompactRefs, encodeRefs, packRefs, repointRefs, unpackRefs } from '../domain/listing-refs.ts';
import type { PubSummary } from '../domain/publication.ts';
import type { Finalized, Repoint } from '../history/fold.ts';
import type { Db } from './db.ts';
import { BATCH, insertBatched } from './insert-batched.ts';
import { insertJson } from './insert-json.ts';
import { latestSightings, resolveName } from './publications.ts';
import { selectJson } from './select-json.ts';

export interface AgreementFilter {
  activeOn?: string;
  state?: string;
  status?: string;
  agencyId?: string;
}

interface IntervalJson {
  list: string;
  from: string;
  to: string | null;
  fromPublication: number;
  toPublication: number | null;
  open: boolean;
  gaps: number;
}

export async function listAgreements(db: Db, f: AgreementFilter = {}) {
  let q = db.selectFrom('agreements').selectAll().orderBy('state').orderBy('name').orderBy('model');
  if (f.state) q = q.where('state', '=', f.state);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.agencyId) q = q.where('agency_id', '=', f.agencyId);
  const current = await latestSightings(db);
  // Open-ended intervals (stored with `to: null`) reach the latest sighting of their list.
  const rows = (await selectJson(db, q)).map((a) => {
    const intervals = (a.intervals as IntervalJson[]).map((i) => {
      if (i.to !== null) return { ...i, to: i.to, toPublication: i.toPublication ?? i.fromPublication };
      const c = current[i.list as 'participating' | 'pending'];
      return { ...i, to: c?.date ?? i.from, toPublication: c?.id ?? i.fromPublication };
    });
    const last = [...intervals].sort((x, y) => (x.to < y.to ? 1 : -1))[0];
    return {
      ...a,
      intervals,
      last_listed: a.last_listed ?? last?.to ?? a.first_listed,
      last_publication: a.last_publication ?? last?.toPublication ?? a.first_publication,
    };
  });
  const on = f.activeOn;
  const filtered = on
    ? rows.filter((a) =>
        a.intervals.some((i) => i.list === 'participating' && i.from <= on && (i.to >= on || i.open)),
      )
    : rows;
  return filtered.map((a) => ({
    agreementId: a.agreement_id,
    agencyId: a.agency_id,
    state: a.state,
    name: a.name,
    model: a.model,
    status: a.status,
    signed: a.signed,
    signedPublished: a.signed_published,
    signedRule: a.signed_rule,
    firstListed: a.first_listed,
    lastListed: a.last_listed,
    firstPending: a.first_pending,
    firstParticipating: a.first_participating,
    daysPendingToSigned: a.days_pending_to_signed,
    moaUrl: a.moa_url,
    addendumUrl: a.addendum_url,
    secondaryOnly: a.secondary_only,
    supersedes: a.supersedes,
    supersededBy: a.superseded_by,
    notOnLatestList:
      a.status === 'active' &&
      current.participating !== null &&
      inGraceOn(a.intervals, current.participating.date),
    intervals: a.intervals,
    signedHistory: a.signed_history,
    firstPublication: a.first_publication,
    lastPublication: a.last_publication,
  }));
}

export async function listChanges(db: Db, since: string, kind?: string, state?: string) {
  let q = db
    .selectFrom('events as e')
    .leftJoin('agreements as a', 'a.agreement_id', 'e.agreement_id')
    .select([
      'e.event_id',
      'e.date',
      'e.kind',
      'e.list',
      'e.agency_id',
      'e.agreement_id',
      'e.publication_id',
      'e.details',
      'a.model',
      'a.state',
      'a.name',
    ])
    .where('e.date', '>=', since)
    .orderBy('e.date')
    .orderBy('e.event_id');
  if (kind) q = q.where('e.kind', '=', kind);
  const rows = await selectJson(db, q);
  const current = await latestSightings(db);
  const names = new Map(
    (await selectJson(db, db.selectFrom('agency_names').select(['agency_id', 'state', 'name', 'last_seen'])))
      .map((n) => resolveName(n, current.any))
      .sort((a, b) => (a.last_seen < b.last_seen ? -1 : 1))
      .map((n) => [n.agency_id, n]),
  );
  return rows
    .map((r) => ({
      eventId: r.event_id,
      date: r.date,
      kind: r.kind,
      list: r.list,
      agencyId: r.agency_id,
      agreementId: r.agreement_id,
      state: r.state ?? names.get(r.agency_id)?.state ?? null,
      name: r.name ?? names.get(r.agency_id)?.name ?? null,
      model: r.model,
      publication: r.publication_id,
      details: r.details,
    }))
    .filter((r) => !state || r.state === state);
}

/** An agreement's agency, model and listing intervals (what county figures need of it). */
export interface AgreementSpanRow {
  agencyId: string;
  model: 'JEM' | 'WSO' | 'TFM';
  /** Listing intervals (inclusive dates), as stored: an open one has no end. */
  intervals: { list: string; from: string; to: string | null; open: boolean }[];
}

/** Every agreement's agency, model and listing intervals (as stored: open ends null). */
export async function agreementSpans(db: Db): Promise<AgreementSpanRow[]> {
  const rows = await selectJson(db, db.selectFrom('agreements').select(['agency_id', 'model', 'intervals']));
  return rows.map((r) => ({
    agencyId: r.agency_id,
    model: r.model as AgreementSpanRow['model'],
    intervals: r.intervals as AgreementSpanRow['intervals'],
  }));
}

/** Status, model and state of every agreement (for the ledger's headline counts). */
export async function agreementStatuses(db: Db) {
  return db.selectFrom('agreements').select(['status', 'model', 'state']).execute();
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
  const gone = [...ids, ...f.partial.absorbed];
  for (let i = 0; i < gone.length; i += BATCH) {
    const chunk = gone.slice(i, i + BATCH);
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

/**
 * Points stored rows at the agreement that absorbed theirs (history/fold.ts `Repoint`, a stand-in label): the refs
 * of the publications each repoint covers, rewritten only where a row changes.
 */
export async function repointStoredRefs(db: Db, repoints: readonly Repoint[]): Promise<void> {
  for (const r of repoints) {
    const rows = await db
      .selectFrom('listing_refs as r')
      .innerJoin('publications as p', 'p.publication_id', 'r.publication_id')
      .select(['r.publication_id', 'r.refs', 'r.refs_packed'])
      .where('p.kind', '=', r.kind)
      .where('p.as_of_date', '>=', r.from)
      .where('p.as_of_date', '<', r.until)
      .execute();
    for (const row of rows) {
      const c = unpackRefs(row);
      if (!c || !repointRefs(c, r.agencyId, r.model, r.agreementId)) continue;
      await db
        .updateTable('listing_refs')
        .set({ refs: null, refs_packed: await packRefs(c) })
        .where('publication_id', '=', row.publication_id)
        .execute();
    }
  }
}
