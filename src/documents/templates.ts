/**
 * Each template's standard text, learned from the documents themselves, and each document's deviations from it.
 * A template is a model and a revision (`TFM 2025-02-12`, `JEM unmarked`). For each section key, the standard is
 * the text most of the template's documents give (their normalized text compared whole; the agency's own name and
 * blanks are masked first, since every MOA fills them in). A section counts as standard only when at least half of
 * the template's documents have it. A document then shows as its sections added, removed or changed, with a word
 * diff of each change. With fewer than `minDocuments` documents a template has no standard yet.
 */
import type { DocumentSection, SectionDeviation } from '../domain/document.ts';
import { similarity, wordDiff, words } from './diff.ts';

export interface TemplateDocument {
  sha256: string;
  template: string | null;
  /** The agency's name as the document gives it (masked in the comparison). */
  agencyName: string | null;
  sections: DocumentSection[];
}

export interface StandardSection {
  key: string;
  heading: string;
  text: string;
  /** Documents of the template whose section text is exactly this standard (normalized). */
  support: number;
  /** Documents of the template that have the section at all. */
  present: number;
}

export interface Template {
  template: string;
  documents: number;
  sections: StandardSection[];
}

export interface Comparison {
  sha256: string;
  template: string | null;
  /** Null when the document's template has no standard (unknown template, or too few documents). */
  deviations: SectionDeviation[] | null;
  reason?: string;
}

/** A section's text as compared: the agency name masked, blanks and spacing folded, hyphenation joined. */
export function normalizeSection(text: string, agency: string | null): string {
  let t = text.replace(/-\n(?=[a-z])/g, '').replace(/\s+/g, ' ');
  if (agency && agency.length >= 4) t = t.split(agency).join('[LEA]');
  return t.replace(/_{2,}/g, '____').replace(/[“”]/g, '"').replace(/[‘’]/g, "'").trim();
}

function majority(texts: string[]): { text: string; n: number } {
  const count = new Map<string, number>();
  for (const t of texts) count.set(t, (count.get(t) ?? 0) + 1);
  let best = { text: '', n: 0 };
  for (const [text, n] of count) if (n > best.n || (n === best.n && text < best.text)) best = { text, n };
  return best;
}

export function learnTemplates(docs: TemplateDocument[], minDocuments = 2): Template[] {
  const byTemplate = new Map<string, TemplateDocument[]>();
  for (const d of docs)
    if (d.template) byTemplate.set(d.template, [...(byTemplate.get(d.template) ?? []), d]);
  const out: Template[] = [];
  for (const [template, group] of [...byTemplate].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (group.length < minDocuments) continue;
    const keys: string[] = [];
    const texts = new Map<string, { heading: string; texts: string[] }>();
    for (const d of group)
      for (const s of d.sections) {
        if (!texts.has(s.key)) {
          keys.push(s.key);
          texts.set(s.key, { heading: s.heading, texts: [] });
        }
        texts.get(s.key)?.texts.push(normalizeSection(s.text, d.agencyName));
      }
    const sections: StandardSection[] = [];
    for (const key of keys) {
      const t = texts.get(key) as { heading: string; texts: string[] };
      if (t.texts.length * 2 < group.length) continue;
      const m = majority(t.texts);
      sections.push({ key, heading: t.heading, text: m.text, support: m.n, present: t.texts.length });
    }
    out.push({ template, documents: group.length, sections });
  }
  return out;
}

export function compare(doc: TemplateDocument, templates: Map<string, Template>): Comparison {
  const t = doc.template ? templates.get(doc.template) : undefined;
  if (!doc.template)
    return { sha256: doc.sha256, template: null, deviations: null, reason: 'the template is not known' };
  if (!t)
    return {
      sha256: doc.sha256,
      template: doc.template,
      deviations: null,
      reason: 'too few documents of this template to learn its standard text',
    };
  const mine = new Map(doc.sections.map((s) => [s.key, s]));
  const deviations: SectionDeviation[] = [];
  for (const std of t.sections) {
    const s = mine.get(std.key);
    if (!s) {
      deviations.push({ key: std.key, heading: std.heading, change: 'removed', similarity: null, diff: [] });
      continue;
    }
    const text = normalizeSection(s.text, doc.agencyName);
    if (text === std.text) continue;
    const diff = wordDiff(words(std.text), words(text));
    deviations.push({
      key: std.key,
      heading: s.heading,
      change: 'changed',
      similarity: similarity(diff),
      diff,
    });
  }
  const standard = new Set(t.sections.map((s) => s.key));
  for (const s of doc.sections)
    if (!standard.has(s.key))
      deviations.push({
        key: s.key,
        heading: s.heading,
        change: 'added',
        similarity: null,
        diff: [{ op: '+', text: s.text }],
      });
  return { sha256: doc.sha256, template: doc.template, deviations };
}

/** `TFM 2025-02-12`: the template key of a document, from its model and revision (null when either is unread). */
export function templateKey(model: string | null, revision: string | null): string | null {
  return model && revision ? `${model} ${revision}` : null;
}
