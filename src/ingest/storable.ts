/**
 * What the ledger can hold of a read file, checked before anything of it is written, so that one bad cell rejects
 * its own file (with file, row, field and reason) instead of failing the database statement of the whole batch:
 *
 * - no text may hold U+0000 (NUL) or a UTF-16 surrogate without its pair: neither PostgreSQL's text nor its JSON
 *   can store them (an XML character reference like `&#0;` or `&#xD800;` makes them);
 * - an agency name is at most MAX_AGENCY_NAME characters, and its matching key at most MAX_AGENCY_KEY: both are
 *   parts of indexed keys (identity decisions, agency names), which PostgreSQL caps at ~2,700 bytes (a character
 *   is at most 3 bytes in UTF-8, 4 for a pair). ICE's longest name is under 100 characters.
 *
 * Names within the limits are stored exactly as given (control characters and bidi marks included): how they are
 * shown is the pages' and the terminal's business.
 */
import { InputError } from '../domain/errors.ts';
import { unstorableChar } from '../domain/text.ts';
import type { ParsedPublication, RawRow } from '../domain/types.ts';
import type { FoldRow } from '../history/types.ts';

export const MAX_AGENCY_NAME = 500;
export const MAX_AGENCY_KEY = 800;
const NAME = 'LAW ENFORCEMENT AGENCY';

const cannotStore = (what: string, bad: string) => `${what} holds ${bad}, which the ledger cannot store`;

/** The publication's own texts (file, label, sheet, header, document properties) and its file-level problems. */
export function checkPublication(pub: ParsedPublication): void {
  const fields: [string, string | null | undefined][] = [
    ['file name', pub.file],
    ['label', pub.label],
    ['sheet name', pub.sheetName],
    ...pub.sheetNames.map((n): [string, string] => ['sheet name', n]),
    ...pub.header.map((h): [string, string] => ['header', h]),
    ...Object.entries(pub.docProps).map(([k, v]): [string, string | null] => [`document property ${k}`, v]),
  ];
  for (const [what, text] of fields) {
    const bad = text ? unstorableChar(text) : null;
    if (bad) throw new InputError(pub.file, cannotStore(what, bad));
  }
  for (const p of pub.problems) {
    const bad = unstorableChar(`${p.message}${p.value ?? ''}${p.column ?? ''}`);
    if (bad)
      throw new InputError(
        pub.file,
        `${p.row !== null ? `row ${p.row}, ` : ''}${cannotStore('a value', bad)}`,
        p.row ?? undefined,
      );
  }
}

/** A data row's cells (values and link targets), by field. Called once per distinct row (its signature). */
export function checkRow(file: string, row: RawRow): void {
  if (!unstorableChar(row.sig)) return;
  for (const [field, cell] of Object.entries(row.cells)) {
    const bad = unstorableChar(cell.v) ?? (cell.link ? unstorableChar(cell.link) : null);
    if (bad)
      throw new InputError(
        file,
        `row ${row.row}, field ${field}: ${cannotStore(cell.link && !unstorableChar(cell.v) ? 'the hyperlink' : 'the value', bad)}`,
        row.row,
        field,
      );
  }
  throw new InputError(
    file,
    `row ${row.row}: ${cannotStore('a cell', unstorableChar(row.sig) as string)}`,
    row.row,
  );
}

/** Agency names and their matching keys within the limits (alike rows share a fold row, checked once). */
export function checkNames(file: string, listings: readonly FoldRow[], rows: readonly RawRow[]): void {
  let last: FoldRow | undefined;
  for (let i = 0; i < listings.length; i++) {
    const l = listings[i] as FoldRow;
    if (l === last) continue;
    last = l;
    const name = l.agencyName?.length ?? 0;
    const key = l.agencyKey?.length ?? 0;
    if (name <= MAX_AGENCY_NAME && key <= MAX_AGENCY_KEY) continue;
    const row = rows[i]?.row;
    const what =
      name > MAX_AGENCY_NAME
        ? `an agency name of ${name.toLocaleString('en-US')} characters (the limit is ${MAX_AGENCY_NAME})`
        : `an agency name whose abbreviations expand to ${key.toLocaleString('en-US')} characters (the limit is ${MAX_AGENCY_KEY})`;
    throw new InputError(file, `row ${row}, field ${NAME}: ${what}: not an agency name`, row, NAME);
  }
}

/** The records read from a reference file (flat objects of texts, numbers and lists), by record and field. */
export function checkRecords(file: string, records: readonly object[], what = 'record'): void {
  records.forEach((rec, i) => {
    for (const [field, v] of Object.entries(rec)) {
      const texts =
        typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
      for (const t of texts) {
        const bad = unstorableChar(t);
        if (bad)
          throw new InputError(file, `${what} ${i + 1}, field ${field}: ${cannotStore('the value', bad)}`);
      }
    }
  });
}
