/**
 * Events between publications, derived from agreement intervals and from consecutive listings of an agency:
 * added, removed, renamed, moved, model-added, signed-date-changed, re-signed, pending-to-signed, returned.
 * The first publication of each list is the baseline: its listings are not "added" events.
 * Event IDs are deterministic, so rebuilding the history gives the same IDs.
 */
import type { AgreementOut } from '../domain/agreement.ts';
import { eventId, type HistoryEvent } from '../domain/event.ts';
import type { ListKind } from '../domain/types.ts';
import type { FoldRow } from './types.ts';

/** An applied publication of a list, and the latest re-publication of the same cells (its last sighting). */
export interface AppliedPub {
  id: number;
  asOfDate: string;
  sightingId: number;
  sightingDate: string;
}

function make(e: Omit<HistoryEvent, 'eventId'>, extra = ''): HistoryEvent {
  return { eventId: eventId(e.kind, e.agreementId ?? e.agencyId, e.date, `${e.list}|${extra}`), ...e };
}

/** The first applied publication of `kind` after `date`. */
function nextAfter(applied: AppliedPub[], date: string): AppliedPub | undefined {
  return applied.find((p) => p.asOfDate > date);
}

/** Why an agreement is a re-signing, and the signed date and MOA document of the one it superseded. */
export interface Signed {
  evidence: string;
  previousSigned: string | null;
  previousDocument: string | null;
  document: string | null;
}

export function agreementEvents(
  a: AgreementOut,
  applied: Record<ListKind, AppliedPub[]>,
  signed?: Signed,
): HistoryEvent[] {
  const out: HistoryEvent[] = [];
  const base = { agencyId: a.agencyId, agreementId: a.agreementId };
  const baseline = (kind: ListKind) => applied[kind][0]?.id;
  a.intervals.forEach((iv, i) => {
    const earlierSame = a.intervals.slice(0, i).filter((x) => x.list === iv.list);
    const earlierPending = a.intervals.slice(0, i).some((x) => x.list === 'pending');
    let kind: HistoryEvent['kind'] | null = null;
    if (iv.list === 'participating' && a.supersedes && earlierSame.length === 0) kind = 're-signed';
    else if (iv.list === 'participating' && earlierPending && earlierSame.length === 0)
      kind = 'pending-to-signed';
    else if (earlierSame.length > 0) kind = 'returned';
    else if (iv.fromPublication !== baseline(iv.list)) kind = 'added';
    if (kind)
      out.push(
        make({
          ...base,
          kind,
          date: iv.from,
          list: iv.list,
          publication: iv.fromPublication,
          details:
            kind === 're-signed'
              ? {
                  model: a.model,
                  supersedes: a.supersedes,
                  from: signed?.previousSigned ?? null,
                  to: a.signedHistory[0]?.corrected ?? null,
                  previousDocument: signed?.previousDocument ?? null,
                  document: signed?.document ?? null,
                  evidence: signed?.evidence ?? null,
                }
              : { model: a.model },
        }),
      );
    if (!iv.open) {
      const next = nextAfter(applied[iv.list], iv.to);
      const signedLater =
        iv.list === 'pending' && a.intervals.some((x) => x.list === 'participating' && x.to >= iv.to);
      // A superseded agreement was replaced, not removed.
      if (next && !signedLater && !a.supersededBy)
        out.push(
          make({
            ...base,
            kind: 'removed',
            date: next.asOfDate,
            list: iv.list,
            publication: next.id,
            details: { model: a.model, lastListed: iv.to },
          }),
        );
    }
  });
  for (let i = 1; i < a.signedHistory.length; i++) {
    const prev = a.signedHistory[i - 1];
    const cur = a.signedHistory[i];
    if (!prev || !cur || prev.corrected === cur.corrected || !cur.corrected) continue;
    out.push(
      make(
        {
          ...base,
          kind: 'signed-date-changed',
          date: cur.date,
          list: 'participating',
          publication: cur.publication,
          details: { from: prev.corrected, to: cur.corrected, published: cur.raw, rule: cur.rule },
        },
        `${prev.corrected}>${cur.corrected}`,
      ),
    );
  }
  return out;
}

/** A rename or move seen between two consecutive lists, before identities are made canonical and deduplicated. */
export interface RawAgencyEvent {
  kind: 'renamed' | 'moved';
  list: ListKind;
  agencyId: string;
  /** Set when one agreement moved to another agency's label with its document (history/fold.ts, `relabel`). */
  agreementId?: string;
  date: string;
  publication: number;
  details: Record<string, string | null>;
  extra: string;
}

