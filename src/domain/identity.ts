/**
 * Identity records: the agencies the ledger knows (stable IDs that never change), the decision that tied each
 * listed (state, name) to one, the names each was listed under, and the reviewed alias verdicts.
 */

/** How a (state, name) was tied to an agency (identify/resolver.ts explains each). */
export type Method = 'alias-file' | 'key' | 'document' | 'variant' | 'moved' | 'renamed' | 'spelling' | 'new';

export interface Decision {
  state: string;
  key: string;
  name: string;
  agencyId: string;
  method: Method;
  confidence: number;
  needsReview: boolean;
  candidateId: string | null;
  explanation: string;
  decidedOn: string;
}

export interface AgencyRecord {
  agencyId: string;
  state: string;
  key: string;
  name: string;
  firstSeen: string;
  mergedInto: string | null;
}

/** A reviewed verdict of the alias file: two (state, key) names are the same agency, or distinct ones. */
export interface AliasEntry {
  verdict: 'same' | 'distinct';
  a: { state: string; key: string };
  b: { state: string; key: string };
  evidence: string;
}

/** One name an agency was listed under, with the first and last date. */
export interface AgencyName {
  agency_id: string;
  state: string;
  name: string;
  first_seen: string;
  last_seen: string;
}
