/** The read model's lists of publications, agreements and events, as records, from the shared rows. */
import { eventTitle } from './describe.ts';
import type { AgreementRecord, EventRecord, ModelName, PublicationRecord } from './records.ts';
import type { AgreementRow, ChangeRow, SnapshotRow } from './rows.ts';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Publications, newest first (`key` ascending = oldest first). */
export function publicationRecords(
  snaps: SnapshotRow[],
  key: (p: PublicationRecord) => string,
): PublicationRecord[] {
  return snaps
    .map((s) => ({
      publicationId: s.publication,
      kind: s.kind as PublicationRecord['kind'],
      date: s.date,
      asOf: s.asOf,
      source: s.source,
      era: s.era,
      label: s.label,
      sha256: s.sha256,
      rows: s.rows,
      agreements: s.agreements,
      models: s.models,
      states: s.states,
      hiddenRows: s.hiddenRows,
      status: s.status,
      statusReason: s.statusReason,
    }))
    .sort((a, b) => cmp(key(b), key(a)));
}

/** Agreements by `key` (state, name, model, id). */
export function agreementRecords(
  rows: AgreementRow[],
  key: (a: AgreementRecord) => string,
): AgreementRecord[] {
  return rows
    .map((a) => ({
      agreementId: a.agreementId,
      agencyId: a.agencyId,
      state: a.state,
      name: a.name,
      model: a.model as ModelName,
      status: a.status as AgreementRecord['status'],
      signed: a.signed,
      signedPublished: a.signedPublished,
      signedRule: a.signedRule,
      signedHistory: a.signedHistory as AgreementRecord['signedHistory'],
      firstListed: a.firstListed,
      lastListed: a.lastListed,
      firstPublication: a.firstPublication,
      lastPublication: a.lastPublication,
      firstPending: a.firstPending,
      firstParticipating: a.firstParticipating,
      daysPendingToSigned: a.daysPendingToSigned,
      moaUrl: a.moaUrl,
      addendumUrl: a.addendumUrl,
      secondaryOnly: a.secondaryOnly,
      supersedes: a.supersedes,
      supersededBy: a.supersededBy,
      notOnLatestList: a.notOnLatestList,
      intervals: a.intervals.map((i) => ({
        list: i.list as 'participating' | 'pending',
        from: i.from,
        to: i.to ?? i.from,
        fromPublication: i.fromPublication,
        toPublication: i.toPublication ?? i.fromPublication,
        open: i.open,
        gaps: i.gaps,
      })),
    }))
    .sort((a, b) => cmp(key(a), key(b)));
}

/** Events with their title, newest first (`key` ascending = oldest first). */
export function eventRecords(rows: ChangeRow[], key: (e: EventRecord) => string): EventRecord[] {
  return rows
    .map((e) => {
      const base = {
        eventId: e.eventId,
        date: e.date,
        kind: e.kind,
        list: e.list as EventRecord['list'],
        agencyId: e.agencyId,
        agreementId: e.agreementId,
        state: e.state,
        name: e.name,
        model: e.model,
        publication: e.publication,
        details: e.details as Record<string, unknown>,
      };
      return { ...base, title: eventTitle(base) };
    })
    .sort((a, b) => cmp(key(b), key(a)));
}
