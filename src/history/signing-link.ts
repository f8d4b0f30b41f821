/**
 * Which agreement a participating row that arrives in a diff takes over, beyond a document printed on both rows
 * (history/fold.ts, `relabel`; issue 14, item 3: pending → participating linked by document, then by name):
 * - `pending-document`: a pending agreement whose pending row linked the same MOA or addendum file (and model) as
 *   the arriving row of another agency's label: it is signed under that label, whatever the names say. Decided
 *   before names, so a row without a document never signs, by name, a pending agreement whose document another
 *   agency's row prints.
 * - `stand-in`: ICE sometimes lists a newly signed agreement first under another agency's label with no MOA link,
 *   then under its own label with its document (Pinal County AZ, 2025: the County Attorney's TFM, pending until
 *   2025-08-28, listed from 08-29 as the Sheriff's Office's TFM without a link, from 09-09 as the County Attorney's
 *   with its MOA). An agreement whose last row had no document, leaving in the diff where one row arrives with a
 *   document and the same state, county, model and signed date, is that row's agreement: when exactly one such
 *   agreement leaves and exactly one such row arrives (else nothing is decided).
 * Every link is kept as the `evidence` of its `renamed` event.
 */
import type { Model } from '../domain/types.ts';
import { documentName } from '../normalize/link.ts';
import type { FoldRow } from './types.ts';

export type LinkEvidence = 'pending-document' | 'stand-in';

/** What the rule needs of an agreement that left the participating list in the diff. */
export interface LeavingAgreement<T> {
  track: T;
  state: string;
  county: string | null;
  model: Model;
  signed: string | null;
  /** Whether its last participating row linked a document. */
  documented: boolean;
  /** A re-signing or a signing after a lapse is never a stand-in (its chain would break). */
  chained: boolean;
}

const signingKey = (
  state: string | null,
  county: string | null,
  model: string | null,
  signed: string | null,
) => (state && county && model && signed ? `${state}|${county}|${model}|${signed}` : null);

function group<T>(items: T[], key: (x: T) => string | null): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    if (k === null) continue;
    const list = out.get(k) ?? [];
    list.push(x);
    out.set(k, list);
  }
  return out;
}

/**
 * Stand-ins: arriving row key → the leaving agreement it completes. `arriving`: rows of agreements first listed on
 * the participating list in this diff (new, or only pending before), by track key.
 */
export function standIns<T>(
  arriving: ReadonlyMap<string, FoldRow>,
  leaving: readonly LeavingAgreement<T>[],
): Map<string, T> {
  const out = new Map<string, T>();
  const bare = leaving.filter((a) => !a.documented && !a.chained);
  if (bare.length === 0) return out;
  const left = group(bare, (a) => signingKey(a.state, a.county, a.model, a.signed));
  const rows = group([...arriving], ([, l]) => signingKey(l.state, l.county, l.model, l.signed));
  for (const [k, here] of rows) {
    const gone = left.get(k);
    const [key, l] = here[0] as [string, FoldRow];
    if (here.length !== 1 || gone?.length !== 1 || !documentName(l.moaUrl ?? l.addendumUrl)) continue;
    out.set(key, (gone[0] as LeavingAgreement<T>).track);
  }
  return out;
}

/** The documents (model and file name) a pending row links. */
export function pendingDocuments(model: Model, moaUrl: string | null, addendumUrl: string | null): string[] {
  const out: string[] = [];
  for (const url of [moaUrl, addendumUrl]) {
    const d = documentName(url);
    if (d && !out.includes(`${model}|${d}`)) out.push(`${model}|${d}`);
  }
  return out;
}

/**
 * Pending agreements signed under another label by their document: row key → the pending agreement, for rows of
 * `arriving` whose key is not the pending agreement's own (`isNew`), when exactly one pending agreement links one of
 * the row's documents and no other arriving row prints it (not even one of the pending agreement's own label: then
 * the name and the document agree, and nothing moves).
 */
export function pendingByDocument<T>(
  arriving: ReadonlyMap<string, FoldRow>,
  isNew: (key: string) => boolean,
  pending: readonly { track: T; documents: string[] }[],
): Map<string, T> {
  const out = new Map<string, T>();
  if (pending.length === 0) return out;
  const rowDocs = (l: FoldRow) => (l.model ? pendingDocuments(l.model, l.moaUrl, l.addendumUrl) : []);
  const printed = new Map<string, number>();
  for (const l of arriving.values()) for (const d of rowDocs(l)) printed.set(d, (printed.get(d) ?? 0) + 1);
  for (const [key, l] of arriving) {
    if (!isNew(key)) continue;
    const docs = rowDocs(l).filter((d) => printed.get(d) === 1);
    const hits = pending.filter((p) => p.documents.some((d) => docs.includes(d)));
    if (hits.length === 1) out.set(key, (hits[0] as { track: T }).track);
  }
  return out;
}
