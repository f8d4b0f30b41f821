/**
 * An agreement's sections: the articles (`I. PARTIES`, `XV. COMPLAINT PROCEDURES`), the appendices (`APPENDIX B` and
 * the title under it) and the preamble before them, from the document's text with running headers and footers
 * left out. Each section gets a key for comparison across documents (the heading's words, not its numbering,
 * which shifts between templates).
 */
import type { DocumentSection } from '../domain/document.ts';
import { boilerplate, type DocText, lineShape } from './doc-text.ts';

const ARTICLE = /^([IVXL]{1,6})\s?[.,]\s*([A-Z][A-Z0-9 ,;:/&()'’-]{2,90})$/;
const APPENDIX = /^APPENDIX\s?([A-H])\b\s*[-–:.]?\s*([^a-z]*)$/;

/** `Public Information Points of Contact` → `public-information-points-of-contact`. */
export function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/\(sop\)/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

interface Line {
  text: string;
  page: number;
}

/** The document's lines without running headers, footers and page numbers. */
export function bodyLines(d: DocText): Line[] {
  const skip = boilerplate(d.pages);
  const out: Line[] = [];
  for (const p of d.pages)
    for (const raw of p.text.split('\n')) {
      const text = raw.trim();
      if (text === '' || skip.has(lineShape(text))) continue;
      out.push({ text, page: p.page });
    }
  return out;
}

function isUpperHeading(s: string): boolean {
  const letters = s.replace(/[^A-Za-z]/g, '');
  return letters.length >= 4 && letters === letters.toUpperCase();
}

/** The heading a line starts, or null: [kind, printed heading, key]. */
function headingOf(
  lines: Line[],
  i: number,
): { kind: 'article' | 'appendix'; heading: string; key: string; take: number } | null {
  const text = (lines[i] as Line).text;
  const a = ARTICLE.exec(text);
  if (a && isUpperHeading(a[2] as string))
    return { kind: 'article', heading: text, key: `article:${slug(a[2] as string)}`, take: 1 };
  const x = APPENDIX.exec(text);
  if (x) {
    const rest = (x[2] as string).trim();
    const next = lines[i + 1]?.text ?? '';
    const title = rest !== '' ? rest : isUpperHeading(next) ? next : '';
    const key = `appendix:${slug(title) || (x[1] as string).toLowerCase()}`;
    return {
      kind: 'appendix',
      heading: `APPENDIX ${(x[1] as string).toUpperCase()}${title ? ` ${title}` : ''}`,
      key,
      take: rest === '' && title ? 2 : 1,
    };
  }
  return null;
}

/** The document's sections, in order. */
export function sectionsOf(d: DocText): DocumentSection[] {
  const lines = bodyLines(d);
  const out: DocumentSection[] = [];
  let cur: DocumentSection | null = null;
  const seen = new Map<string, number>();
  const open = (s: Omit<DocumentSection, 'text' | 'endPage'>) => {
    const n = (seen.get(s.key) ?? 0) + 1;
    seen.set(s.key, n);
    cur = { ...s, key: n > 1 ? `${s.key}-${n}` : s.key, endPage: s.page, text: '' };
    out.push(cur);
    return cur;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    const h = headingOf(lines, i);
    if (h) {
      open({ key: h.key, kind: h.kind, heading: h.heading, page: line.page });
      i += h.take - 1;
      continue;
    }
    const s: DocumentSection =
      cur ?? open({ key: 'preamble', kind: 'preamble', heading: '', page: line.page });
    s.text += (s.text ? '\n' : '') + line.text;
    s.endPage = line.page;
  }
  return out;
}
