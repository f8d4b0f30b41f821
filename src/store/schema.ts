/**
 * The ledger's tables as TypeScript types (Kysely). Append-only tables hold what was observed (raw files,
 * fetches, publications, row versions, identity decisions, agencies); derived tables (agreements, events,
 * listing refs, agency names) are rebuilt from them in the same transaction as every ingest.
 */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type {
  DocumentFields,
  DocumentSection,
  PageLayout,
  PageSource,
  SectionDeviation,
} from '../domain/document.ts';
import type { CompactRefs } from '../domain/listing-refs.ts';
import type { EvidenceTables } from './schema-evidence.ts';

type Timestamp = ColumnType<string, string, string>;

export interface RunsTable {
  run_id: Generated<number>;
  command: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  report: JSONColumnType<Record<string, unknown>> | null;
}

export interface RawFilesTable {
  sha256: string;
  size: number;
  media_type: string;
  first_seen: Timestamp;
}

export interface FetchesTable {
  fetch_id: Generated<number>;
  run_id: number | null;
  source: string;
  url: string;
  retrieved_at: Timestamp;
  status: number | null;
  content_type: string | null;
  size: number | null;
  sha256: string | null;
  error: string | null;
  /** The URL the answer came from after redirects (migration 012; set by evidence archives). */
  final_url: string | null;
}

export interface PublicationsTable {
  publication_id: Generated<number>;
  sha256: string;
  source: string;
  kind: string;
  era: string;
  as_of: Timestamp;
  as_of_date: string;
  label: string | null;
  label_date: string | null;
  file: string;
  sheet_name: string;
  header: JSONColumnType<string[]>;
  data_rows: number;
  hidden_rows: number;
  content_hash: string;
  doc_props: JSONColumnType<Record<string, string | null>>;
  problems: JSONColumnType<unknown[]>;
  /** [row number, row version hash, hidden (0/1)] per data row. */
  rows: JSONColumnType<[number, string, number][]>;
  status: string;
  status_reason: string | null;
  run_id: number;
  ingested_at: Timestamp;
}

export interface RowVersionsTable {
  hash: string;
  sig: string;
  cells: JSONColumnType<Record<string, { v: string; t: string; link?: string }>>;
}

export interface AgenciesTable {
  agency_id: string;
  state: string;
  name_key: string;
  first_name: string;
  first_seen: string;
  merged_into: string | null;
  run_id: number;
}

export interface IdentityDecisionsTable {
  state: string;
  name_key: string;
  name: string;
  agency_id: string;
  method: string;
  confidence: number;
  needs_review: boolean;
  candidate_id: string | null;
  explanation: string;
  decided_on: string;
  run_id: number;
}

export interface AgreementsTable {
  agreement_id: string;
  agency_id: string;
  model: string;
  status: string;
  state: string;
  name: string;
  first_listed: string;
  /** Null while the agreement is listed in the latest publication of its list (see queries.ts). */
  last_listed: string | null;
  first_publication: number;
  last_publication: number | null;
  first_pending: string | null;
  first_participating: string | null;
  signed_published: string | null;
  signed: string | null;
  signed_rule: string | null;
  days_pending_to_signed: number | null;
  moa_url: string | null;
  addendum_url: string | null;
  secondary_only: boolean;
  supersedes: string | null;
  superseded_by: string | null;
  intervals: JSONColumnType<unknown[]>;
  signed_history: JSONColumnType<unknown[]>;
}

/** An agreement ID that no longer names an agreement (migration 013; domain/agreement.ts, RetiredAgreement). */
export interface AgreementRedirectsTable {
  agreement_id: string;
  into_id: string | null;
  kind: string;
  reason: string;
  date: string;
  run_id: number;
}

export interface EventsTable {
  event_id: string;
  date: string;
  kind: string;
  list: string;
  agency_id: string;
  agreement_id: string | null;
  publication_id: number;
  details: JSONColumnType<Record<string, unknown>>;
}

export interface AgencyNamesTable {
  agency_id: string;
  state: string;
  name: string;
  first_seen: string;
  /** Null while the name is listed in the latest publication. */
  last_seen: string | null;
}

export interface ListingRefsTable {
  publication_id: number;
  /** Before migration 005 (and never written since): the refs as JSON. */
  refs: JSONColumnType<CompactRefs | null, string | null, string | null>;
  /** Gzipped JSON of the refs (CompactRefs). */
  refs_packed: Buffer | null;
  summary: JSONColumnType<{
    rows: number;
    agreements: number;
    models: Record<string, number>;
    states: number;
  }>;
}

