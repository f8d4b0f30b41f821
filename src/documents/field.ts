/** Making fields: a value with its evidence and confidence, or null with the reason it could not be read. */
import type { Field } from '../domain/document.ts';
import { confidenceAt, type DocText, evidenceAt } from './doc-text.ts';

export function missing<T>(reason: string): Field<T> {
  return { value: null, confidence: 0, evidence: null, reason };
}

/**
 * A value read at [start, end) of the document's text. Its confidence is the rule's, times the page's OCR
 * confidence (1 for a text layer).
 */
export function found<T>(d: DocText, value: T, start: number, end: number, rule: number): Field<T> {
  const c = rule * confidenceAt(d, start, end);
  return { value, confidence: Math.round(c * 100) / 100, evidence: evidenceAt(d, start, end) };
}

/** OCR'd words read below this confidence are not taken as a name, a title or a date: null with the reason. */
export const LEGIBLE = 0.7;

/**
 * A value read from words OCR was unsure of is not a value: null, with what was read and how sure OCR was. Values
 * from a text layer (confidence 1 × rule) pass.
 */
export function legible<T>(f: Field<T>, rule: number): Field<T> {
  if (f.value === null || f.confidence / rule >= LEGIBLE) return f;
  return {
    value: null,
    confidence: 0,
    evidence: f.evidence,
    reason: `OCR read "${String(f.value)}" with low confidence (${Math.round((f.confidence / rule) * 100)}%): not legible`,
  };
}

/** Whitespace folded, blanks (underscores, dashes) and stray punctuation trimmed. */
export function clean(s: string): string {
  return s
    .replace(/_{2,}|-{3,}|\.{4,}/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,.:;]+|[\s,:;]+$/g, '')
    .trim();
}