/**
 * What agency events compare between consecutive lists: the agency's first row in each, and the other keys it is
 * listed under (one agency printed under two spellings in one list).
 */
export type AgencyRow = Pick<
  FoldRow,
  'state' | 'agencyName' | 'agencyKey' | 'county' | 'jurisdictionType'
> & {
  keys?: string[];
};

/** Renames and moves: the same agency listed under another name, state, county or type than in the last list. */
export function rawAgencyEvents(
  list: ListKind,
  pub: { id: number; asOfDate: string },
  before: Map<string, AgencyRow>,
  after: Map<string, AgencyRow>,
  /** Agencies tied to a new label by a document (the evidence of their rename): agency id → file name. */
  documents: ReadonlyMap<string, string> = new Map(),
): RawAgencyEvent[] {
  const out: RawAgencyEvent[] = [];
  for (const [agencyId, l] of after) {
    const p = before.get(agencyId);
    if (!p) continue;
    // Nearly every agency is listed as before: tell that without making anything (this runs for every agency of
    // every publication of a rebuild).
    if (
      p.agencyKey === l.agencyKey &&
      p.state === l.state &&
      p.county === l.county &&
      p.jurisdictionType === l.jurisdictionType
    )
      continue;
    const base = { list, agencyId, date: pub.asOfDate, publication: pub.id };
    const stillListed =
      (p.agencyKey && l.keys?.includes(p.agencyKey)) || (l.agencyKey && p.keys?.includes(l.agencyKey));
    // A key that differs only by a flag read out of the name (`(Addendum)`) is no rename.
    if (p.agencyKey !== l.agencyKey && !stillListed && p.agencyName !== l.agencyName)
      out.push({
        ...base,
        kind: 'renamed',
        details: documents.has(agencyId)
          ? { from: p.agencyName, to: l.agencyName, document: documents.get(agencyId) ?? null }
          : { from: p.agencyName, to: l.agencyName },
        extra: `${p.agencyName}>${l.agencyName}`,
      });
    const moved: Record<string, string | null> = {};
    if (p.state !== l.state) moved.state = `${p.state}>${l.state}`;
    if (p.county && l.county && p.county.toLowerCase() !== l.county.toLowerCase())
      moved.county = `${p.county}>${l.county}`;
    if (p.jurisdictionType && l.jurisdictionType && p.jurisdictionType !== l.jurisdictionType)
      moved.type = `${p.jurisdictionType}>${l.jurisdictionType}`;
    if (Object.keys(moved).length > 0)
      out.push({ ...base, kind: 'moved', details: moved, extra: JSON.stringify(moved) });
  }
  return out;
}

/**
 * Agency events with canonical IDs, one per (kind, agency, change): when both lists show the same change, the
 * participating list's (earliest) sighting is kept.
 */
export function agencyEvents(
  raw: readonly RawAgencyEvent[],
  canonical: (id: string) => string,
): HistoryEvent[] {
  const out = new Map<string, HistoryEvent>();
  for (const list of ['participating', 'pending'] as const)
    for (const r of raw) {
      if (r.list !== list) continue;
      const agencyId = canonical(r.agencyId);
      const k = `${r.kind}|${agencyId}|${JSON.stringify(r.details)}`;
      if (out.has(k)) continue;
      out.set(
        k,
        make(
          {
            kind: r.kind,
            list,
            agencyId,
            agreementId: r.agreementId ?? null,
            date: r.date,
            publication: r.publication,
            details: r.details,
          },
          r.extra,
        ),
      );
    }
  return [...out.values()];
}

/** An agreement added to an agency that already had a participating agreement is a "model-added" event. */
export function relabelAdded(events: HistoryEvent[], agreements: AgreementOut[]): void {
  const firstByAgency = new Map<string, AgreementOut[]>();
  for (const a of agreements) {
    const list = firstByAgency.get(a.agencyId) ?? [];
    list.push(a);
    firstByAgency.set(a.agencyId, list);
  }
  for (const e of events) {
    if ((e.kind !== 'added' && e.kind !== 'pending-to-signed') || e.list !== 'participating') continue;
    const others = (firstByAgency.get(e.agencyId) ?? []).filter((a) => a.agreementId !== e.agreementId);
    const hadOther = others.some((a) =>
      a.intervals.some((iv) => iv.list === 'participating' && iv.from < e.date && iv.to >= e.date),
    );
    if (hadOther && e.kind === 'added') e.kind = 'model-added';
    else if (hadOther) e.details.modelAdded = true;
  }
}
