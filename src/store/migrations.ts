/** Schema migrations, run by Kysely's Migrator on both backends (PGlite and PostgreSQL). */
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { m011, m012 } from './migration-evidence.ts';

/** 001: the ledger's tables (runs, raw files, fetches, publications, row versions, identity, derived rows). */
const LEDGER_TABLES = sql`
      create table runs (
        run_id serial primary key,
        command text not null,
        started_at timestamptz not null,
        finished_at timestamptz,
        report jsonb
      );
      create table raw_files (
        sha256 text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
        size integer not null,
        media_type text not null,
        first_seen timestamptz not null
      );
      create table fetches (
        fetch_id serial primary key,
        run_id integer references runs,
        source text not null,
        url text not null,
        retrieved_at timestamptz not null,
        status integer,
        content_type text,
        size integer,
        sha256 text,
        error text
      );
      create table publications (
        publication_id serial primary key,
        sha256 text not null unique references raw_files,
        source text not null,
        kind text not null check (kind in ('participating', 'pending')),
        era text not null,
        as_of timestamptz not null,
        as_of_date date not null,
        label text,
        label_date date,
        file text not null,
        sheet_name text not null,
        header jsonb not null,
        data_rows integer not null,
        hidden_rows integer not null,
        content_hash text not null,
        doc_props jsonb not null,
        problems jsonb not null,
        rows json not null,
        status text not null,
        status_reason text,
        run_id integer not null references runs,
        ingested_at timestamptz not null
      );
      create index publications_as_of on publications (as_of);
      create index publications_content on publications (content_hash);
      create table row_versions (
        hash text primary key,
        sig text not null,
        cells jsonb not null
      );
      create table agencies (
        agency_id text primary key,
        state text not null,
        name_key text not null,
        first_name text not null,
        first_seen date not null,
        merged_into text references agencies,
        run_id integer not null references runs
      );
      create table identity_decisions (
        state text not null,
        name_key text not null,
        name text not null,
        agency_id text not null references agencies,
        method text not null,
        confidence real not null,
        needs_review boolean not null,
        candidate_id text,
        explanation text not null,
        decided_on date not null,
        run_id integer not null references runs,
        primary key (state, name_key)
      );
      create table agreements (
        agreement_id text primary key,
        agency_id text not null references agencies,
        model text not null,
        status text not null,
        state text not null,
        name text not null,
        first_listed date not null,
        last_listed date,
        first_publication integer not null,
        last_publication integer,
        first_pending date,
        first_participating date,
        signed_published date,
        signed date,
        signed_rule text,
        days_pending_to_signed integer,
        moa_url text,
        addendum_url text,
        secondary_only boolean not null,
        supersedes text,
        superseded_by text,
        intervals jsonb not null,
        signed_history jsonb not null
      );
      create index agreements_agency on agreements (agency_id);
      create table events (
        event_id text primary key,
        date date not null,
        kind text not null,
        list text not null,
        agency_id text not null,
        agreement_id text,
        publication_id integer not null,
        details jsonb not null
      );
      create index events_date on events (date);
      create index events_agreement on events (agreement_id);
      create table agency_names (
        agency_id text not null,
        state text not null,
        name text not null,
        first_seen date not null,
        last_seen date,
        primary key (agency_id, state, name)
      );
      create table listing_refs (
        publication_id integer primary key references publications,
        refs json not null,
        summary jsonb not null
      );
    `;

const m001: Migration = {
  async up(db: Kysely<unknown>) {
    await LEDGER_TABLES.execute(db);
  },
};

