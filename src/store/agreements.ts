/**
 * Reads of agreements and events: agreements filtered (with their open intervals closed at the latest sighting of
 * their list), the changes since a date (with the agency's latest name when the event has no agreement), and each
 * agreement's listing spans for the county figures.
 */
import type { Db } from './db.ts';
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
