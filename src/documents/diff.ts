/**
 * A word diff for people: the longest common subsequence of two texts' words, as runs of kept, removed and added
 * words. Long texts are compared in a bounded band (the agreements' sections are a few hundred words); past the
 * bound the rest is reported as one removal and one addition.
 */
import type { DiffRun } from '../domain/document.ts';

/** Words as compared: case and punctuation folded (the runs keep the printed words). */
export function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== '');
}

const fold = (w: string) => w.toLowerCase().replace(/[^a-z0-9§]/g, '');

/** Largest product of the two lengths compared cell by cell (about 16 MB of table). */
const MAX_CELLS = 4_000_000;

export function wordDiff(a: string[], b: string[]): DiffRun[] {
  // Common head and tail first: most sections differ in a few words.
  let head = 0;
  while (head < a.length && head < b.length && fold(a[head] as string) === fold(b[head] as string)) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    fold(a[a.length - 1 - tail] as string) === fold(b[b.length - 1 - tail] as string)
  )
    tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const runs: DiffRun[] = [];
  push(runs, '=', a.slice(0, head));
  if (midA.length * midB.length > MAX_CELLS) {
    push(runs, '-', midA);
    push(runs, '+', midB);
  } else lcsRuns(runs, midA, midB);
  push(runs, '=', a.slice(a.length - tail));
  return runs;
}

function push(runs: DiffRun[], op: DiffRun['op'], ws: string[]): void {
  if (ws.length === 0) return;
  const last = runs.at(-1);
  if (last && last.op === op) last.text += ` ${ws.join(' ')}`;
  else runs.push({ op, text: ws.join(' ') });
}

function lcsRuns(runs: DiffRun[], a: string[], b: string[]): void {
  const n = a.length;
  const m = b.length;
  const fa = a.map(fold);
  const fb = b.map(fold);
  const t = new Uint16Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      t[i * (m + 1) + j] =
        fa[i] === fb[j]
          ? (t[(i + 1) * (m + 1) + j + 1] as number) + 1
          : Math.max(t[(i + 1) * (m + 1) + j] as number, t[i * (m + 1) + j + 1] as number);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (fa[i] === fb[j]) {
      push(runs, '=', [a[i++] as string]);
      j++;
    } else if ((t[(i + 1) * (m + 1) + j] as number) >= (t[i * (m + 1) + j + 1] as number))
      push(runs, '-', [a[i++] as string]);
    else push(runs, '+', [b[j++] as string]);
  }
  push(runs, '-', a.slice(i));
  push(runs, '+', b.slice(j));
}

/** Share of `a`'s words kept in `b` (1: the same words). */
export function similarity(runs: DiffRun[]): number {
  let kept = 0;
  let removed = 0;
  let added = 0;
  for (const r of runs) {
    const n = words(r.text).length;
    if (r.op === '=') kept += n;
    else if (r.op === '-') removed += n;
    else added += n;
  }
  const base = kept + Math.max(removed, added);
  return base === 0 ? 1 : Math.round((kept / base) * 1000) / 1000;
}
