/**
 * Everything about one input file that needs no database: read, normalize, and shape it for storage and for the
 * history. Pure (no I/O), so it can run in a worker thread while the main thread writes (parse-pool.ts).
 */
import { InputError } from '../domain/errors.ts';
import { rowHash } from '../domain/hash.ts';
import type { ParsedPublication, Problem } from '../domain/types.ts';
import { foldRows, type ProblemSummary, summarize } from '../history/fold-rows.ts';
import type { FoldRow } from '../history/types.ts';
import { readWorkbook } from '../sources/ice-workbook/read-workbook.ts';

export interface Prepared {
  ok: true;
  meta: Omit<ParsedPublication, 'rows' | 'problems'> & { dataRows: number; hiddenRows: number };
  /** Publication-level problems (header, sheets, hidden rows), stored with the publication. */
  problems: Problem[];
  /** [row number, row-version hash, hidden 0/1] per data row. */
  rows: [number, string, number][];
  /** Every distinct row of the publication: [hash, signature, cells as JSON]. */
  versions: [string, string, string][];
  listings: FoldRow[];
  summary: ProblemSummary;
}

export interface Rejected {
  ok: false;
  reason: string;
}

export interface PrepareInput {
  bytes: Uint8Array;
  file: string;
  label?: string | null | undefined;
  sha256: string;
}

/**
 * `seen`: row signature → row-version hash, for the files of one ingest. A row met in an earlier file of the same
 * ingest is not hashed or serialized again, and is left out of `versions` (the earlier file carried it). `stored`:
 * row-version hashes the ledger holds already, left out of `versions` too (their cells are not serialized).
 */
export function prepare(
  input: PrepareInput,
  seen?: Map<string, string>,
  stored?: ReadonlySet<string>,
): Prepared | Rejected {
  let pub: ParsedPublication;
  try {
    const bytes = Buffer.isBuffer(input.bytes)
      ? input.bytes
      : Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
    pub = readWorkbook(bytes, { file: input.file, label: input.label, sha256: input.sha256 });
  } catch (e) {
    if (e instanceof InputError) return { ok: false, reason: e.reason };
    throw e;
  }
  const rows: [number, string, number][] = [];
  const versions = new Map<string, [string, string, string]>();
  let hidden = 0;
  if (seen && seen.size > 200_000) seen.clear();
  for (const r of pub.rows) {
    let hash = seen?.get(r.sig);
    if (hash === undefined) {
      hash = rowHash(r.sig);
      seen?.set(r.sig, hash);
      if (!versions.has(hash) && !stored?.has(hash))
        versions.set(hash, [hash, r.sig, JSON.stringify(r.cells)]);
    }
    rows.push([r.row, hash, r.hidden ? 1 : 0]);
    if (r.hidden) hidden++;
  }
  const summary = summarize(pub.problems);
  const listings = foldRows(pub, summary);
  const { rows: parsedRows, problems, ...meta } = pub;
  return {
    ok: true,
    meta: { ...meta, dataRows: parsedRows.length, hiddenRows: hidden },
    problems,
    rows,
    versions: [...versions.values()],
    listings,
    summary,
  };
}
