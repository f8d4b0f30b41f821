/** Records of the history stage: what goes in (publications of fold rows), what comes out. */
import type { AgencyRecord, AliasEntry, Decision } from '../identify/resolver.ts';
import type { JurisdictionType, Listing, ListKind, Model, SourceKind } from '../types.ts';
import type { HistoryEvent } from './events.ts';
import type { KnownBad, PublicationStatus } from './gate.ts';

export const REMOVAL_CONFIRM = 3;

export interface PubIn {
  id: number;
  sha256: string;
  kind: ListKind;
  source: SourceKind;
  asOf: string;
  asOfDate: string;
  contentHash: string;
  /**
   * One per data row, in order. Rows that normalize alike may share one object (a full rebuild folds ~190k rows
   * of ~12k distinct listings), so the row numbers are kept apart, in `rows`.
   */
  listings: FoldRow[];
  /** Worksheet row number of each listing. */
  rows: number[];
}

/** The part of a listing the history needs (the raw cells and problems stay in the ledger). */
export interface FoldRow {
  state: string | null;
  agencyName: string | null;
  agencyKey: string | null;
  jurisdictionType: JurisdictionType | null;
  county: string | null;
  model: Model | null;
  signedPublished: string | null;
  signed: string | null;
  signedRule: string | null;
  /** The SIGNED cell as published. */
  signedRaw: string | null;
  moaUrl: string | null;
  addendumUrl: string | null;
}

export function toFoldRow(l: Listing): FoldRow {
  return {
    state: l.state,
    agencyName: l.agencyName,
    agencyKey: l.agencyKey,
    jurisdictionType: l.jurisdictionType,
    county: l.county,
    model: l.model,
    signedPublished: l.signedPublished,
    signed: l.signed,
    signedRule: l.signedRule,
    signedRaw: l.raw.SIGNED?.v ?? null,
    moaUrl: l.moaUrl,
    addendumUrl: l.addendumUrl,
  };
}

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

export interface ListingRef {
  publication: number;
  row: number;
  state: string | null;
  name: string | null;
  agencyId: string | null;
  agreementId: string | null;
  /** The agreement's model (the agreement id is minted from agency and model). */
  model: Model | null;
  duplicate: boolean;
}

export interface HistoryInput {
  pubs: PubIn[];
  decisions: readonly Decision[];
  agencies: readonly AgencyRecord[];
  aliases: readonly AliasEntry[];
  knownBad: readonly KnownBad[];
}

export interface AgencyName {
  agency_id: string;
  state: string;
  name: string;
  first_seen: string;
  last_seen: string;
}

/** Counts for one publication, as published (quarantined ones included). */
export interface PubSummary {
  rows: number;
  agreements: number;
  models: Record<Model, number>;
  states: number;
}

export interface HistoryOutput {
  summaries: Map<number, PubSummary>;
  /** Every (agency, state, name) it was listed under, with first and last date. */
  names: AgencyName[];
  statuses: Map<number, { status: PublicationStatus; reason: string | null }>;
  refs: ListingRef[];
  newDecisions: Decision[];
  newAgencies: AgencyRecord[];
  agencies: AgencyRecord[];
  agreements: AgreementOut[];
  events: HistoryEvent[];
}
