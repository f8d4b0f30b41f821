/**
 * CSV as the product writes it, everywhere (downloads, the static export, `reassess export`): one writer, and the
 * one rule that keeps a spreadsheet from running a cell as a formula (OWASP's "CSV injection" advice).
 *
 * The rule: a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a single quote in
 * front (`=cmd|' /C calc'!A0` → `'=cmd|' /C calc'!A0`). Excel, LibreOffice and Google Sheets then show it as text
 * and run nothing. Cells are quoted as RFC 4180 says (a cell holding a comma, quote or line break is wrapped in
 * double quotes, its quotes doubled), so a cell cannot start a new one.
 *
 * The trade-off: the quote is part of the cell for every other reader. Numbers are written from numbers, never
 * touched, so a negative count stays `-5`; but a *text* cell that only looks like a number ("-5", "+1 555…") reads
 * back as `'-5`. Every text column of the product's CSV files is a name, an ID, a date, a URL or a label, where a
 * leading `-` or `+` is never meaningful, so nothing real is lost; the JSON files next to each CSV hold every value
 * exactly as stored.
 */
import { stringify } from 'csv-stringify/sync';

/** What a CSV cell may be given as: numbers and booleans are written as such, text goes through `csvText`. */
export type CsvValue = string | number | bigint | boolean | null | undefined | Date | Record<string, unknown>;

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made safe for spreadsheets: a leading quote when it starts like a formula (see above). */
export function csvText(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

/** Rows as CSV (a header line first), every text cell through `csvText`. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return stringify(rows as CsvValue[][], {
    header: true,
    columns: [...header],
    cast: { string: csvText },
  });
}

/** Records as CSV, one column per key of the first record (or `header` when given). */
export function recordsToCsv(
  records: readonly Record<string, CsvValue>[],
  header?: readonly string[],
): string {
  const cols = header ?? Object.keys(records[0] ?? {});
  if (cols.length === 0) return '';
  return toCsv(
    cols,
    records.map((r) => cols.map((c) => r[c])),
  );
}
