/**
 * Positioned text into lines: runs of text (from pdf.js's text content, form-field values, OCR words) grouped into
 * lines by their baseline, left to right, with spaces where there is a gap. The layout keeps each run's x, so a
 * reader can tell the columns of a signature block apart.
 */
import type { LineItem, PageLayout, PageLine } from '../../domain/document.ts';

/** A run of text in page coordinates: x from the left edge, y (baseline) from the top, in points. */
export interface Run {
  x: number;
  y: number;
  /** Width in points (0 when unknown). */
  width: number;
  /** Font size (height) in points. */
  size: number;
  text: string;
  /** A form field's value: it fills the blank (a run of underscores) printed where it sits, when there is one. */
  field?: boolean;
  /** OCR: the word's confidence (0–1). */
  conf?: number;
}

const BLANK = /_{3,}/g;

/**
 * Puts each field value into the blank it fills: the run of underscores on its line nearest to it (within 150
 * points), estimated from the text run's width. A value with no blank near it stays a run of its own.
 */
export function fillBlanks(runs: Run[]): Run[] {
  const text = runs.filter((r) => !r.field).map((r) => ({ ...r }));
  const left: Run[] = [];
  for (const f of runs.filter((r) => r.field)) {
    let best: { run: Run; start: number; end: number; d: number } | null = null;
    for (const r of text) {
      if (Math.abs(r.y - f.y) > Math.max(r.size, f.size) * 1.2) continue;
      for (const m of r.text.matchAll(BLANK)) {
        const start = m.index ?? 0;
        const per = r.width > 0 ? r.width / Math.max(1, r.text.length) : r.size * 0.5;
        const d = Math.abs(r.x + per * start - f.x) + Math.abs(r.y - f.y);
        if (d <= 150 && (!best || d < best.d)) best = { run: r, start, end: start + m[0].length, d };
      }
    }
    if (!best) left.push(f);
    else {
      const t = best.run.text;
      best.run.text = `${t.slice(0, best.start)} ${f.text.trim()} ${t.slice(best.end)}`;
    }
  }
  return [...text, ...left];
}

/** Groups runs into lines (baselines closer than half a font size are one line), then joins each line's runs. */
export function layoutOf(runs: Run[], width: number, height: number): PageLayout {
  const sorted = fillBlanks(runs)
    .filter((r) => r.text.trim() !== '')
    .sort((a, b) => (Math.abs(a.y - b.y) < 0.5 ? a.x - b.x : a.y - b.y));
  const groups: Run[][] = [];
  let current: Run[] = [];
  let baseline = Number.NaN;
  for (const r of sorted) {
    const tol = Math.max(2, Math.min(r.size, 24) * 0.5);
    if (current.length > 0 && Math.abs(r.y - baseline) <= tol) current.push(r);
    else {
      if (current.length > 0) groups.push(current);
      current = [r];
      baseline = r.y;
    }
  }
  if (current.length > 0) groups.push(current);
  const lines: PageLine[] = groups.map((g) => ({ y: round(g[0]?.y ?? 0), items: joinRuns(g) }));
  return { width: round(width), height: round(height), lines };
}

/** A line's runs left to right; runs that touch are merged into one item, a gap starts a new one. */
function joinRuns(runs: Run[]): LineItem[] {
  const byX = [...runs].sort((a, b) => a.x - b.x);
  const items: (LineItem & { confs: number[] })[] = [];
  let end = Number.NEGATIVE_INFINITY;
  let last: (LineItem & { confs: number[] }) | null = null;
  for (const r of byX) {
    const gap = r.x - end;
    const text = r.text.replace(/\s+/g, ' ');
    if (last && gap < Math.max(r.size, 4) * 1.5) {
      const space = gap > r.size * 0.12 && !last.text.endsWith(' ') && !text.startsWith(' ');
      last.text += (space ? ' ' : '') + text;
    } else {
      last = { x: round(r.x), text, confs: [] };
      items.push(last);
    }
    if (r.conf !== undefined) last.confs.push(r.conf);
    end = Math.max(end, r.x + (r.width > 0 ? r.width : text.length * r.size * 0.5));
  }
  return items
    .map(({ confs, ...i }) => {
      const item: LineItem = { ...i, text: i.text.trim() };
      if (confs.length > 0)
        item.conf = Math.round((confs.reduce((a, b) => a + b, 0) / confs.length) * 1000) / 1000;
      return item;
    })
    .filter((i) => i.text !== '');
}

/** A line as text: its items joined by a space. */
export function lineText(line: PageLine): string {
  return line.items.map((i) => i.text).join(' ');
}

/** A page's text: its lines, one per line. */
export function pageText(layout: PageLayout): string {
  return layout.lines.map(lineText).join('\n');
}

/** Visible characters (no whitespace). */
export function visibleChars(text: string): number {
  return text.replace(/\s+/g, '').length;
}

const round = (v: number) => Math.round(v * 10) / 10;
