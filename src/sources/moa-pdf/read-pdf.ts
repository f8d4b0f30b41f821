/**
 * Reads a PDF's text layer, page by page: pdf.js's text runs plus the values typed into the form's fields and
 * free-text notes (MOAs of the 2025 template carry the agency's name, titles and dates as form fields that are not
 * in the text layer), laid out as lines. Each page says how much of it is images, so a scanned page (no usable
 * text, mostly image) is sent to OCR. Bytes in, pages and problems out: no I/O.
 */
import type { PageLayout } from '../../domain/document.ts';
import { unshift } from './glyph-shift.ts';
import { imageCoverage, imagePlacements } from './images.ts';
import { layoutOf, pageText, type Run, visibleChars } from './layout.ts';
import { apply, multiply, openPdf, type PdfDocument, type PdfPage } from './pdfjs.ts';

export interface ReadLimits {
  /** Pages read at most (the rest are counted, not read). */
  maxPages: number;
  /** Characters kept per page at most. */
  maxPageChars: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { maxPages: 300, maxPageChars: 200_000 };

export interface PdfInfo {
  title: string | null;
  author: string | null;
  creator: string | null;
  producer: string | null;
  created: string | null;
  modified: string | null;
  /** The file is encrypted with an empty user password (readable; permissions only). */
  encrypted: boolean;
  formFields: boolean;
}

export interface PdfPageText {
  page: number;
  width: number;
  height: number;
  layout: PageLayout;
  text: string;
  chars: number;
  /** Share of the page covered by images (0–1). */
  imageCoverage: number;
  /** True when the page has no usable text and should be read by OCR. */
  needsOcr: boolean;
}

export interface PdfReading {
  pageCount: number;
  pages: PdfPageText[];
  info: PdfInfo;
  problems: string[];
}

/** A page has usable text when it has at least this many visible characters… */
const MIN_CHARS = 50;
/**
 * …or, on a page mostly covered by an image (a scan with a stamp or a few typed words), this many. Acrobat's
 * "Paper Capture" pages are images with a hidden text layer of their own OCR: those keep their text.
 */
const MIN_CHARS_ON_IMAGE = 150;

/** Whether a page's text layer is too thin to use: OCR reads it instead. */
export function needsOcr(chars: number, coverage: number): boolean {
  return chars < MIN_CHARS || (coverage >= 0.5 && chars < MIN_CHARS_ON_IMAGE);
}

/** Reads every page (up to the limit). Throws what pdf.js throws (the sandbox turns it into a reason). */
export async function readPdf(
  bytes: Uint8Array,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<PdfReading> {
  const pdf = await openPdf(bytes);
  try {
    const problems: string[] = [];
    const pageCount = pdf.numPages;
    if (pageCount === 0) throw new Error('the document has no pages');
    const n = Math.min(pageCount, limits.maxPages);
    if (n < pageCount) problems.push(`only the first ${n} of ${pageCount} pages were read (the limit)`);
    const pages: PdfPageText[] = [];
    for (let p = 1; p <= n; p++) pages.push(await readPage(await pdf.getPage(p), p, limits, problems));
    return { pageCount, pages, info: await infoOf(pdf), problems };
  } finally {
    await pdf.destroy();
  }
}

async function readPage(
  page: PdfPage,
  n: number,
  limits: ReadLimits,
  problems: string[],
): Promise<PdfPageText> {
  const viewport = page.getViewport({ scale: 1 });
  const runs = [...(await textRuns(page)), ...(await fieldRuns(page))];
  const layout = layoutOf(runs, viewport.width, viewport.height);
  let text = pageText(layout);
  if (text.length > limits.maxPageChars) {
    problems.push(`page ${n}: text cut at ${limits.maxPageChars} characters`);
    text = text.slice(0, limits.maxPageChars);
  }
  const chars = visibleChars(text);
  // Walking the operator list decodes the page's images: done only where the answer matters.
  const coverage =
    chars < MIN_CHARS_ON_IMAGE
      ? imageCoverage(await imagePlacements(page), viewport.width, viewport.height)
      : 0;
  page.cleanup();
  return {
    page: n,
    width: layout.width,
    height: layout.height,
    layout,
    text,
    chars,
    imageCoverage: Math.round(coverage * 1000) / 1000,
    needsOcr: needsOcr(chars, coverage),
  };
}

/** Control characters (left by fonts without a Unicode map) as spaces. */
function withoutControls(s: string): string {
  let out = '';
  for (const ch of s) out += ch.charCodeAt(0) < 32 ? ' ' : ch;
  return out;
}

interface TextItemLike {
  str?: string;
  transform?: number[];
  width?: number;
  height?: number;
}

/** The text layer's runs, in viewport coordinates. */
async function textRuns(page: PdfPage): Promise<Run[]> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const runs: Run[] = [];
  for (const raw of content.items as TextItemLike[]) {
    if (!raw.str || !raw.transform) continue;
    const m = multiply(viewport.transform, raw.transform);
    const size = Math.hypot(m[2], m[3]) || raw.height || 10;
    runs.push({
      x: m[4],
      y: m[5],
      width: (raw.width ?? 0) * viewport.scale,
      size,
      text: withoutControls(unshift(raw.str)),
    });
  }
  return runs;
}

interface AnnotationLike {
  subtype?: string;
  fieldType?: string;
  fieldValue?: unknown;
  rect?: number[];
  contentsObj?: { str?: string };
}

/** Values typed into text fields, and free-text notes, placed where they show on the page. */
async function fieldRuns(page: PdfPage): Promise<Run[]> {
  const viewport = page.getViewport({ scale: 1 });
  const runs: Run[] = [];
  for (const a of (await page.getAnnotations()) as AnnotationLike[]) {
    const text =
      a.subtype === 'Widget' && a.fieldType === 'Tx' && typeof a.fieldValue === 'string'
        ? a.fieldValue
        : a.subtype === 'FreeText'
          ? (a.contentsObj?.str ?? '')
          : '';
    if (!text.trim() || !a.rect || a.rect.length < 4) continue;
    const [x0, y0, x1, y1] = a.rect as [number, number, number, number];
    const [lx, ty] = apply(viewport.transform, Math.min(x0, x1), Math.max(y0, y1));
    const [, by] = apply(viewport.transform, Math.min(x0, x1), Math.min(y0, y1));
    const h = Math.abs(by - ty);
    const size = Math.min(12, Math.max(6, h * 0.7));
    // One line per value line, from the field's top; a one-line field's text sits near its bottom.
    const lines = text.split(/\r\n|\r|\n/);
    lines.forEach((line, i) => {
      const y = lines.length === 1 ? by - Math.max(1, (h - size) / 2) : ty + size * (i + 1);
      runs.push({ x: lx + 2, y, width: 0, size, text: line, field: true });
    });
  }
  return runs;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

/** `D:20250218165844-05'00'` → `2025-02-18T16:58:44-05:00` (or the raw text when it does not parse). */
export function pdfDate(v: unknown): string | null {
  const s = str(v);
  if (!s) return null;
  const m = /^D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(s);
  if (!m) return s;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', se = '00', tz] = m;
  const zone = !tz || tz === 'Z' ? 'Z' : `${tz.slice(0, 3)}:${tz.replace(/'/g, '').slice(3, 5) || '00'}`;
  return `${y}-${mo}-${d}T${h}:${mi}:${se}${zone}`;
}

async function infoOf(pdf: PdfDocument): Promise<PdfInfo> {
  const meta = await pdf.getMetadata().catch(() => null);
  const info = (meta?.info ?? {}) as Record<string, unknown>;
  return {
    title: str(info.Title),
    author: str(info.Author),
    creator: str(info.Creator),
    producer: str(info.Producer),
    created: pdfDate(info.CreationDate),
    modified: pdfDate(info.ModDate),
    encrypted: info.EncryptFilterName !== null && info.EncryptFilterName !== undefined,
    formFields: info.IsAcroFormPresent === true,
  };
}
