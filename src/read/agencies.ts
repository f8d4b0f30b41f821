/**
 * Agencies as the CLI and the agency pages ask for them: found by what a user typed (an agency ID, or a name, in a
 * state when given), and one agency's detail (names, agreements, events, identity decisions as reviewed).
 */

import { decisionView } from '../identify/review.ts';
import { reviewedDecisions } from '../ingest/review-queue.ts';
import { agencyKey } from '../normalize/agency-name.ts';
import { normalizeState } from '../normalize/state.ts';
import { agencyDetailRows, findAgencyIds } from '../store/agencies.ts';
import type { Db } from '../store/db.ts';
import { documentsOfAgreements } from '../store/document-links.ts';

/** Agencies by ID, or by name (exact matching key first, then a substring of any name it was listed under). */
export async function findAgencies(db: Db, idOrName: string, state?: string): Promise<string[]> {
  const st = state ? (normalizeState(state).code ?? state.toUpperCase()) : undefined;
  return findAgencyIds(db, { text: idOrName, state: st, key: agencyKey(idOrName, st ?? null) });
}

/** One agency's detail, or undefined for an unknown ID. */
export async function agencyDetail(db: Db, agencyId: string) {
  const rows = await agencyDetailRows(db, agencyId);
  if (!rows) return undefined;
  const { agency, names, events, decisions } = rows;
  // The archived documents each agreement's rows link (issue 15), when there are any.
  const docs = await documentsOfAgreements(
    db,
    rows.agreements.map((a) => a.agreementId),
  );
  const agreements = rows.agreements.map((a) => {
    const d = docs.get(a.agreementId);
    return d ? { ...a, documents: d } : a;
  });
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

export type AgencyDetail = NonNullable<Awaited<ReturnType<typeof agencyDetail>>>;