export interface HistoryStateTable {
  id: number;
  /** Gzipped JSON of the fold state (it is only ever read and written whole). */
  data: Buffer;
  saved_at: Timestamp;
}

export interface ReferenceFilesTable {
  sha256: string;
  kind:
    | 'us-atlas-counties'
    | 'fbi-lee'
    | 'acs-b03002'
    | 'zcta-county'
    | 'gazetteer-places'
    | 'gazetteer-cousubs';
  vintage: string;
  file: string;
  rows: number;
  problems: JSONColumnType<{ row: number; field: string; message: string }[]>;
  run_id: number;
  ingested_at: Timestamp;
}

/** A part of a ZIP Code Tabulation Area in a county (migration 009). */
export interface RefZctaCountiesTable {
  zcta: string;
  fips: string;
  county_name: string;
  land_share: number;
  sha256: string;
}

/** A Gazetteer place or county subdivision with its internal point (migration 009). */
export interface RefPlacesTable {
  geoid: string;
  layer: 'place' | 'cousub';
  state: string;
  name: string;
  base_name: string;
  lat: number;
  lon: number;
  county_fips: string | null;
  sha256: string;
}

export interface RefCountiesTable {
  fips: string;
  state: string;
  name: string;
  city: boolean;
  sha256: string;
}

export interface RefFbiAgenciesTable {
  ori: string;
  year: number;
  name: string;
  state: string;
  counties: JSONColumnType<string[]>;
  type: string;
  population: number | null;
  sha256: string;
}

export interface RefCountyPopulationTable {
  vintage: string;
  fips: string;
  name: string;
  total: number;
  hispanic: number;
  white_nh: number;
  black_nh: number;
  sha256: string;
}

export interface PlacementsTable {
  agency_id: string;
  state: string;
  name: string;
  level: string;
  role: string;
  county_fips: JSONColumnType<string[]>;
  place: string | null;
  ori: string | null;
  ori_status: string;
  ori_candidates: JSONColumnType<string[]>;
  method: string;
  rule: string;
  confidence: number;
  inputs: JSONColumnType<Record<string, unknown>>;
  reason: string | null;
  /** Hash of the agency's signals (names, COUNTY and TYPE values) the placement was made from. */
  signals_hash: string;
}

/** Issue 17: the runs of stop commands (ingest, analyses), each with its report. */
export interface StopRunsTable {
  run_id: Generated<number>;
  command: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  report: JSONColumnType<Record<string, unknown>> | null;
}

/** Issue 17: one stop dataset (its rows are in DuckDB, table `duck_table`). */
export interface StopDatasetsTable {
  dataset_id: string;
  name: string;
  file: string;
  sha256: string;
  size: number;
  media_type: string;
  source: string;
  licence: string;
  location: string;
  state: string | null;
  county_fips: string | null;
  agency_id: string | null;
  centre_lat: number | null;
  centre_lng: number | null;
  time_zone: string | null;
  period_from: string | null;
  period_to: string | null;
  rows_read: number;
  rows_loaded: number;
  rows_quarantined: number;
  quarantine: JSONColumnType<{ reason: string; rows: number }[]>;
  problems: JSONColumnType<string[]>;
  columns: JSONColumnType<{ name: string; type: string }[]>;
  duck_table: string;
  mapping: string | null;
  run_id: number;
  ingested_at: Timestamp;
}

/** Issue 17: one analysis of a stop dataset (a run report: inputs with checksums, options, the MethodResult). */
export interface StopAnalysesTable {
  analysis_id: Generated<number>;
  dataset_id: string;
  method: string;
  contrast: string;
  options: JSONColumnType<Record<string, unknown>>;
  status: 'reported' | 'withheld';
  result: JSONColumnType<Record<string, unknown>>;
  inputs: JSONColumnType<Record<string, unknown>[]>;
  spec_version: string;
  run_id: number;
  created_at: Timestamp;
}

/** Issue 17: each data-quality gate of an analysis. */
export interface StopGatesTable {
  analysis_id: number;
  gate_id: string;
  passed: boolean;
  blocking: boolean;
  reason: string;
  metric: number | null;
  threshold: number | null;
  excluded: JSONColumnType<string[]>;
}

