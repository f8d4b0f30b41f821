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
  const c = rule * confidenceAt(d, start);
  return { value, confidence: Math.round(c * 100) / 100, evidence: evidenceAt(d, start, end) };
}

/** Whitespace folded, blanks (underscores, dashes) and stray punctuation trimmed. */
export function clean(s: string): string {
  return s
    .replace(/_{2,}|-{3,}|\.{4,}/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,.:;]+|[\s,:;]+$/g, '')
    .trim();
}
