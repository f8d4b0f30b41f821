/**
 * The records of the read model, as the API, the downloads and the feeds show them (src/api/schemas.ts holds the
 * same shapes as zod schemas; the API's handlers are typed by both, so the two cannot drift apart).
 */
import type { Interval, SignedEntry } from '../domain/agreement.ts';
import type { Level, Placement, Population, SourceRef } from '../domain/geography.ts';
import type { ListKind, Model } from '../domain/types.ts';
import type { FbiRow } from '../store/references.ts';

export type ModelName = Model;
export type ListName = ListKind;
export type IntervalRecord = Interval;
export type SignedRecord = SignedEntry;
export type FbiRecord = FbiRow;
/** An agency's placement as the API shows it (without the agency's own ID, state and name). */
export type PlacementRecord = Omit<Placement, 'agencyId' | 'state' | 'name' | 'role'>;
export type AgencyStatus = 'active' | 'pending' | 'removed';

export interface PublicationRecord {
  publicationId: number;
  kind: ListName;
  date: string;
  asOf: string;
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

export interface AgreementRecord {
  agreementId: string;
  agencyId: string;
  state: string;
  name: string;
  model: ModelName;
  status: 'active' | 'pending' | 'removed' | 'superseded';
  signed: string | null;
  signedPublished: string | null;
  signedRule: string | null;
  signedHistory: SignedRecord[];
  firstListed: string;
  lastListed: string;
  firstPublication: number;
  lastPublication: number;
  firstPending: string | null;
  firstParticipating: string | null;
  daysPendingToSigned: number | null;
  moaUrl: string | null;
  addendumUrl: string | null;
  secondaryOnly: boolean;
  supersedes: string | null;
  supersededBy: string | null;
  /** Active by the grace rule but missing from ICE's latest participating list (issue 14). */
  notOnLatestList: boolean;
  intervals: IntervalRecord[];
  /** The archived copies of the documents this agreement's rows link (issue 15), when there are any. */
  documents?: ArchivedDocumentRecord[];
}

export interface ArchivedDocumentRecord {
  sha256: string;
  kind: string;
  url: string;
}

export interface EventRecord {
  eventId: string;
  date: string;
  kind: string;
  list: ListName;
  agencyId: string;
  agreementId: string | null;
  state: string | null;
  name: string | null;
  model: string | null;
  publication: number;
  /** The event in plain English. */
  title: string;
  details: Record<string, unknown>;
}

export interface AgencySummaryRecord {
  agencyId: string;
  name: string;
  state: string;
  status: AgencyStatus;
  models: ModelName[];
  pendingModels: ModelName[];
  level: Level | null;
  countyFips: string[];
  place: string | null;
  ori: string | null;
  firstSeen: string;
  lastSeen: string;
  names: string[];
  agreements: { active: number; pending: number; total: number };
}

export interface AgencyNameRecord {
  name: string;
  state: string;
  firstSeen: string;
  lastSeen: string;
  firstPublication: number | null;
  lastPublication: number | null;
}

export interface CountyRefRecord {
  fips: string;
  name: string;
  state: string;
  population: Population | null;
}

export interface IdentityRecord {
  state: string;
  name: string;
  method: string;
  confidence: number;
  needsReview: boolean;
  explanation: string;
  decidedOn: string;
  reviewed: string | null;
}

export interface PublicationRefRecord {
  kind: ListName;
  date: string;
  label: string | null;
  sha256: string;
  status: string;
}

export interface AgencyDetailRecord {
  agencyId: string;
  /** IDs merged into this one (they resolve here). */
  mergedIds: string[];
  name: string;
  state: string;
  status: AgencyStatus;
  models: ModelName[];
  firstSeen: string;
  lastSeen: string;
  names: AgencyNameRecord[];
  agreements: AgreementRecord[];
  events: EventRecord[];
  placement: PlacementRecord | null;
  counties: CountyRefRecord[];
  ori: string | null;
  fbi: FbiRecord | null;
  population: Population | null;
  identity: IdentityRecord[];
  publications: Record<string, PublicationRefRecord>;
  sources: SourceRef[];
}