/** Issue 17: a before/after design's comparison set, recorded when chosen (before outcomes are read). */
export interface StopComparisonSetsTable {
  set_id: Generated<number>;
  dataset_id: string;
  design: string;
  key: string;
  treated: JSONColumnType<Record<string, unknown>[]>;
  comparison: JSONColumnType<Record<string, unknown>[]>;
  rationale: string;
  chosen_at: Timestamp;
  run_id: number;
}

/** Every table; those of issue 18 (editors, audit log, evidence, tips) are in schema-evidence.ts. */
export interface Database extends EvidenceTables {
  history_state: HistoryStateTable;
  runs: RunsTable;
  raw_files: RawFilesTable;
  fetches: FetchesTable;
  publications: PublicationsTable;
  row_versions: RowVersionsTable;
  agencies: AgenciesTable;
  identity_decisions: IdentityDecisionsTable;
  agreements: AgreementsTable;
  agreement_redirects: AgreementRedirectsTable;
  events: EventsTable;
  agency_names: AgencyNamesTable;
  listing_refs: ListingRefsTable;
  reference_files: ReferenceFilesTable;
  ref_counties: RefCountiesTable;
  ref_fbi_agencies: RefFbiAgenciesTable;
  ref_county_population: RefCountyPopulationTable;
  ref_zcta_counties: RefZctaCountiesTable;
  ref_places: RefPlacesTable;
  placements: PlacementsTable;
  placement_state: { id: number; reference_hash: string };
  signal_rows: SignalRowsTable;
  stop_runs: StopRunsTable;
  stop_datasets: StopDatasetsTable;
  stop_analyses: StopAnalysesTable;
  stop_gates: StopGatesTable;
  stop_comparison_sets: StopComparisonSetsTable;
  documents: DocumentsTable;
  document_pages: DocumentPagesTable;
  document_links: DocumentLinksTable;
  ocr_jobs: OcrJobsTable;
  ocr_pages: OcrPagesTable;
  document_templates: DocumentTemplatesTable;
}

/** One PDF document (issue 15): what the reader made of it, and what was read from it. */
export interface DocumentsTable {
  sha256: string;
  file_name: string;
  size: number;
  status: 'read' | 'refused';
  refusal: string | null;
  page_count: number | null;
  pages_read: number;
  ocr_pages: number;
  pending_pages: number;
  info: JSONColumnType<Record<string, unknown>>;
  problems: JSONColumnType<string[]>;
  model: string | null;
  template: string | null;
  template_revision: string | null;
  agency_name: string | null;
  signed_on: string | null;
  fields: JSONColumnType<DocumentFields> | null;
  sections: JSONColumnType<DocumentSection[]> | null;
  deviations: JSONColumnType<SectionDeviation[]> | null;
  deviation_count: number | null;
  first_seen: Timestamp;
  analysed_at: Timestamp | null;
  run_id: number;
}

export interface DocumentPagesTable {
  sha256: string;
  page: number;
  source: PageSource;
  text: string;
  layout: JSONColumnType<PageLayout>;
  chars: number;
  confidence: number | null;
  engine: string | null;
  /** Generated by the database (to_tsvector('english', text)). */
  tsv: ColumnType<string, never, never>;
}

export interface DocumentLinksTable {
  sha256: string;
  url: string;
  kind: 'moa' | 'addendum' | 'file';
  agreement_id: string | null;
  agency_id: string | null;
  first_seen: Timestamp | null;
  last_seen: Timestamp | null;
}

export interface OcrJobsTable {
  sha256: string;
  pages: JSONColumnType<number[]>;
  status: 'queued' | 'running' | 'done' | 'failed';
  done_pages: number;
  attempts: number;
  engine: string | null;
  lease_owner: string | null;
  lease_until: Timestamp | null;
  error: string | null;
  queued_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface OcrPagesTable {
  sha256: string;
  page: number;
  engine: string;
  text: string;
  layout: JSONColumnType<PageLayout>;
  chars: number;
  confidence: number | null;
  ms: number;
  made_at: Timestamp;
}

export interface DocumentTemplatesTable {
  template: string;
  documents: number;
  sections: JSONColumnType<unknown[]>;
  learned_at: Timestamp;
}

/** One distinct row as placement reads it (src/geography/signals.ts). */
export interface SignalRowsTable {
  key: string | null;
  state: string | null;
  name: string | null;
  county: string | null;
  county_type: string | null;
  type: string | null;
}
