/**
 * Which agency and agreement every row of a publication belongs to, stored compactly (one JSON value per
 * publication): the agencies of the publication once each, then per row its number, the index of its agency,
 * its model letter and whether it repeats an agreement already listed above. Agreement IDs are not stored:
 * they are minted deterministically from agency and model (ids.ts).
 */

import { gunzipSync, gzip } from 'node:zlib';
import { mintAgreementId } from './ids.ts';
import type { Model } from './types.ts';

/** Where one data row of one publication went: its agency and agreement. */
export interface ListingRef {
  publication: number;
  row: number;
  state: string | null;
  name: string | null;
  agencyId: string | null;
  agreementId: string | null;
  /** The agreement's model (the agreement id is minted from agency and model). */
  model: Model | null;
  duplicate: boolean;
}

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

/**
 * Builds one publication's compact refs row by row. The history fold adds each row as it places it (no ref object
 * per row: a rebuild places ~190,000 rows), and encodeRefs() adds a list of refs.
 */
export class RefsEncoder {
  private readonly out: CompactRefs = {
    agencies: [],
    rows: [],
    agency: [],
    models: '',
    duplicates: [],
    unplaced: [],
  };
  private readonly index = new Map<string, number>();
  private letters: string[] = [];

  /** A row with no agency (no state or name, or a quarantined list). */
  unplaced(row: number, state: string | null, name: string | null): void {
    this.out.rows.push(row);
    this.out.agency.push(-1);
    this.out.unplaced.push([row, state, name]);
    this.letters.push('-');
  }

  /**
   * A row of an agency, under an agreement (its id and model) or none. `first`: whether the agreement is the
   * agency's first of its model (its id is then not stored: it is minted again when read); undefined to compare.
   */
  placed(
    row: number,
    state: string | null,
    name: string | null,
    agencyId: string,
    agreementId: string | null,
    model: string | null,
    duplicate: boolean,
    first?: boolean,
  ): void {
    const out = this.out;
    out.rows.push(row);
    let i = this.index.get(agencyId);
    if (i === undefined) {
      i = out.agencies.length;
      this.index.set(agencyId, i);
      out.agencies.push([agencyId, state, name]);
    }
    out.agency.push(i);
    if (!agreementId || !model) this.letters.push('-');
    else {
      this.letters.push(LETTER[model] ?? '-');
      if (!(first ?? agreementId === firstId(agencyId, model))) {
        out.explicit = out.explicit ?? [];
        out.explicit.push([out.rows.length - 1, agreementId]);
      }
    }
    if (duplicate) out.duplicates.push(row);
  }

  done(): CompactRefs {
    this.out.models = this.letters.join('');
    this.letters = [];
    return this.out;
  }
}

export function encodeRefs(refs: ListingRef[]): CompactRefs {
  const e = new RefsEncoder();
  for (const r of refs)
    if (r.agencyId) e.placed(r.row, r.state, r.name, r.agencyId, r.agreementId, r.model, r.duplicate);
    else e.unplaced(r.row, r.state, r.name);
  return e.done();
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

/**
 * Points the rows of an agency and model at another agreement (stored as explicit ids): the rows of an agreement
 * that another one absorbed (history/fold.ts, a stand-in label). Whether any row changed.
 */
export function repointRefs(c: CompactRefs, agencyId: string, model: string, agreementId: string): boolean {
  const a = c.agencies.findIndex(([id]) => id === agencyId);
  const letter = LETTER[model];
  if (a < 0 || !letter) return false;
  const explicit = new Map(c.explicit ?? []);
  let changed = false;
  c.agency.forEach((x, i) => {
    if (x !== a || c.models[i] !== letter || explicit.get(i) === agreementId) return;
    explicit.set(i, agreementId);
    changed = true;
  });
  if (changed) c.explicit = [...explicit].sort((x, y) => x[0] - y[0]);
  return changed;
}
