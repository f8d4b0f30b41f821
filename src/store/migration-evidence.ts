/**
 * Migration 011 (issue 18): editors' accounts and sessions, the append-only audit log, evidence records with their
 * versions and reviews, and public tips. The rules that must hold whatever code writes are triggers, so they hold
 * on PGlite and PostgreSQL alike: the audit log and the reviews refuse UPDATE, DELETE and TRUNCATE; a record or a
 * version is never deleted and a version's content never changes; a version is never approved by its own author
 * (the two-person rule).
 */
import { type Kysely, type Migration, sql } from 'kysely';

const ACCOUNTS = sql`
  create table users (
    user_id serial primary key,
    username text not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{1,39}$'),
    display_name text not null check (length(display_name) between 1 and 100),
    role text not null check (role in ('contributor', 'reviewer', 'admin')),
    password_hash text not null check (password_hash like '$argon2id$%'),
    created_at timestamptz not null,
    password_changed_at timestamptz not null,
    disabled_at timestamptz,
    failed_logins integer not null default 0,
    locked_until timestamptz
  );
  create table sessions (
    session_id text primary key check (session_id ~ '^[0-9a-f]{64}$'),
    user_id integer not null references users,
    created_at timestamptz not null,
    last_seen_at timestamptz not null,
    expires_at timestamptz not null,
    revoked_at timestamptz,
    revoked_reason text,
    client text not null
  );
  create index sessions_user on sessions (user_id);
`;

const AUDIT = sql`
  create function reassess_append_only() returns trigger language plpgsql as $$
  begin
    raise exception '% is append-only: % refused', TG_TABLE_NAME, TG_OP using errcode = '55000';
  end
  $$;
  create table audit_log (
    audit_id bigserial primary key,
    at timestamptz not null,
    actor_id integer references users,
    actor text not null,
    action text not null,
    entity text not null,
    before jsonb,
    after jsonb
  );
  create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function reassess_append_only();
  create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function reassess_append_only();
`;

const RECORDS = sql`
  create table evidence_records (
    record_id text primary key check (record_id ~ '^evd-[a-hjkmnp-tv-z0-9]{10}$'),
    origin text not null check (origin in ('editor', 'seed', 'tip')),
    created_at timestamptz not null,
    created_by integer references users,
    latest_version integer not null,
    published_version integer,
    first_published_at timestamptz,
    published_at timestamptz,
    retracted_at timestamptz,
    retracted_by integer references users,
    retraction_reason text,
    check ((retracted_at is null) = (retraction_reason is null))
  );
  create trigger evidence_records_kept before delete on evidence_records
    for each row execute function reassess_append_only();
  create trigger evidence_records_no_truncate before truncate on evidence_records
    for each statement execute function reassess_append_only();
  create table evidence_versions (
    record_id text not null references evidence_records,
    version integer not null check (version >= 1),
    content jsonb not null,
    author_id integer references users,
    author_label text not null,
    created_at timestamptz not null,
    change_note text not null,
    submitted_at timestamptz,
    submitted_by integer references users,
    primary key (record_id, version)
  );
  create function reassess_version_frozen() returns trigger language plpgsql as $$
  begin
    if new.record_id is distinct from old.record_id or new.version is distinct from old.version
       or new.content is distinct from old.content or new.author_id is distinct from old.author_id
       or new.author_label is distinct from old.author_label or new.created_at is distinct from old.created_at
       or new.change_note is distinct from old.change_note
       or (old.submitted_at is not null and new.submitted_at is distinct from old.submitted_at) then
      raise exception 'evidence_versions: a version never changes (only its submission is recorded, once)'
        using errcode = '55000';
    end if;
    return new;
  end
  $$;
  create trigger evidence_versions_frozen before update on evidence_versions
    for each row execute function reassess_version_frozen();
  create trigger evidence_versions_kept before delete on evidence_versions
    for each row execute function reassess_append_only();
  create trigger evidence_versions_no_truncate before truncate on evidence_versions
    for each statement execute function reassess_append_only();
`;

const REVIEWS = sql`
  create table evidence_reviews (
    review_id serial primary key,
    record_id text not null,
    version integer not null,
    reviewer_id integer not null references users,
    decision text not null check (decision in ('approve', 'reject', 'retract')),
    note text not null,
    at timestamptz not null,
    foreign key (record_id, version) references evidence_versions
  );
  create function reassess_two_person() returns trigger language plpgsql as $$
  begin
    if new.decision = 'approve' and exists (
      select 1 from evidence_versions v
      where v.record_id = new.record_id and v.version = new.version and v.author_id = new.reviewer_id
    ) then
      raise exception 'two-person rule: a version is approved by a reviewer other than its author'
        using errcode = '55000';
    end if;
    return new;
  end
  $$;
  create trigger evidence_reviews_two_person before insert on evidence_reviews
    for each row execute function reassess_two_person();
  create trigger evidence_reviews_append_only before update or delete on evidence_reviews
    for each row execute function reassess_append_only();
  create trigger evidence_reviews_no_truncate before truncate on evidence_reviews
    for each statement execute function reassess_append_only();
`;

const TIPS = sql`
  create table tips (
    tip_id serial primary key,
    received_at timestamptz not null,
    kind text not null check (kind in ('correction', 'record')),
    agency_id text not null,
    lang text not null check (lang in ('en', 'es')),
    what text not null,
    place text not null,
    source_url text,
    contact text,
    client_key text not null,
    state text not null check (state in ('new', 'drafted', 'dismissed', 'spam')),
    moderated_by integer references users,
    moderated_at timestamptz,
    moderation_note text,
    record_id text references evidence_records
  );
  create index tips_state on tips (state, tip_id);
`;

export const m011: Migration = {
  async up(db: Kysely<unknown>) {
    for (const part of [ACCOUNTS, AUDIT, RECORDS, REVIEWS, TIPS]) await part.execute(db);
  },
};

/**
 * Migration 012 (issue 18): archived copies of evidence sources. A retrieval's final URL (after redirects) is kept
 * beside it in `fetches`: an evidence source's archive is a fetch (source `evidence-source`) whose bytes are a raw
 * file; the copy a source shows is its URL's latest successful one (read/evidence.ts).
 */
export const m012: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`alter table fetches add column final_url text`.execute(db);
    await sql`create index fetches_source_url on fetches (source, url)`.execute(db);
  },
};
