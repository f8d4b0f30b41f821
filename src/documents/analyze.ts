/**
 * One document's reading: its pages (text layer or OCR) into sections and fields. `complete` says whether every
 * page has text; while OCR is pending, fields that rest on absence are withheld.
 */
import type { DocumentFields, DocumentPage, DocumentSection, PageLayout } from '../domain/document.ts';
import { docText } from './doc-text.ts';
import { readFields } from './fields.ts';
import { sectionsOf } from './sections.ts';
import { templateKey } from './templates.ts';

export interface DocumentAnalysis {
  sections: DocumentSection[];
  fields: DocumentFields;
  /** `TFM 2025-02-12`, or null while the model or revision is unread. */
  template: string | null;
  complete: boolean;
}

export function analyzeDocument(pages: DocumentPage[]): DocumentAnalysis {
  const readable = pages.filter((p) => p.source !== 'none');
  const layouts = new Map<number, PageLayout>(readable.map((p) => [p.page, p.layout]));
  const d = docText(
    readable.map((p) => ({ page: p.page, text: p.text, confidence: p.confidence })),
    layouts,
  );
  const complete = readable.length === pages.length;
  const sections = sectionsOf(d);
  const fields = readFields(d, layouts, sections, complete);
  return {
    sections,
    fields,
    template: templateKey(fields.model.value, fields.templateRevision.value),
    complete,
  };
}