/** The history fold's saved state (one row), so a new publication can be folded in without a rebuild. */
const m002: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      create table history_state (
        id integer primary key check (id = 1),
        data bytea not null,
        saved_at timestamptz not null
      );
    `.execute(db);
  },
};

/** Reference data (county shapes, the FBI agency table, ACS population) and the placements made with it. */
const m003: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      create table reference_files (
        sha256 text primary key references raw_files,
        kind text not null check (kind in ('us-atlas-counties', 'fbi-lee', 'acs-b03002')),
        vintage text not null,
        file text not null,
        rows integer not null,
        problems jsonb not null,
        run_id integer not null references runs,
        ingested_at timestamptz not null
      );
      create table ref_counties (
        fips text primary key,
        state text not null,
        name text not null,
        city boolean not null,
        sha256 text not null references reference_files
      );
      create table ref_fbi_agencies (
        ori text primary key,
        year integer not null,
        name text not null,
        state text not null,
        counties jsonb not null,
        type text not null,
        population integer,
        sha256 text not null references reference_files
      );
      create table ref_county_population (
        vintage text not null,
        fips text not null,
        name text not null,
        total integer not null,
        hispanic integer not null,
        white_nh integer not null,
        black_nh integer not null,
        sha256 text not null references reference_files,
        primary key (vintage, fips)
      );
      create table placements (
        agency_id text primary key references agencies,
        state text not null,
        name text not null,
        level text not null,
        role text not null,
        county_fips jsonb not null,
        place text,
        ori text,
        ori_status text not null,
        ori_candidates jsonb not null,
        method text not null,
        rule text not null,
        confidence real not null,
        inputs jsonb not null,
        reason text,
        signals_hash text not null
      );
      create table placement_state (
        id integer primary key check (id = 1),
        reference_hash text not null
      );
    `.execute(db);
  },
};

/**
 * The distinct rows placement reads (state, name, COUNTY and TYPE as published, with the row's agency key; rows
 * without a state or a name belong to no agency and are left out), kept
 * beside the row versions so an incremental ingest reads only the rows of the agencies it touched. Empty until
 * the next ingest fills it (a full placement pass rewrites it).
 */
const m004: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      create table signal_rows (
        key text,
        state text,
        name text,
        county text,
        county_type text,
        type text
      );
      create index signal_rows_key on signal_rows (key);
    `.execute(db);
  },
};

/**
 * 005: a publication's listing refs stored gzipped (`refs_packed`): handing the embedded database the refs as JSON
 * was a large share of a full rebuild (docs/performance.md § Choices measured in the code). Rows written before
 * keep their `refs` JSON, and readers take either; the next full rebuild rewrites them all packed.
 */
const m005: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      alter table listing_refs add column refs_packed bytea;
      alter table listing_refs alter column refs drop not null;
    `.execute(db);
  },
};

/**
 * 006: a publication's rows (row number, row version, hidden) kept uncompressed. The database compressed each
 * list's JSON as it stored it, a third of the time a rebuild spends writing publications (docs/performance.md §
 * Choices measured in the code); the ledger grows a little. Rows written before stay compressed and read the same.
 */
const m006: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`alter table publications alter column rows set storage external`.execute(db);
  },
};

/**
 * 007: the saved fold state and the gzipped listing refs kept as they are. The database tried to compress each
 * value again before storing it (they are gzipped already, so it never gained), most of the time an incremental
 * ingest spent saving the state (docs/performance.md § Choices measured in the code).
 */
