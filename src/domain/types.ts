/**
 * Records handed from stage to stage. Each stage takes the records of the stage before it and returns new ones;
 * nothing here does I/O.
 */

export type ListKind = 'participating' | 'pending';
export type Model = 'JEM' | 'WSO' | 'TFM';
export const MODELS: readonly Model[] = ['JEM', 'WSO', 'TFM'];

/** Where a publication's bytes come from: ICE itself, or a third party's transcription of ICE's old page. */
export type SourceKind = 'ice-workbook' | 'html-era-table';

export type Severity = 'error' | 'warning' | 'info';

/** One thing found wrong (or fixed) in an input, with enough to find it again. */
export interface Problem {
  file: string;
  row: number | null;
  column: string | null;
  code: string;
  severity: Severity;
  message: string;
  value?: string | null;
}

/** One retrieval of one URL or local file. Bytes are stored separately by sha256. */
export interface FetchRecord {
  source: string;
  url: string;
  retrievedAt: string;
  status: number | null;
  contentType: string | null;
  size: number | null;
  sha256: string | null;
  error: string | null;
}

/** A raw cell as published: its text (numbers as written, error codes such as `#N/A`), type and link target. */
export interface RawCell {
  v: string;
  t: string;
  link?: string;
}

/** One data row of a publication, every cell kept by its header name. */
export interface RawRow {
  row: number;
  hidden: boolean;
  cells: Record<string, RawCell>;
  /** The cells as one string (header order, types, values, links): identical rows have identical signatures. */
  sig: string;
}

/** A workbook read and classified, before normalization. */
export interface ParsedPublication {
  file: string;
  sha256: string;
  bytes: number;
  source: SourceKind;
  kind: ListKind;
  era: string;
  sheetName: string;
  sheetNames: string[];
  header: string[];
  /** Instant the workbook was last saved (UTC ISO), or the capture instant for html-era tables. */
  asOf: string;
  /** The as-of day in America/New_York. */
  asOfDate: string;
  /** ICE's file label (its download name without extension), kept beside the as-of date. */
  label: string | null;
  labelDate: string | null;
  docProps: Record<string, string | null>;
  rows: RawRow[];
  /** sha256 over the parsed cells (not the bytes): a re-save with identical cells has the same hash. */
  contentHash: string;
  problems: Problem[];
}

export type JurisdictionType = 'county' | 'municipality' | 'state';

/** A row with normalized values beside the raw ones. */
export interface Listing {
  row: number;
  hidden: boolean;
  raw: RawRow['cells'];
  state: string | null;
  agencyName: string | null;
  agencyKey: string | null;
  jurisdictionType: JurisdictionType | null;
  county: string | null;
  model: Model | null;
  /** Signed date as published, as an ISO date when it could be read at all. */
  signedPublished: string | null;
  /** Signed date after the correction rules (equal to signedPublished when no rule applied). */
  signed: string | null;
  signedRule: string | null;
  moaUrl: string | null;
  addendumUrl: string | null;
  problems: Problem[];
}
