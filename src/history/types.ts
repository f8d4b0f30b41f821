/** Records of the history stage: what goes in (publications of fold rows), what comes out. */

import type { AgreementOut } from '../domain/agreement.ts';
import type { HistoryEvent } from '../domain/event.ts';
import type { AgencyName, AgencyRecord, AliasEntry, Decision } from '../domain/identity.ts';
import type { ListingRef } from '../domain/listing-refs.ts';
import type { PubSummary } from '../domain/publication.ts';
import type { JurisdictionType, Listing, ListKind, Model, SourceKind } from '../domain/types.ts';
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

export interface HistoryInput {
  pubs: PubIn[];
  decisions: readonly Decision[];
  agencies: readonly AgencyRecord[];
  aliases: readonly AliasEntry[];
  knownBad: readonly KnownBad[];
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
