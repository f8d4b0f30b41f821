/**
 * After documents or lists change: each document analysed again where asked (its pages → sections and fields),
 * then the links table rebuilt, the templates learned again from every document, and each document's deviations
 * from its template. Runs inside the caller's transaction (an ingest, or the OCR queue finishing a document).
 */
import { analyzeDocument } from '../documents/analyze.ts';
import { compare, learnTemplates, type Template, type TemplateDocument } from '../documents/templates.ts';
import type { DocumentSection } from '../domain/document.ts';
import type { Db } from '../store/db.ts';
import { replaceDocumentLinks } from '../store/document-links.ts';
import {
  documentPages,
  replaceTemplates,
  saveAnalysis,
  saveDeviations,
  sectionsForTemplates,
} from '../store/documents.ts';
import { documentLinkRows } from './document-links.ts';

/** Reads a document's stored pages into sections and fields, and saves them. */
export async function analyseStored(db: Db, sha256: string, at: string): Promise<void> {
  const a = analyzeDocument(await documentPages(db, sha256));
  const dates = a.fields.signatures.map((s) => s.date.value).filter((v): v is string => v !== null);
  await saveAnalysis(db, sha256, {
    model: a.fields.model.value,
    template: a.template,
    templateRevision: a.fields.templateRevision.value,
    agencyName: a.fields.agencyName.value,
    signedOn: dates.sort().at(-1) ?? null,
    fields: a.fields,
    sections: a.sections,
    analysedAt: at,
  });
}

export interface RefreshSummary {
  links: number;
  templates: { template: string; documents: number; sections: number }[];
  deviating: number;
}

/** The links of every document only: after a new retrieval of bytes already stored (templates do not change). */
export async function refreshLinks(db: Db): Promise<number> {
  const links = await documentLinkRows(db);
  await replaceDocumentLinks(db, links);
  return links.length;
}

/** Links, templates and deviations of every document, from what is stored now. */
export async function refreshDocuments(db: Db, at: string): Promise<RefreshSummary> {
  const links = await documentLinkRows(db);
  await replaceDocumentLinks(db, links);
  const docs: TemplateDocument[] = (await sectionsForTemplates(db)).map((r) => ({
    sha256: r.sha256,
    template: r.template,
    agencyName: r.agency_name,
    sections: (r.sections ?? []) as DocumentSection[],
  }));
  const templates = learnTemplates(docs);
  await replaceTemplates(
    db,
    templates.map((t) => ({ template: t.template, documents: t.documents, sections: t.sections })),
    at,
  );
  const byKey = new Map<string, Template>(templates.map((t) => [t.template, t]));
  const compared = docs.map((d) => compare(d, byKey));
  await saveDeviations(
    db,
    compared.map((c) => ({ sha256: c.sha256, deviations: c.deviations })),
  );
  return {
    links: links.length,
    templates: templates.map((t) => ({
      template: t.template,
      documents: t.documents,
      sections: t.sections.length,
    })),
    deviating: compared.filter((c) => (c.deviations?.length ?? 0) > 0).length,
  };
}
