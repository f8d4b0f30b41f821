/**
 * Access to the real data pack for tests. The pack is never part of the repo: a test that wants it reads the
 * folder named by the REASSESS_DATA environment variable (the folder holding `ice-287g/`).
 *
 * - REASSESS_DATA unset (or empty): packDir() is null, and tests run their generated-fixture fallback instead.
 * - REASSESS_DATA set: the pack must be there. requirePackFile() throws when a file is missing, so a wrong path
 *   fails the test run instead of silently skipping the real-data checks.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The resolved REASSESS_DATA folder, or null when the variable is unset or empty. */
export function packDir(): string | null {
  const dir = process.env.REASSESS_DATA;
  if (dir === undefined || dir.trim() === '') return null;
  return resolve(dir);
}

/**
 * Absolute path of `rel` (a file or folder) inside the pack. Throws a clear error when REASSESS_DATA is unset or
 * when it is set but `rel` is not there.
 */
export function requirePackFile(rel: string): string {
  const dir = packDir();
  if (dir === null) throw new Error(`REASSESS_DATA is not set: cannot locate data pack file ${rel}`);
  const path = resolve(dir, rel);
  if (!existsSync(path))
    throw new Error(
      `REASSESS_DATA is set to ${dir}, but ${rel} is missing there (${path}). ` +
        'Point REASSESS_DATA at the folder that holds ice-287g/, or unset it to run on generated fixtures.',
    );
  return path;
}

/**
 * Parses RFC 4180 CSV: comma-separated, fields optionally in double quotes, `""` for a quote inside quotes,
 * commas and line breaks (LF or CRLF) allowed inside quoted fields. A trailing line break adds no record.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') endRow();
    else if (c === '\r' && text[i + 1] === '\n') {
      endRow();
      i++;
    } else field += c;
  }
  if (quoted) throw new Error('CSV ends inside a quoted field');
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/** CSV records keyed by the header row's names. Throws when a record has a different number of fields. */
export function readCsvRecords(file: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
  if (!header) return [];
  return rows.map((fields, n) => {
    if (fields.length !== header.length)
      throw new Error(
        `${file}: record ${n + 1} has ${fields.length} fields, the header has ${header.length}`,
      );
    return Object.fromEntries(header.map((name, k) => [name, fields[k] ?? '']));
  });
}
