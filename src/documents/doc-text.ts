/**
 * A document's text as one string with its page boundaries, so a match anywhere maps back to its page and the
 * span in that page's text (the evidence of a field). Also the running headers and footers (a line repeated on
 * most pages: the agency's name, "Revised 02/12/2025", page numbers), which sections leave out.
 */
import type { Evidence, PageLayout } from '../domain/document.ts';

export interface PageInput {
  page: number;
  text: string;
  /** OCR confidence of the page (0–1), or null for a text layer. */
  confidence: number | null;
}

export interface DocText {
  /** Every page's text, joined by a newline. */
  text: string;
  pages: PageInput[];
  /** Offset in `text` where each page (same index as `pages`) starts. */
  starts: number[];
  /** The pages' layouts (their items carry OCR word confidences), by page number. */
  layouts: Map<number, PageLayout>;
}

export function docText(pages: PageInput[], layouts = new Map<number, PageLayout>()): DocText {
  const starts: number[] = [];
  let at = 0;
  for (const p of pages) {
    starts.push(at);
    at += p.text.length + 1;
  }
  return { text: pages.map((p) => p.text).join('\n'), pages, starts, layouts };
}

/** The index of the page holding `offset`. */
function pageIndex(d: DocText, offset: number): number {
  let lo = 0;
  let hi = d.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((d.starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Evidence for the span [start, end) of the whole text (cut at its page's end). */
export function evidenceAt(d: DocText, start: number, end: number): Evidence {
  const i = pageIndex(d, start);
  const base = d.starts[i] as number;
  const page = d.pages[i] as PageInput;
  const s = start - base;
  const e = Math.min(page.text.length, end - base);
  return { page: page.page, start: s, end: e, text: page.text.slice(s, e) };
}

/**
 * The OCR confidence of the words in [start, end): the lowest of the layout items the span touches (a page's
 * text is its lines' items joined by spaces, lines by newlines, so offsets map back to items). 1 for a text layer;
 * the page's mean when the layout has no word confidences.
 */
export function confidenceAt(d: DocText, start: number, end = start + 1): number {
  const i = pageIndex(d, start);
  const page = d.pages[i];
  if (!page || page.confidence === null) return 1;
  const layout = d.layouts.get(page.page);
  const base = d.starts[i] as number;
  const s = start - base;
  const e = end - base;
  let at = 0;
  let low = Number.POSITIVE_INFINITY;
  for (const line of layout?.lines ?? []) {
    for (const [k, item] of line.items.entries()) {
      const from = at;
      at += item.text.length + (k < line.items.length - 1 ? 1 : 0);
      if (at > s && from < e && item.conf !== undefined) low = Math.min(low, item.conf);
    }
    at += 1;
  }
  return Number.isFinite(low) ? low : page.confidence;
}

/** A line's shape for spotting repeats: lower case, digits and spaces folded. */
export function lineShape(line: string): string {
  return line
    .toLowerCase()
    .replace(/\d+/g, '#')
    .replace(/[^a-z#]+/g, ' ')
    .trim();
}

/**
 * The shapes of lines found among the first two or last three lines of at least half the pages (and at least
 * three): running headers and footers.
 */
export function boilerplate(pages: PageInput[]): Set<string> {
  const count = new Map<string, number>();
  for (const p of pages) {
    const lines = p.text.split('\n');
    const edge = new Set([...lines.slice(0, 2), ...lines.slice(-3)].map(lineShape).filter((s) => s !== ''));
    for (const s of edge) count.set(s, (count.get(s) ?? 0) + 1);
  }
  const need = Math.max(3, Math.ceil(pages.length / 2));
  const out = new Set<string>();
  for (const [s, n] of count) if (n >= need) out.add(s);
  out.add('#');
  return out;
}
