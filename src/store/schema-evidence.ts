/**
 * The tables of issue 18 as TypeScript types (Kysely): editors' accounts and sessions, the append-only audit log,
 * evidence records, their versions and reviews, and public tips. Created by migration 009 (migration-evidence.ts).
 */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<string, string, string>;

export interface UsersTable {
  user_id: Generated<number>;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  created_at: Timestamp;
  password_changed_at: Timestamp;
  disabled_at: Timestamp | null;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
}

export interface SessionsTable {
  /** sha256 (hex) of the cookie's token: the token itself is never stored. */
  session_id: string;
  user_id: number;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  revoked_reason: string | null;
  /** What the browser said it was (user agent, shortened), to tell sessions apart. */
  client: string;
}

export interface AuditLogTable {
  audit_id: Generated<string>;
  at: Timestamp;
  actor_id: number | null;
  actor: string;
  action: string;
  entity: string;
  before: JSONColumnType<object> | null;
  after: JSONColumnType<object> | null;
}

export interface EvidenceRecordsTable {
  record_id: string;
  origin: string;
  created_at: Timestamp;
  created_by: number | null;
  latest_version: number;
  published_version: number | null;
  first_published_at: Timestamp | null;
  published_at: Timestamp | null;
  retracted_at: Timestamp | null;
  retracted_by: number | null;
  retraction_reason: string | null;
}

export interface EvidenceVersionsTable {
  record_id: string;
  version: number;
  content: JSONColumnType<Record<string, unknown>>;
  author_id: number | null;
  author_label: string;
  created_at: Timestamp;
  change_note: string;
  submitted_at: Timestamp | null;
  submitted_by: number | null;
}

export interface EvidenceReviewsTable {
  review_id: Generated<number>;
  record_id: string;
  version: number;
  reviewer_id: number;
  decision: string;
  note: string;
  at: Timestamp;
}

export interface TipsTable {
  tip_id: Generated<number>;
  received_at: Timestamp;
  kind: string;
  agency_id: string;
  lang: string;
  what: string;
  place: string;
  source_url: string | null;
  contact: string | null;
  /** sha256 of the client's address (the address itself is not kept). */
  client_key: string;
  state: string;
  moderated_by: number | null;
  moderated_at: Timestamp | null;
  moderation_note: string | null;
  record_id: string | null;
}

export interface EvidenceTables {
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  evidence_records: EvidenceRecordsTable;
  evidence_versions: EvidenceVersionsTable;
  evidence_reviews: EvidenceReviewsTable;
  tips: TipsTable;
}
