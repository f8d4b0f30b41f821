/**
 * A publication's rows → the fold rows the history needs, with every problem counted, without building a full
 * listing per row. Rows repeat across publications (a full rebuild reads ~190,000 rows of ~12,000 distinct
 * kinds), so each distinct row is normalized once (normalize/listing.ts) and its fold row shared by every row like
 * it; only the signed date, whose checks depend on the publication date, is read per publication.
 *
 * The result equals `normalizePublication(pub).map(toFoldRow)`, and the summary equals summarizing the publication's
 * problems and then each listing's (a test checks both).
 */

import type { ListKind, ParsedPublication, Problem } from '../domain/types.ts';
import { normalizeRow, readSigned, signedIssue } from '../normalize/listing.ts';
import type { SignedResult } from '../normalize/signed-date.ts';
import { type FoldRow, toFoldRow } from './types.ts';

export interface ProblemSummary {
  total: number;
  byCode: Record<string, number>;
  /** Up to 50 problems that are not merely informative. */
  sample: Problem[];
}

interface RowBase {
  /** The fold row with no signed date read. */
  fold: FoldRow;
  /** Problems of the row's other cells (file and row are stamped per use). */
  problems: Problem[];
  signedCell: { t: string; v: string } | undefined;
  /** The last signed reading and the fold row made with it (consecutive lists nearly always agree). */
  last: { s: SignedResult; fold: FoldRow } | null;
}

const MAX_CACHED = 100_000;
const bases: Record<ListKind, Map<string, RowBase>> = { participating: new Map(), pending: new Map() };

export function summarize(
  list: Problem[],
  into: ProblemSummary = { total: 0, byCode: {}, sample: [] },
): ProblemSummary {
  for (const p of list) {
    into.total++;
    into.byCode[p.code] = (into.byCode[p.code] ?? 0) + 1;
    if (p.severity !== 'info' && into.sample.length < 50) into.sample.push(p);
  }
  return into;
}

function count(into: ProblemSummary, p: Omit<Problem, 'file' | 'row'>, file: string, row: number): void {
  into.total++;
  into.byCode[p.code] = (into.byCode[p.code] ?? 0) + 1;
  if (p.severity !== 'info' && into.sample.length < 50) {
    const { column, code, severity, message, value } = p;
    into.sample.push({
      file,
      row,
      column,
      code,
      severity,
      message,
      ...(value !== undefined ? { value } : {}),
    });
  }
}

type PubLike = Pick<ParsedPublication, 'file' | 'asOfDate' | 'kind' | 'rows'>;

/** Fold rows of a publication (one per data row, shared among alike rows); row problems are added to `into`. */
export function foldRows(pub: PubLike, into: ProblemSummary): FoldRow[] {
  const cache = bases[pub.kind];
  const out: FoldRow[] = new Array(pub.rows.length);
  for (let i = 0; i < pub.rows.length; i++) {
    const r = pub.rows[i] as PubLike['rows'][number];
    let b = cache.get(r.sig);
    if (!b) {
      // Read as a pending row: everything but the signed date, which is read below per publication.
      const l = normalizeRow(r, { file: pub.file, asOfDate: pub.asOfDate, kind: 'pending' });
      b = { fold: toFoldRow(l), problems: l.problems, signedCell: r.cells.SIGNED, last: null };
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(r.sig, b);
    }
    for (const p of b.problems) count(into, p, pub.file, r.row);
    if (pub.kind !== 'participating') {
      out[i] = b.fold;
      continue;
    }
    const s = readSigned(b.signedCell, pub.asOfDate);
    const issue = signedIssue(s);
    if (issue) count(into, { column: 'SIGNED', ...issue, value: b.signedCell?.v ?? null }, pub.file, r.row);
    const last = b.last;
    if (
      last &&
      last.s.published === s.published &&
      last.s.corrected === s.corrected &&
      last.s.rule === s.rule
    )
      out[i] = last.fold;
    else {
      const fold = { ...b.fold, signedPublished: s.published, signed: s.corrected, signedRule: s.rule };
      b.last = { s, fold };
      out[i] = fold;
    }
  }
  return out;
}
