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
import { checkNames, checkPublication, checkRow } from './storable.ts';

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
 *
 * Never throws: anything that goes wrong with this one file (a reader's InputError, a value the ledger cannot
 * store, a fault of any reader or normalizer) rejects it with its reason, and `seen` is left as it was.
 */
export function prepare(
  input: PrepareInput,
  seen?: Map<string, string>,
  stored?: ReadonlySet<string>,
): Prepared | Rejected {
  try {
    return prepareOne(input, seen, stored);
  } catch (e) {
    if (e instanceof InputError) return { ok: false, reason: e.reason };
    const err = e instanceof Error ? e : new Error(String(e));
    return { ok: false, reason: `could not be read (${err.name}: ${err.message})` };
  }
}

function prepareOne(
  input: PrepareInput,
  seen: Map<string, string> | undefined,
  stored: ReadonlySet<string> | undefined,
): Prepared {
  const bytes = Buffer.isBuffer(input.bytes)
    ? input.bytes
    : Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
  const pub = readWorkbook(bytes, { file: input.file, label: input.label, sha256: input.sha256 });
  checkPublication(pub);
  const rows: [number, string, number][] = [];
  const versions = new Map<string, [string, string, string]>();
  // Rows new to this ingest, added to `seen` only once the whole file is accepted.
  const mine = new Map<string, string>();
  let hidden = 0;
  if (seen && seen.size > 200_000) seen.clear();
  for (const r of pub.rows) {
    let hash = seen?.get(r.sig) ?? mine.get(r.sig);
    if (hash === undefined) {
      checkRow(pub.file, r);
      hash = rowHash(r.sig);
      mine.set(r.sig, hash);
      if (!versions.has(hash) && !stored?.has(hash))
        versions.set(hash, [hash, r.sig, JSON.stringify(r.cells)]);
    }
    rows.push([r.row, hash, r.hidden ? 1 : 0]);
    if (r.hidden) hidden++;
  }
  const summary = summarize(pub.problems);
  const listings = foldRows(pub, summary);
  checkNames(pub.file, listings, pub.rows);
  if (seen) for (const [sig, hash] of mine) seen.set(sig, hash);
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
