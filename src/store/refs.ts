/**
 * Which agency and agreement every row of a publication belongs to, stored compactly (one JSON value per
 * publication): the agencies of the publication once each, then per row its number, the index of its agency,
 * its model letter and whether it repeats an agreement already listed above. Agreement IDs are not stored:
 * they are minted deterministically from agency and model (ids.ts).
 */

import { gunzipSync, gzip } from 'node:zlib';
import type { ListingRef } from '../pipeline/history/types.ts';
import { mintAgreementId } from '../pipeline/identify/ids.ts';

export interface CompactRefs {
  /** Agency id, state and name as listed, once per agency of the publication. */
  agencies: [string, string | null, string | null][];
  rows: number[];
  /** Index into `agencies`, -1 for rows without an agency (no state or name, or a quarantined list). */
  agency: number[];
  /** One letter per row: J, W, T (the model) or '-' (none). */
  models: string;
  /** Rows that repeat an agreement already listed in the same publication. */
  duplicates: number[];
  /** State and name of rows without an agency (so every row can be shown). */
  unplaced: [number, string | null, string | null][];
  /** Rows whose agreement is a re-signing (not the agency's first agreement of the model): [row index, id]. */
  explicit?: [number, string][];
}

const firstIds = new Map<string, string>();

/** The id of an agency's first agreement of a model (memoized: minting hashes). */
function firstId(agencyId: string, model: string): string {
  const k = `${agencyId}|${model}`;
  let id = firstIds.get(k);
  if (!id) {
    id = mintAgreementId(agencyId, model, 0);
    if (firstIds.size > 50_000) firstIds.clear();
    firstIds.set(k, id);
  }
  return id;
}

const LETTER: Record<string, string> = { JEM: 'J', WSO: 'W', TFM: 'T' };
const MODEL: Record<string, string> = { J: 'JEM', W: 'WSO', T: 'TFM' };

export function encodeRefs(refs: ListingRef[]): CompactRefs {
  const out: CompactRefs = { agencies: [], rows: [], agency: [], models: '', duplicates: [], unplaced: [] };
  const index = new Map<string, number>();
  let letters = '';
  for (const r of refs) {
    out.rows.push(r.row);
    if (!r.agencyId) {
      out.agency.push(-1);
      out.unplaced.push([r.row, r.state, r.name]);
      letters += '-';
      continue;
    }
    let i = index.get(r.agencyId);
    if (i === undefined) {
      i = out.agencies.length;
      index.set(r.agencyId, i);
      out.agencies.push([r.agencyId, r.state, r.name]);
    }
    out.agency.push(i);
    letters += r.agreementId && r.model ? (LETTER[r.model] ?? '-') : '-';
    if (r.agreementId && r.model && r.agreementId !== firstId(r.agencyId, r.model)) {
      out.explicit = out.explicit ?? [];
      out.explicit.push([out.rows.length - 1, r.agreementId]);
    }
    if (r.duplicate) out.duplicates.push(r.row);
  }
  out.models = letters;
  return out;
}

/** The stored form (migration 005): gzipped JSON, compressed on libuv's thread pool. */
export function packRefs(c: CompactRefs): Promise<Buffer> {
  const json = JSON.stringify(c);
  return new Promise((resolve, reject) =>
    gzip(json, { level: 1 }, (err, out) => (err ? reject(err) : resolve(out))),
  );
}

/** A stored row's refs: packed, or (written before migration 005) as JSON. */
export function unpackRefs(r: {
  refs: CompactRefs | null;
  refs_packed: Uint8Array | null;
}): CompactRefs | null {
  if (r.refs_packed) return JSON.parse(gunzipSync(r.refs_packed).toString('utf8')) as CompactRefs;
  return r.refs;
}

/** Back to one ref per row. */
export function decodeRefs(c: CompactRefs, publication: number): ListingRef[] {
  const dup = new Set(c.duplicates);
  const explicit = new Map(c.explicit ?? []);
  const unplaced = new Map(c.unplaced.map(([row, state, name]) => [row, { state, name }]));
  return c.rows.map((row, i) => {
    const a = c.agencies[c.agency[i] ?? -1];
    const model = MODEL[c.models[i] ?? '-'];
    if (!a) {
      const u = unplaced.get(row);
      return {
        publication,
        row,
        state: u?.state ?? null,
        name: u?.name ?? null,
        agencyId: null,
        agreementId: null,
        model: null,
        duplicate: false,
      };
    }
    return {
      publication,
      row,
      state: a[1],
      name: a[2],
      agencyId: a[0],
      agreementId: model ? (explicit.get(i) ?? firstId(a[0], model)) : null,
      model: (model as ListingRef['model']) ?? null,
      duplicate: dup.has(row),
    };
  });
}
