/**
 * A table as shown, written as CSV or JSON in the browser. CSV cells are quoted as the download files' CSV writer
 * quotes them (csv-stringify: a cell with a comma, a quote or a line break is quoted, quotes doubled; lines end
 * with \n; a header row first), which a test holds equal (table-export.test.ts). JSON is an array of objects keyed
 * by the column headers. Pure: the `tables` island uses it.
 */

/** One CSV cell. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
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
