/**
 * A table as shown, written as CSV or JSON in the browser. CSV is written as the download files' writer
 * (domain/csv.ts) writes text cells: a cell that starts like a spreadsheet formula (`=`, `+`, `-`, `@`, tab, CR)
 * gets a leading quote, and a cell with a comma, a quote or a line break is quoted, quotes doubled; lines end with
 * \n; a header row first. A test holds the two equal (table-export.test.ts); this copy keeps csv-stringify out of
 * the island bundle. JSON is an array of objects keyed by the column headers, values exactly as shown. Pure: the
 * `tables` island uses it.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvText(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((r) => `${r.map(csvCell).join(',')}\n`).join('');
}

export function jsonText(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return `${JSON.stringify(
    rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''] as [string, string]))),
    null,
    1,
  )}\n`;
}
