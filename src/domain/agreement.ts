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

export type AgreementStatus = 'pending' | 'active' | 'removed' | 'superseded';

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
