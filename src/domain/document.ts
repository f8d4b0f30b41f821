/**
 * The vocabulary of documents (issue 15): a page as lines of positioned text (from the PDF's text layer or from
 * OCR), the sections of an agreement, and the fields read from it, each with its evidence (page and text span) and
 * a confidence, or null with the reason it could not be read.
 */

/** A run of text on a line, `x` points from the page's left edge. */
export interface LineItem {
  x: number;
  text: string;
  /** OCR: the mean confidence (0–1) of the item's words; absent for a text layer. */
  conf?: number;
}

/** One line of a page, `y` points from the page's top edge (the baseline), items left to right. */
export interface PageLine {
  y: number;
  items: LineItem[];
}

/** A page as positioned lines, in PDF points (1/72 inch). */
export interface PageLayout {
  width: number;
  height: number;
  lines: PageLine[];
}

/** Where a page's text came from: the PDF's own text layer, OCR, or nowhere yet (queued or unreadable). */
export type PageSource = 'text' | 'ocr' | 'none';

/** A page as stored: its text (lines joined), its layout, and where it came from. */
export interface DocumentPage {
  page: number;
  source: PageSource;
  text: string;
  layout: PageLayout;
  /** Visible characters (whitespace left out). */
  chars: number;
  /** OCR: the engine's mean word confidence (0–1); text layer: null. */
  confidence: number | null;
  /** OCR engine and version (`tesseract 5.3.0`), or null. */
  engine: string | null;
}

/** Where a value was read: the page, and the character span in that page's text. */
export interface Evidence {
  page: number;
  start: number;
  end: number;
  text: string;
}

/** A field read from a document: a value with its evidence and confidence (0–1), or null and the reason. */
export interface Field<T> {
  value: T | null;
  confidence: number;
  evidence: Evidence | null;
  reason?: string;
}

export type Party = 'LEA' | 'ICE';

export interface Signatory {
  party: Party;
  name: Field<string>;
  title: Field<string>;
  /** ISO date (YYYY-MM-DD). */
  date: Field<string>;
}

export interface PointOfContact {
  party: Party;
  /** The lines given for this party (name, title, address, phone), as printed. */
  lines: string[];
  evidence: Evidence;
}

export interface DocumentFields {
  /** The agency that signs with ICE, as the document names it. */
  agencyName: Field<string>;
  /** `JEM`, `WSO` or `TFM` (the title's model name). */
  model: Field<string>;
  /** The template revision: `2025-02-12` (from "Revised 02/12/2025"), or an older template's key. */
  templateRevision: Field<string>;
  signatures: Signatory[];
  /** ISO date the agreement takes effect, when the document gives one (most: "upon signature"). */
  effectiveDate: Field<string>;
  /** The duration and termination terms, as worded. */
  duration: Field<string>;
  pointsOfContact: Field<PointOfContact[]>;
  complaintAppendix: Field<boolean>;
  publicInformationAppendix: Field<boolean>;
  trainingClause: Field<string>;
  supervisionClause: Field<string>;
}

/** A section of an agreement: an article (`I. PURPOSE`), an appendix (`APPENDIX B`) or the preamble. */
export interface DocumentSection {
  /** Stable key for comparison across documents: `article:purpose`, `appendix:complaint-procedure`. */
  key: string;
  kind: 'preamble' | 'article' | 'appendix' | 'signatures';
  /** The heading as printed (`IV. TRAINING AND ASSIGNMENTS`). */
  heading: string;
  page: number;
  endPage: number;
  text: string;
}

/** One section's difference from its template revision's standard text. */
export interface SectionDeviation {
  key: string;
  heading: string;
  change: 'added' | 'removed' | 'changed';
  /** Share of the standard's words kept (changed sections), 0–1. */
  similarity: number | null;
  /** A readable word diff: runs of kept (`=`), removed (`-`) and added (`+`) words. */
  diff: DiffRun[];
}

export interface DiffRun {
  op: '=' | '-' | '+';
  text: string;
}
