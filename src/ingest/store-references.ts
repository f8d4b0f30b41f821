/**
 * The reference stage of an ingest: stores the reference files among the inputs (county shapes, FBI agency table,
 * ACS population), and the county shapes shipped with the program when the ledger has none yet.
 */
import { InputError } from '../domain/errors.ts';
import { sha256Hex } from '../domain/hash.ts';
import type { FetchRecord } from '../domain/types.ts';
import { insertFetches } from '../store/raw-files.ts';
import { hasCountyShapes } from '../store/references.ts';
import { withSavepoint } from '../store/transaction.ts';
import { bundledCounties, storeReference } from './reference.ts';
import { retrievalOf } from './retrieval.ts';
import type { RunContext } from './run-context.ts';
import type { SortedReference } from './sort-inputs.ts';
import type { InputResult } from './types.ts';

const UNKNOWN =
  'neither an ICE workbook nor a reference file: expected an FBI LEE table (columns ori, pub_agency_name, state_abbr, county_name, …), an ACS B03002 county table, a us-atlas county TopoJSON, the Census ZCTA to county relationship file or a Census Gazetteer file of places or county subdivisions';

export interface StoredReferences {
  /** One result per reference file, the bundled county shapes (when loaded) first. */
  results: InputResult[];
  /** Whether a reference file new to the ledger was stored (placements then depend on other data). */
  changed: boolean;
}

/** The county shapes shipped with the program, as an input retrieved now. */
function bundledInput(now: () => Date): SortedReference {
  const b = bundledCounties();
  return {
    input: {
      bytes: b.bytes,
      file: b.file,
      vintage: b.vintage,
      fetch: {
        source: 'us-atlas',
        url: b.url,
        retrievedAt: now().toISOString(),
        status: null,
        contentType: 'application/json',
        size: b.bytes.length,
        sha256: sha256Hex(b.bytes),
        error: null,
      },
    },
    kind: 'us-atlas-counties',
    bundled: true,
  };
}

/**
 * Stores one reference file; a file that cannot be read or stored is rejected (its retrieval records why), and
 * nothing of it is kept in the ledger.
 */
async function storeOne(ctx: RunContext, ref: SortedReference, sha256: string, fetch: FetchRecord) {
  const { input, kind, bundled } = ref;
  if (kind === 'unknown') {
    fetch.error = `rejected: ${UNKNOWN}`;
    return {
      result: { file: input.file, sha256, status: 'rejected', reason: UNKNOWN } as InputResult,
      isNew: false,
    };
  }
  try {
    // Under a savepoint: a file whose rows the database refuses is rejected alone; the run goes on.
    const r = await withSavepoint(ctx.tx, () =>
      storeReference(ctx.tx, ctx.raw, { ...input, sha256 }, kind, ctx.runId, ctx.startedAt),
    );
    const result: InputResult = {
      file: input.file,
      sha256,
      status: r.status,
      kind,
      vintage: r.vintage,
      rows: r.rows,
      ...(r.status === 'unchanged' ? { reason: 'same bytes already stored' } : {}),
      ...(r.problems.length > 0 ? { problems: r.problems.length } : {}),
      ...(bundled ? { bundled: true } : {}),
    };
    return { result, isNew: r.status === 'new' };
  } catch (err) {
    const reason =
      err instanceof InputError
        ? err.message
        : `${input.file}: could not be stored (${(err as Error).message ?? String(err)})`;
    fetch.error = `rejected: ${reason}`;
    const result: InputResult = { file: input.file, sha256, status: 'rejected', reason };
    return { result, isNew: false };
  }
}

/** Stores the reference files (and the bundled county shapes when the ledger has none yet); returns their results. */
export async function storeReferences(
  ctx: RunContext,
  references: readonly SortedReference[],
): Promise<StoredReferences> {
  const results: InputResult[] = [];
  let changed = false;
  const todo = [...references];
  if (!(await hasCountyShapes(ctx.tx)) && !todo.some((t) => t.kind === 'us-atlas-counties'))
    todo.unshift(bundledInput(ctx.now));
  const fetches: FetchRecord[] = [];
  for (const ref of todo) {
    const sha256 = sha256Hex(ref.input.bytes);
    const fetch = retrievalOf(ref.input, sha256, ctx.now);
    fetches.push(fetch);
    const { result, isNew } = await storeOne(ctx, ref, sha256, fetch);
    if (isNew) changed = true;
    results.push(result);
  }
  await insertFetches(ctx.tx, ctx.runId, fetches);
  return { results, changed };
}