const m007: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      alter table history_state alter column data set storage external;
      alter table listing_refs alter column refs_packed set storage external;
    `.execute(db);
  },
};

/**
 * 008 (issue 17): stop datasets and their analyses. A dataset's rows live in DuckDB (src/store/stops/); the ledger
 * keeps what a reader must trust: the raw file (by sha256), the dataset's metadata, each analysis as a run report
 * (inputs with checksums, options, the MethodResult) with its gates, and every comparison set of a before/after
 * design as chosen before any outcome was read. Stop commands record their own runs (stop_runs) so that the
 * ledger's version and "last updated" stay those of the ICE data.
 */
const m008: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      create table stop_runs (
        run_id serial primary key,
        command text not null,
        started_at timestamptz not null,
        finished_at timestamptz,
        report jsonb
      );
      create table stop_datasets (
        dataset_id text primary key check (dataset_id ~ '^[a-z][a-z0-9_]{0,62}$'),
        name text not null,
        file text not null,
        sha256 text not null references raw_files,
        size double precision not null,
        media_type text not null,
        source text not null,
        licence text not null,
        location text not null,
        state text,
        county_fips text,
        agency_id text,
        centre_lat double precision,
        centre_lng double precision,
        time_zone text,
        period_from date,
        period_to date,
        rows_read integer not null,
        rows_loaded integer not null,
        rows_quarantined integer not null,
        quarantine jsonb not null,
        problems jsonb not null,
        columns jsonb not null,
        duck_table text not null,
        mapping text,
        run_id integer not null references stop_runs,
        ingested_at timestamptz not null
      );
      create table stop_analyses (
        analysis_id serial primary key,
        dataset_id text not null references stop_datasets on delete cascade,
        method text not null,
        contrast text not null,
        options jsonb not null,
        status text not null check (status in ('reported', 'withheld')),
        result jsonb not null,
        inputs jsonb not null,
        spec_version text not null,
        run_id integer not null references stop_runs,
        created_at timestamptz not null
      );
      create index stop_analyses_dataset on stop_analyses (dataset_id, method);
      create table stop_gates (
        analysis_id integer not null references stop_analyses on delete cascade,
        gate_id text not null,
        passed boolean not null,
        blocking boolean not null,
        reason text not null,
        metric double precision,
        threshold double precision,
        excluded jsonb not null,
        primary key (analysis_id, gate_id)
      );
      create table stop_comparison_sets (
        set_id serial primary key,
        dataset_id text not null references stop_datasets on delete cascade,
        design text not null,
        key text not null unique,
        treated jsonb not null,
        comparison jsonb not null,
        rationale text not null,
        chosen_at timestamptz not null,
        run_id integer not null references stop_runs
      );
    `.execute(db);
  },
};

/**
 * 009 (issue 15): documents — every MOA and addendum PDF, stored by sha256 like the workbooks (its bytes in the raw
 * store, each retrieval in `fetches`): what the reader made of it (refused with the reason, or its pages), each
 * page's text with a full-text index (English configuration, the same on PGlite and PostgreSQL) and where the
 * text came from (text layer or OCR); the sections, fields and template deviations read from the pages; the links
 * that serve it and the agreements whose rows link it; the OCR queue (resumable: a job is leased, and a lease that
 * ran out is taken again) and the OCR cache (by document, page and engine version); the templates learned.
 */
