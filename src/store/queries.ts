/**
 * Read queries behind the CLI (and later the API). Typed through Kysely; the same SQL runs on PGlite and
 * PostgreSQL. `findX` returns undefined when nothing matches; listings return arrays.
 */
import type { ListingRef } from '../domain/listing-refs.ts';
import { decodeRefs, unpackRefs } from '../domain/listing-refs.ts';
import { decisionView } from '../identify/review.ts';
import { reviewedDecisions, reviewQueue } from '../ingest/review-queue.ts';
import { agencyKey } from '../normalize/agency-name.ts';
import { normalizeState } from '../normalize/state.ts';
import type { Db } from './db.ts';
import { DECISION_COLUMNS } from './identity.ts';
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
  const index = (refs: ListingRef[]) => {
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
  };
  const A = index(await refsOf(db, a.publication_id));
  const B = index(await refsOf(db, b.publication_id));
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
function resolveName<T extends { last_seen: string | null }>(
  n: T,
  latest: string | null,
): T & { last_seen: string } {
  return { ...n, last_seen: n.last_seen ?? latest ?? '' };
}

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
      if (i.to !== null) return i;
      const c = current[i.list as 'participating' | 'pending'];
      return { ...i, to: c?.date ?? i.from, toPublication: c?.id ?? i.fromPublication };
    });
    const last = [...intervals].sort((x, y) => ((x.to ?? '') < (y.to ?? '') ? 1 : -1))[0];
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
        a.intervals.some((i) => i.list === 'participating' && i.from <= on && ((i.to ?? '') >= on || i.open)),
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
    intervals: a.intervals,
    signedHistory: a.signed_history,
    firstPublication: a.first_publication,
    lastPublication: a.last_publication,
  }));
}

/** Agencies by ID, or by name (exact matching key first, then a substring of any name it was listed under). */
export async function findAgencies(db: Db, idOrName: string, state?: string): Promise<string[]> {
  const canonical = async (id: string) => {
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
  };
  const byId = await db
    .selectFrom('agencies')
    .select('agency_id')
    .where('agency_id', '=', idOrName.trim())
    .executeTakeFirst();
  if (byId) return [await canonical(byId.agency_id)];
  const st = state ? (normalizeState(state).code ?? state.toUpperCase()) : undefined;
  let dq = db
    .selectFrom('identity_decisions')
    .select('agency_id')
    .where('name_key', '=', agencyKey(idOrName, st ?? null));
  if (st) dq = dq.where('state', '=', st);
  const exact = [...new Set((await dq.execute()).map((r) => r.agency_id))];
  if (exact.length > 0) return [...new Set(await Promise.all(exact.map(canonical)))];
  let nq = db.selectFrom('agency_names').select('agency_id').where('name', 'ilike', `%${idOrName.trim()}%`);
  if (st) nq = nq.where('state', '=', st);
  return [...new Set((await nq.execute()).map((r) => r.agency_id))];
}

export async function agencyDetail(db: Db, agencyId: string) {
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
  const reviewed = await reviewedDecisions(db);
  const latest = names.reduce(
    (a, b) => (b.last_seen > a.last_seen ? b : a),
    names[0] ?? { name: agency.first_name, state: agency.state, last_seen: '' },
  );
  const status = agreements.some((a) => a.status === 'active')
    ? 'active'
    : agreements.some((a) => a.status === 'pending')
      ? 'pending'
      : 'removed';
  return {
    agencyId,
    name: latest.name,
    state: latest.state,
    status,
    firstSeen: agency.first_seen,
    names,
    agreements,
    events: events.map((e) => ({
      eventId: e.event_id,
      date: e.date,
      kind: e.kind,
      list: e.list,
      agreementId: e.agreement_id,
      publication: e.publication_id,
      details: e.details,
    })),
    identity: decisions.map(({ name_key, ...d }) => ({
      ...d,
      ...decisionView({ name_key, ...d }, reviewed),
    })),
  };
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

export async function ledgerSummary(db: Db) {
  const snaps = await listSnapshots(db);
  const latest = (k: string) => [...snaps].reverse().find((s) => s.kind === k && s.status !== 'quarantined');
  const agreements = await db.selectFrom('agreements').select(['status', 'model', 'state']).execute();
  const count = (f: (a: (typeof agreements)[number]) => boolean) => agreements.filter(f).length;
  return {
    publications: snaps.length,
    quarantined: snaps.filter((s) => s.status === 'quarantined').length,
    latestParticipating: latest('participating') ?? null,
    latestPending: latest('pending') ?? null,
    agreements: {
      active: count((a) => a.status === 'active'),
      pending: count((a) => a.status === 'pending'),
      removed: count((a) => a.status === 'removed'),
      byModel: {
        JEM: count((a) => a.status === 'active' && a.model === 'JEM'),
        WSO: count((a) => a.status === 'active' && a.model === 'WSO'),
        TFM: count((a) => a.status === 'active' && a.model === 'TFM'),
      },
      states: new Set(agreements.filter((a) => a.status === 'active').map((a) => a.state)).size,
    },
    agencies: Number(
      (
        await db
          .selectFrom('agencies')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('merged_into', 'is', null)
          .executeTakeFirstOrThrow()
      ).n,
    ),
    reviewQueue: (await reviewQueue(db)).length,
  };
}
