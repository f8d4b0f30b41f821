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

/** A row as far as telling a duplicate row apart goes. */
export interface DuplicateRow extends DocumentRow {
  state: string | null;
  agencyKey: string | null;
}

/**
 * Whether two rows of one list print one agreement twice (issue 14: ICE printed the Florida Department of
 * Environmental Protection's one TFM on two rows for two weeks): same state and model, a document file in common,
 * and either the same signed date or one label that is the other's with words added ("…, Division of Law
 * Enforcement"). A document alone is not enough: ICE also links one agency's MOA on another agency's row
 * (Sebastian's row with Satellite Beach's MOA), and those are two agreements (the audit lists them).
 */
export function sameAgreementRows(a: DuplicateRow, b: DuplicateRow): boolean {
  if (!a.state || a.state !== b.state || !a.model || a.model !== b.model) return false;
  if (!a.agencyKey || !b.agencyKey || a.agencyKey === b.agencyKey) return false;
  const docs = (r: DocumentRow) =>
    [documentName(r.moaUrl), documentName(r.addendumUrl)].filter((d) => d !== null);
  const theirs = docs(b);
  if (!docs(a).some((d) => theirs.includes(d))) return false;
  if (a.signed && a.signed === b.signed) return true;
  const [short, long] =
    a.agencyKey.length < b.agencyKey.length ? [a.agencyKey, b.agencyKey] : [b.agencyKey, a.agencyKey];
  return long.startsWith(`${short} `);
}

/** The document file a row shares with another (for evidence text), or null. */
export function sharedDocument(a: DocumentRow, b: DocumentRow): string | null {
  const theirs = [documentName(b.moaUrl), documentName(b.addendumUrl)];
  for (const d of [documentName(a.moaUrl), documentName(a.addendumUrl)])
    if (d && theirs.includes(d)) return d;
  return null;
}
