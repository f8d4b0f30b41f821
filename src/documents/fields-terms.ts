/**
 * The agreement's terms: when it takes effect and how it ends, its points of contact, whether the complaint
 * procedure and public information appendices are there, and its training and supervision clauses — each read
 * from its section, with the section's text as evidence.
 */
import type { DocumentSection, Field, PointOfContact, Signatory } from '../domain/document.ts';
import { firstDate } from './dates.ts';
import type { DocText } from './doc-text.ts';
import { clean, found, missing } from './field.ts';

/** The first sentence (or `max` characters) of a text. */
function sentence(text: string, max = 400): string {
  const one = text.replace(/\s+/g, ' ').trim();
  const end = one.search(/\.\s/);
  return (end > 20 ? one.slice(0, end + 1) : one).slice(0, max);
}

/** Where a section's text (its first line) is in the document, or -1. */
function offsetOf(d: DocText, s: DocumentSection): number {
  const first = s.text.split('\n')[0] ?? '';
  return first ? d.text.indexOf(first) : -1;
}

function sectionWith(sections: DocumentSection[], re: RegExp, kind?: DocumentSection['kind']) {
  return sections.find((s) => re.test(s.key) && (!kind || s.kind === kind));
}

export function durationField(d: DocText, sections: DocumentSection[]): Field<string> {
  const s = sectionWith(sections, /effective|termination|duration/, 'article');
  if (!s) return missing('no section on the effective date and termination could be read');
  const text = sentence(s.text);
  const at = offsetOf(d, s);
  if (at < 0 || text === '') return missing('the section on termination is empty');
  return found(d, text, at, at + text.length, 0.85);
}

export function effectiveField(d: DocText, sections: DocumentSection[], signed: Signatory[]): Field<string> {
  const s = sectionWith(sections, /effective/, 'article');
  if (!s) return missing('no section on the effective date could be read');
  const at = offsetOf(d, s);
  const explicit = /effective\s+(?:on|as\s+of)\s+([^.]{6,40})/i.exec(s.text);
  const date = explicit ? firstDate(explicit[1] as string) : null;
  if (date && at >= 0) return found(d, date.iso, at, at + (explicit?.[0].length ?? 0), 0.85);
  if (/effective\s+upon\s+(the\s+)?signature/i.test(s.text)) {
    const dates = signed.map((x) => x.date.value).filter((v): v is string => v !== null);
    if (signed.length < 2 || dates.length < signed.length)
      return missing('effective upon signature of both parties; not every signature date could be read');
    const last = dates.sort().at(-1) as string;
    const m = /effective\s+upon\s+(the\s+)?signature[^.]*/i.exec(d.text.slice(Math.max(0, at)));
    const start = Math.max(0, at) + (m?.index ?? 0);
    return found(d, last, start, start + (m?.[0].length ?? 0), 0.75);
  }
  return missing('the section gives no effective date');
}

function contactsOf(lines: string[]): { party: 'LEA' | 'ICE'; lines: string[] }[] {
  const out: { party: 'LEA' | 'ICE'; lines: string[] }[] = [];
  let cur: { party: 'LEA' | 'ICE'; lines: string[] } | null = null;
  for (const raw of lines) {
    const m = /^for\s+(the\s+lea|ice|dhs)\s*:?\s*(.*)$/i.exec(raw.trim());
    if (m) {
      cur = { party: /lea/i.test(m[1] as string) ? 'LEA' : 'ICE', lines: [] };
      out.push(cur);
      const rest = clean(m[2] as string);
      if (rest) cur.lines.push(rest);
      continue;
    }
    const t = clean(raw);
    if (cur && t && cur.lines.length < 8) cur.lines.push(t);
  }
  return out.filter((c) => c.lines.length > 0);
}

export function contactsField(d: DocText, sections: DocumentSection[]): Field<PointOfContact[]> {
  const s = sections.find((x) => /points-of-contact/.test(x.key) && !/public-information/.test(x.key));
  if (!s) return missing('no points-of-contact section could be read');
  const at = offsetOf(d, s);
  const list = contactsOf(s.text.split('\n'));
  if (list.length === 0 || at < 0) return missing('the points of contact are blank or unreadable');
  const ev = found(d, null, at, at + Math.min(s.text.length, 600), 1).evidence;
  if (!ev) return missing('the points of contact are unreadable');
  const value = list.map((c) => ({ ...c, evidence: ev }));
  return { ...found(d, value, at, at + Math.min(s.text.length, 600), 0.8) };
}

/** Whether an appendix is there: true with its heading as evidence; false when the document is read whole. */
export function appendixField(
  d: DocText,
  sections: DocumentSection[],
  re: RegExp,
  complete: boolean,
): Field<boolean> {
  const s = sections.find((x) => x.kind === 'appendix' && re.test(x.key));
  if (s) {
    const at = d.text.indexOf(s.heading.split(' ').slice(0, 2).join(' '));
    const i = at >= 0 ? at : d.text.search(/APPENDIX/i);
    return found(d, true, Math.max(0, i), Math.max(0, i) + s.heading.length, 0.9);
  }
  if (!complete) return missing('some pages are not read yet (OCR pending or failed)');
  return {
    value: false,
    confidence: 0.7,
    evidence: null,
    reason: 'no such appendix among the sections read',
  };
}

/** A clause found by its heading (`VIII. TRAINING OF PERSONNEL`, `D. ICE SUPERVISION`): its first sentences. */
export function clauseField(d: DocText, heading: RegExp, what: string): Field<string> {
  const m = heading.exec(d.text);
  if (!m) return missing(`no ${what} clause could be found`);
  const from = m.index + m[0].length;
  const body = d.text
    .slice(from, from + 1200)
    .replace(/\s+/g, ' ')
    .trim();
  const text = sentence(body, 500);
  if (!text) return missing(`the ${what} clause is empty or unreadable`);
  const start = d.text.indexOf(text.slice(0, 30), from);
  return found(d, clean(`${m[0].trim()} ${text}`), m.index, (start >= 0 ? start : from) + text.length, 0.8);
}
