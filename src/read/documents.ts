/**
 * Documents as the CLI, the API, the pages and the downloads show them (issue 15): one summary per document
 * (file, pages, OCR, model, party, template, signatures, the agreements and agencies that link it, deviations),
 * the full record of one (fields with their evidence, pages, sections, deviations with their diff, links), and
 * search hits. Read from the store when asked; documents change with OCR, not only with lists.
 */

import { parseSearch } from '../documents/search-query.ts';
import type { DocumentFields, DocumentPage, SectionDeviation } from '../domain/document.ts';
import type { Db } from '../store/db.ts';
import { documentLinks } from '../store/document-links.ts';
import { type SearchFilters, searchPages } from '../store/document-search.ts';
import { documentPages, documentRow, documentRows } from '../store/documents.ts';

export interface DocumentLink {
  url: string;
  kind: 'moa' | 'addendum' | 'file';
  firstSeen: string | null;
  lastSeen: string | null;
}

export interface DocumentSummary {
  sha256: string;
  fileName: string;
  size: number;
  status: 'read' | 'refused';
  refusal: string | null;
  pages: number | null;
  pagesRead: number;
  ocrPages: number;
  pendingPages: number;
  model: string | null;
  /** The agency that signs with ICE, as the document names it. */
  party: string | null;
  template: string | null;
  templateRevision: string | null;
  signedOn: string | null;
  signatures: { party: string; name: string | null; title: string | null; date: string | null }[];
  agreementIds: string[];
  agencyIds: string[];
  links: DocumentLink[];
  /** Sections that differ from the template's standard (null: no standard to compare with). */
  deviations: number | null;
}

export interface DocumentDetail extends DocumentSummary {
  fields: DocumentFields | null;
  sections: { key: string; kind: string; heading: string; page: number; endPage: number }[];
  deviationList: SectionDeviation[] | null;
  pageTexts: Pick<DocumentPage, 'page' | 'source' | 'text' | 'chars' | 'confidence' | 'engine'>[];
  info: Record<string, unknown>;
  problems: string[];
}

type Row = Awaited<ReturnType<typeof documentRows>>[number];
type LinkRow = Awaited<ReturnType<typeof documentLinks>>[number];

function summary(r: Row, links: LinkRow[]): DocumentSummary {
  const f = r.fields;
  const byUrl = new Map<string, DocumentLink>();
  for (const l of links)
    if (!byUrl.has(`${l.kind} ${l.url}`))
      byUrl.set(`${l.kind} ${l.url}`, {
        url: l.url,
        kind: l.kind,
        firstSeen: l.first_seen,
        lastSeen: l.last_seen,
      });
  const uniq = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => x !== null))].sort();
  return {
    sha256: r.sha256,
    fileName: r.file_name,
    size: r.size,
    status: r.status,
    refusal: r.refusal,
    pages: r.page_count,
    pagesRead: r.pages_read,
    ocrPages: r.ocr_pages,
    pendingPages: r.pending_pages,
    model: r.model,
    party: r.agency_name,
    template: r.template,
    templateRevision: r.template_revision,
    signedOn: r.signed_on,
    signatures: (f?.signatures ?? []).map((s) => ({
      party: s.party,
      name: s.name.value,
      title: s.title.value,
      date: s.date.value,
    })),
    agreementIds: uniq(links.map((l) => l.agreement_id)),
    agencyIds: uniq(links.map((l) => l.agency_id)),
    links: [...byUrl.values()],
    deviations: r.deviation_count,
  };
}

function linksBySha(rows: LinkRow[]): Map<string, LinkRow[]> {
  const m = new Map<string, LinkRow[]>();
  for (const l of rows) m.set(l.sha256, [...(m.get(l.sha256) ?? []), l]);
  return m;
}

export interface DocumentFilter {
  agencyIds?: string[] | undefined;
  /** Words of the agency's name as the document gives it. */
  name?: string | undefined;
  model?: string | undefined;
  template?: string | undefined;
  /** true: only documents that deviate from their template; false: only those that do not. */
  deviations?: boolean | undefined;
  agreementId?: string | undefined;
}

export async function listDocuments(db: Db, f: DocumentFilter = {}): Promise<DocumentSummary[]> {
  const links = linksBySha(await documentLinks(db));
  const words = (f.name ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
  return (await documentRows(db))
    .map((r) => summary(r, links.get(r.sha256) ?? []))
    .filter((d) => {
      const byAgency = f.agencyIds && d.agencyIds.some((a) => f.agencyIds?.includes(a));
      const byName =
        words.length > 0 && words.every((w) => (d.party ?? d.fileName).toLowerCase().includes(w));
      if ((f.agencyIds || words.length > 0) && !byAgency && !byName) return false;
      if (f.model && d.model !== f.model) return false;
      if (f.template && d.template !== f.template) return false;
      if (f.agreementId && !d.agreementIds.includes(f.agreementId)) return false;
      if (f.deviations === true && !(d.deviations !== null && d.deviations > 0)) return false;
      if (f.deviations === false && d.deviations !== 0) return false;
      return true;
    });
}

export async function documentDetail(db: Db, sha256: string): Promise<DocumentDetail | undefined> {
  const r = await documentRow(db, sha256);
  if (!r) return undefined;
  const s = summary(r as Row, await documentLinks(db, sha256));
  return {
    ...s,
    fields: r.fields,
    sections: (r.sections ?? []).map(({ text: _t, ...x }) => x),
    deviationList: r.deviations,
    pageTexts: (await documentPages(db, sha256)).map(({ layout: _l, ...p }) => p),
    info: r.info,
    problems: r.problems,
  };
}

export interface SearchHit {
  sha256: string;
  fileName: string;
  page: number;
  source: string;
  rank: number;
  /** The page's text around the matches, each match marked « ». */
  snippet: string;
}

export async function searchDocuments(
  db: Db,
  q: string,
  filters: SearchFilters,
  limit = 20,
  offset = 0,
): Promise<{ hits: SearchHit[]; total: number; query: string | null }> {
  const parsed = parseSearch(q);
  if (!parsed.tsquery) return { hits: [], total: 0, query: null };
  const r = await searchPages(db, parsed.tsquery, filters, limit, offset);
  return {
    hits: r.hits.map((h) => ({
      sha256: h.sha256,
      fileName: h.file_name,
      page: h.page,
      source: h.source,
      rank: Math.round(h.rank * 1e4) / 1e4,
      snippet: h.snippet,
    })),
    total: r.total,
    query: parsed.tsquery,
  };
}