const m009: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      create table documents (
        sha256 text primary key references raw_files,
        file_name text not null,
        size integer not null,
        status text not null check (status in ('read', 'refused')),
        refusal text,
        page_count integer,
        pages_read integer not null,
        ocr_pages integer not null,
        pending_pages integer not null,
        info jsonb not null,
        problems jsonb not null,
        model text,
        template text,
        template_revision text,
        agency_name text,
        signed_on date,
        fields jsonb,
        sections jsonb,
        deviations jsonb,
        deviation_count integer,
        first_seen timestamptz not null,
        analysed_at timestamptz,
        run_id integer not null references runs
      );
      create table document_pages (
        sha256 text not null references documents,
        page integer not null,
        source text not null check (source in ('text', 'ocr', 'none')),
        text text not null,
        layout jsonb not null,
        chars integer not null,
        confidence real,
        engine text,
        tsv tsvector generated always as (to_tsvector('english', text)) stored,
        primary key (sha256, page)
      );
      create index document_pages_tsv on document_pages using gin (tsv);
      create table document_links (
        sha256 text not null references documents,
        url text not null,
        kind text not null check (kind in ('moa', 'addendum', 'file')),
        agreement_id text,
        agency_id text,
        first_seen timestamptz,
        last_seen timestamptz
      );
      create index document_links_sha on document_links (sha256);
      create index document_links_agreement on document_links (agreement_id);
      create table ocr_jobs (
        sha256 text primary key references documents,
        pages jsonb not null,
        status text not null check (status in ('queued', 'running', 'done', 'failed')),
        done_pages integer not null,
        attempts integer not null,
        engine text,
        lease_owner text,
        lease_until timestamptz,
        error text,
        queued_at timestamptz not null,
        started_at timestamptz,
        finished_at timestamptz
      );
      create index ocr_jobs_status on ocr_jobs (status, queued_at);
      create table ocr_pages (
        sha256 text not null,
        page integer not null,
        engine text not null,
        text text not null,
        layout jsonb not null,
        chars integer not null,
        confidence real,
        ms integer not null,
        made_at timestamptz not null,
        primary key (sha256, page, engine)
      );
      create table document_templates (
        template text primary key,
        documents integer not null,
        sections jsonb not null,
        learned_at timestamptz not null
      );
    `.execute(db);
  },
};

/**
 * 010 (issue 16): the Census ZCTA to county relationship file (a ZIP code's counties, with the share of its land in
 * each) and the Gazetteer of places and county subdivisions (the internal point of each), which place agencies on
 * the map and find a county by ZIP code. The latest file of a kind replaces its rows, like the other references.
 */
const m010: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      alter table reference_files drop constraint reference_files_kind_check;
      alter table reference_files add constraint reference_files_kind_check check (kind in
        ('us-atlas-counties', 'fbi-lee', 'acs-b03002', 'zcta-county', 'gazetteer-places', 'gazetteer-cousubs'));
      create table ref_zcta_counties (
        zcta text not null,
        fips text not null,
        county_name text not null,
        land_share double precision not null,
        sha256 text not null references reference_files,
        primary key (zcta, fips)
      );
      create table ref_places (
        geoid text primary key,
        layer text not null check (layer in ('place', 'cousub')),
        state text not null,
        name text not null,
        base_name text not null,
        lat double precision not null,
        lon double precision not null,
        county_fips text,
        sha256 text not null references reference_files
      );
      create index ref_places_state on ref_places (state);
    `.execute(db);
  },
};

/**
 * 013 (issue 14): agreement IDs that no longer name an agreement, each with the agreement that holds its listings
 * now (null: gone), why and when; kept across rebuilds so every published agreement ID keeps resolving.
 */
const m013: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      create table agreement_redirects (
        agreement_id text primary key,
        into_id text,
        kind text not null check (kind in ('absorbed', 'rebuilt', 'gone')),
        reason text not null,
        date date not null,
        run_id integer not null references runs
      );
    `.execute(db);
  },
};

const MIGRATIONS: Record<string, Migration> = {
  '001-ledger': m001,
  '002-history-state': m002,
  '003-geography': m003,
  '004-signal-rows': m004,
  '005-packed-refs': m005,
  '006-rows-uncompressed': m006,
  '007-packed-uncompressed': m007,
  '008-stop-datasets': m008,
  '009-documents': m009,
  '010-zip-places': m010,
  '011-evidence': m011,
  '012-evidence-archives': m012,
  '013-agreement-redirects': m013,
};

class InlineProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

/** The migrations this code knows that the database has not applied (one query). */
export async function missingMigrations(db: Kysely<unknown>): Promise<string[]> {
  const r = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  const done = new Set(r.rows.map((x) => x.name));
  return Object.keys(MIGRATIONS).filter((k) => !done.has(k));
}

/** True when every migration is recorded as applied (one query; the Migrator's own checks are much slower). */
async function upToDate(db: Kysely<unknown>): Promise<boolean> {
  try {
    return (await missingMigrations(db)).length === 0;
  } catch {
    return false; // no migration table yet: a new ledger
  }
}

export async function migrate(db: Kysely<unknown>): Promise<void> {
  if (await upToDate(db)) return;
  const migrator = new Migrator({ db, provider: new InlineProvider() });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
}
