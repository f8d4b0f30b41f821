/**
 * Worker thread body: prepares files sent by parse-pool.ts. What crosses back to the main thread is kept small:
 * a row version is sent the first time this worker meets it (the main thread stores it then), and a listing
 * that normalizes exactly like one sent before is sent as that one's index (see parse-pool.ts, `rehydrate`).
 */
import { parentPort } from 'node:worker_threads';
import type { FoldRow } from '../history/types.ts';
import { type Prepared, type PrepareInput, prepare } from './prepare.ts';

export interface CompactPrepared extends Omit<Prepared, 'listings'> {
  /** Per data row: a listing not seen before (then numbered in order of appearance), or the number of one. */
  listings: (FoldRow | number)[];
}

const sentVersions = new Set<string>();
const sentListings = new Map<FoldRow, number>();
/** Row signatures this worker has prepared (a worker lives for one ingest). */
const seenRows = new Map<string, string>();

export function compact(p: Prepared): CompactPrepared {
  const versions = p.versions.filter(([hash]) => !sentVersions.has(hash));
  for (const [hash] of versions) sentVersions.add(hash);
  // Alike rows share one fold row object (fold-rows.ts): each is sent once, then referred to by number.
  const listings = p.listings.map((l) => {
    const n = sentListings.get(l);
    if (n !== undefined) return n;
    sentListings.set(l, sentListings.size);
    return l;
  });
  return { ...p, versions, listings };
}

parentPort?.on('message', (msg: { id: number; input: PrepareInput }) => {
  try {
    const r = prepare(msg.input, seenRows);
    parentPort?.postMessage({ id: msg.id, result: r.ok ? compact(r) : r });
  } catch (e) {
    parentPort?.postMessage({ id: msg.id, error: (e as Error).stack ?? String(e) });
  }
});
