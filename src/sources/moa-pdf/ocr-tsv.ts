/**
 * Tesseract's TSV output (both the Debian program's `tsv` and tesseract.js's `tsv`): one row per word with its
 * box (pixels) and confidence (0–100), grouped by block, paragraph and line. Turned into a page layout in points,
 * with the page's mean word confidence.
 */
import type { PageLayout } from '../../domain/document.ts';
import { layoutOf, pageText, type Run, visibleChars } from './layout.ts';

export interface OcrWord {
  text: string;
  /** 0–100 as the engine gives it. */
  conf: number;
  left: number;
  top: number;
  width: number;
  height: number;
  /** block.paragraph.line: words of one line share it. */
  line: string;
}

/** The words of a TSV (level 5 rows with text); rows that do not parse are skipped. */
export function parseTsv(tsv: string): OcrWord[] {
  const words: OcrWord[] = [];
  for (const row of tsv.split('\n')) {
    const c = row.split('\t');
    if (c.length < 12 || c[0] !== '5') continue;
    const text = (c[11] ?? '').trim();
    if (!text) continue;
    words.push({
      text,
      conf: Number(c[10]),
      left: Number(c[6]),
      top: Number(c[7]),
      width: Number(c[8]),
      height: Number(c[9]),
      line: `${c[2]}.${c[3]}.${c[4]}`,
    });
  }
  return words;
}

export interface OcrPageText {
  layout: PageLayout;
  text: string;
  chars: number;
  /** Mean word confidence, 0–1 (null when no word was read). */
  confidence: number | null;
}

/** Words (pixels at `dpi`) into a page layout in points: each OCR line one run per word on the line's baseline. */
export function ocrLayout(words: OcrWord[], dpi: number, widthPt: number, heightPt: number): OcrPageText {
  const k = 72 / dpi;
  const baseline = new Map<string, number>();
  for (const w of words) baseline.set(w.line, Math.max(baseline.get(w.line) ?? 0, w.top + w.height));
  const runs: Run[] = words.map((w) => ({
    x: w.left * k,
    y: (baseline.get(w.line) ?? w.top + w.height) * k,
    width: w.width * k,
    size: Math.max(4, w.height * k),
    text: w.text,
    ...(w.conf >= 0 ? { conf: w.conf / 100 } : {}),
  }));
  const layout = layoutOf(runs, widthPt, heightPt);
  const text = pageText(layout);
  const scored = words.filter((w) => w.conf >= 0);
  const confidence =
    scored.length === 0
      ? null
      : Math.round((scored.reduce((s, w) => s + w.conf, 0) / scored.length) * 10) / 1000;
  return { layout, text, chars: visibleChars(text), confidence };
}
