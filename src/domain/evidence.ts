/**
 * The vocabulary of evidence records (issue 18): what a record says about an agency's civil-rights history (kind,
 * status, the ACLU criteria and the DOJ-guidance checklist items it bears on, its sources with the quoted passage
 * relied on), the stages a record goes through (draft, in review, published, retracted), the editors' roles, and
 * the record and tip identifiers. Labels shown to people live in the web layer; these are the stored values.
 */

/** What kind of event or document a record is about. */
export const EVIDENCE_KINDS = [
  'doj-findings',
  'court-ruling',
  'lawsuit',
  'death-in-custody',
  'inspection',
  'official-statement',
  'agency-policy',
  'data-release',
  'reporting',
  'federal-action',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Where the matter stands: alleged, found, settled, dismissed, ongoing, or an action or statement on record. */
export const EVIDENCE_STATUSES = ['alleged', 'found', 'settled', 'dismissed', 'ongoing', 'recorded'] as const;
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];

/** The four criteria of the ACLU's *License to Abuse* (April 2022). */
export const CRITERIA = ['profiling', 'jail-conditions', 'statements', 'policy-advocacy'] as const;
export type Criterion = (typeof CRITERIA)[number];

/** The DOJ 2023 guidance read as a 16-item agency checklist (docs: reassessment.md), items 1 to 16. */
export const CHECKLIST_ITEMS = Array.from({ length: 16 }, (_, i) => i + 1);

/** One source of a record: where it was read, who published it, when, and the passage relied on. */
export interface EvidenceSource {
  /** http(s) only. */
  url: string;
  publisher: string;
  /** Publication date as the source shows it (YYYY-MM-DD), or null when the page read does not show one. */
  date: string | null;
  /** The passage relied on, quoted exactly as read (a sentence or two). */
  quote: string;
  /** sha256 of an archived copy in the raw store, when the source was fetched. */
  archivedSha256: string | null;
}

/** An archived copy of a source (issue 18): the bytes one retrieval stored by sha256, kept whatever follows. */
export interface ArchivedCopy {
  sha256: string;
  mediaType: string;
  /** The latest retrieval that gave these bytes (ISO). */
  retrievedAt: string;
  /** Where the answer came from after redirects. */
  finalUrl: string | null;
}

/** What a record says (one version of it). Text is plain text, never markup. */
export interface EvidenceContent {
  /** The agency's stable ID when the agency is in the ledger, else null (then county and name identify it). */
  agencyId: string | null;
  /** The agency's name as the record's sources name it. */
  agencyName: string;
  /** USPS state code. */
  state: string;
  /** County FIPS (5 digits) for sheriffs' offices and their jails, or null. */
  countyFips: string | null;
  kind: EvidenceKind;
  /** When the event happened or the document is dated (YYYY-MM-DD). */
  date: string;
  title: string;
  /** Plain words for residents. */
  summary: string;
  status: EvidenceStatus;
  criteria: Criterion[];
  checklist: number[];
  sources: EvidenceSource[];
}

/** Where a record is in its life. Records are never deleted: a retracted one stays, marked and explained. */
export type EvidenceStage = 'draft' | 'review' | 'published' | 'retracted';

/** Where a record came from. */
export type EvidenceOrigin = 'editor' | 'seed' | 'tip';

/** Editors' roles, from the least to the most powerful; each can do what the roles before it can. */
export const ROLES = ['contributor', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Whether `role` is `min` or above it. */
export function hasRole(role: Role, min: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(min);
}

/** What a tip is about: a mistake on a page, or an event in the agency's record. */
export const TIP_KINDS = ['correction', 'record'] as const;
export type TipKind = (typeof TIP_KINDS)[number];

/** Moderation states of a tip; a new tip is never shown publicly. */
export const TIP_STATES = ['new', 'drafted', 'dismissed', 'spam'] as const;
export type TipState = (typeof TIP_STATES)[number];

export const RECORD_ID_RE = /^evd-[a-hjkmnp-tv-z0-9]{10}$/;

const ALPHABET = 'abcdefghjkmnpqrstvwxyz0123456789';

/** A new record ID (`evd-` and 10 characters) from 10 random bytes (passed in: the caller owns randomness). */
export function recordIdFrom(bytes: Uint8Array): string {
  if (bytes.length < 10) throw new Error('a record ID needs 10 random bytes');
  let out = 'evd-';
  for (let i = 0; i < 10; i++) out += ALPHABET[(bytes[i] as number) & 31];
  return out;
}

/** Whether a URL is an absolute http(s) URL (the only sources a record may cite). */
export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}
