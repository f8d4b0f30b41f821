/**
 * Events between publications, derived from agreement intervals and from consecutive listings of an agency:
 * added, removed, renamed, moved, model-added, signed-date-changed, pending-to-signed, returned.
 * The first publication of each list is the baseline: its listings are not "added" events.
 * Event IDs are deterministic, so rebuilding the history gives the same IDs.
 */
import { createHash } from 'node:crypto';
import type { Listing, ListKind } from '../types.ts';
import type { AgreementOut, PubIn } from './build.ts';

export type EventKind =
  | 'added'
  | 'removed'
  | 'renamed'
  | 'moved'
  | 'model-added'
  | 'signed-date-changed'
  | 'pending-to-signed'
  | 'returned';

export interface HistoryEvent {
  eventId: string;
  date: string;
  kind: EventKind;
  list: ListKind;
  agencyId: string;
  agreementId: string | null;
  publication: number;
  details: Record<string, string | number | boolean | null>;
}

export function eventId(kind: string, subject: string, date: string, extra = ''): string {
  return `evt-${createHash('sha256').update(`${kind}|${subject}|${date}|${extra}`).digest('hex').slice(0, 16)}`;
}

function make(e: Omit<HistoryEvent, 'eventId'>, extra = ''): HistoryEvent {
  return { eventId: eventId(e.kind, e.agreementId ?? e.agencyId, e.date, `${e.list}|${extra}`), ...e };
}

/** The first applied publication of `kind` after `date`. */
function nextAfter(applied: PubIn[], date: string): PubIn | undefined {
  return applied.find((p) => p.asOfDate > date);
}

export function agreementEvents(a: AgreementOut, applied: Record<ListKind, PubIn[]>): HistoryEvent[] {
  const out: HistoryEvent[] = [];
  const base = { agencyId: a.agencyId, agreementId: a.agreementId };
  const baseline = (kind: ListKind) => applied[kind][0]?.id;
  a.intervals.forEach((iv, i) => {
    const earlierSame = a.intervals.slice(0, i).filter((x) => x.list === iv.list);
    const earlierPending = a.intervals.slice(0, i).some((x) => x.list === 'pending');
    let kind: HistoryEvent['kind'] | null = null;
    if (iv.list === 'participating' && earlierPending && earlierSame.length === 0) kind = 'pending-to-signed';
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
          details: { model: a.model },
        }),
      );
    if (!iv.open) {
      const next = nextAfter(applied[iv.list], iv.to);
      const signedLater =
        iv.list === 'pending' && a.intervals.some((x) => x.list === 'participating' && x.to >= iv.to);
      if (next && !signedLater)
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

/** Renames and moves: the same agency listed under another name, state, county or type than in the last list. */
export function agencyEvents(
  applied: Record<ListKind, PubIn[]>,
  rows: Map<number, Map<string, Listing>>,
  canonical: (id: string) => string,
): HistoryEvent[] {
  const out = new Map<string, HistoryEvent>();
  for (const kind of ['participating', 'pending'] as const) {
    const list = applied[kind];
    for (let i = 1; i < list.length; i++) {
      const before = rows.get((list[i - 1] as PubIn).id);
      const pub = list[i] as PubIn;
      const after = rows.get(pub.id);
      if (!before || !after) continue;
      for (const [id, l] of after) {
        const p = before.get(id);
        if (!p) continue;
        const agencyId = canonical(id);
        const push = (e: HistoryEvent) => {
          const k = `${e.kind}|${agencyId}|${JSON.stringify(e.details)}`;
          if (!out.has(k)) out.set(k, e);
        };
        const base = { agencyId, agreementId: null, list: kind, date: pub.asOfDate, publication: pub.id };
        if (
          p.agencyKey !== l.agencyKey ||
          (p.state === l.state && p.agencyName !== l.agencyName && p.agencyKey !== l.agencyKey)
        )
          push(
            make(
              { ...base, kind: 'renamed', details: { from: p.agencyName, to: l.agencyName } },
              `${p.agencyName}>${l.agencyName}`,
            ),
          );
        const moved: Record<string, string | null> = {};
        if (p.state !== l.state) moved.state = `${p.state}>${l.state}`;
        if (p.county && l.county && p.county.toLowerCase() !== l.county.toLowerCase())
          moved.county = `${p.county}>${l.county}`;
        if (p.jurisdictionType && l.jurisdictionType && p.jurisdictionType !== l.jurisdictionType)
          moved.type = `${p.jurisdictionType}>${l.jurisdictionType}`;
        if (Object.keys(moved).length > 0)
          push(make({ ...base, kind: 'moved', details: moved }, JSON.stringify(moved)));
      }
    }
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
