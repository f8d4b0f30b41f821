/**
 * Documents as identity evidence (issue 14): an agreement is its MOA (or addendum) document, its model and its
 * signed date. A row of a participating list gives one key per document it links, `model|signed|file name`; two
 * rows with a key in common print the same agreement, whatever agency label ICE put on them. A row with no
 * signed date or no linked PDF gives no key: a name and a model alone prove nothing.
 */
import { documentName } from '../normalize/link.ts';

export interface DocumentRow {
  model: string | null;
  signed: string | null;
  moaUrl: string | null;
  addendumUrl: string | null;
}

/** The identity keys of a row (none without a model, a signed date and a linked PDF). */
export function documentKeys(r: DocumentRow): string[] {
  if (!r.model || !r.signed) return [];
  const out: string[] = [];
  for (const url of [r.moaUrl, r.addendumUrl]) {
    const name = documentName(url);
    if (name && !out.includes(`${r.model}|${r.signed}|${name}`)) out.push(`${r.model}|${r.signed}|${name}`);
  }
  return out;
}

/** The file name inside a key (for evidence text). */
export function documentOf(key: string): string {
  return key.slice(key.indexOf('|', key.indexOf('|') + 1) + 1);
}

/**
 * The one candidate whose keys meet `keys`, when exactly one does and none of the row's documents is `shared`
 * (a file name also printed on a row that stays listed, or on another arriving row: then the document does not
 * tell agreements apart). Returns the candidate and the key.
 */
export function matchByDocument<T>(
  keys: readonly string[],
  candidates: readonly T[],
  keysOf: (c: T) => Iterable<string>,
  shared: ReadonlySet<string>,
): { match: T; key: string } | null {
  if (keys.length === 0 || keys.some((k) => shared.has(documentOf(k)))) return null;
  let found: { match: T; key: string } | null = null;
  for (const c of candidates)
    for (const k of keysOf(c))
      if (keys.includes(k)) {
        if (found && found.match !== c) return null;
        found = { match: c, key: k };
        break;
      }
  return found;
}
