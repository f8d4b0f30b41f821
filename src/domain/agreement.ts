/** An agreement as the history derives it: its listing intervals, signed dates and status. */
import type { ListKind, Model } from './types.ts';

export interface Interval {
  list: ListKind;
  from: string;
  to: string;
  fromPublication: number;
  toPublication: number;
  /** True when the interval reaches the latest publication of its list (still listed). */
  open: boolean;
  gaps: number;
}

export interface SignedEntry {
  publication: number;
  date: string;
  raw: string | null;
  published: string | null;
  corrected: string | null;
  rule: string | null;
}

export const AGREEMENT_STATUSES = ['pending', 'active', 'removed', 'superseded'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export interface AgreementOut {
  agreementId: string;
  agencyId: string;
  model: Model;
  status: AgreementStatus;
  state: string;
  name: string;
  firstListed: string;
  lastListed: string;
  firstPublication: number;
  lastPublication: number;
  firstPending: string | null;
  firstParticipating: string | null;
  intervals: Interval[];
  signedPublished: string | null;
  signed: string | null;
  signedRule: string | null;
  /** One entry per change of the published signed date (the first listing included). */
  signedHistory: SignedEntry[];
  daysPendingToSigned: number | null;
  /** The agreement this one replaced by a re-signing, and the one that replaced it (status `superseded`). */
  supersedes: string | null;
  supersededBy: string | null;
  moaUrl: string | null;
  addendumUrl: string | null;
  secondaryOnly: boolean;
}

/** An interval as the reads show it (open ends filled in with the latest sighting of the list). */
export interface ShownInterval {
  list: string;
  from: string;
  to: string;
  open: boolean;
}

/**
 * Whether an agreement counts as participating on `on` only by the grace rule (issue 14, "honest status"): listed
 * on `on` by an interval still open (missing from fewer than three lists), but last seen on a list before `on`.
 * On the latest list's date, that is an agreement missing from ICE's latest list but not yet removed.
 */
export function inGraceOn(intervals: readonly ShownInterval[], on: string): boolean {
  const covering = intervals.filter(
    (i) => i.list === 'participating' && i.from <= on && (i.to >= on || i.open),
  );
  return covering.length > 0 && covering.every((i) => i.to < on);
}

/**
 * An agreement ID that no longer names an agreement, kept so that every published ID keeps resolving (issue 14):
 * `absorbed` (another agreement took over its listings: a stand-in label completed by the pending agreement's row),
 * `rebuilt` (a rebuild of the history gave its listing rows to another agreement) or `gone` (a rebuild left no
 * agreement holding its rows; answered as gone, with the reason).
 */
export interface RetiredAgreement {
  agreementId: string;
  /** The agreement that holds its listings now; null when gone. */
  into: string | null;
  kind: 'absorbed' | 'rebuilt' | 'gone';
  reason: string;
  /** The date of the list on which it was retired (absorbed), or of the rebuild. */
  date: string;
}
