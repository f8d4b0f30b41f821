/**
 * CSV formula injection (issue 13): agency names that a spreadsheet would run as formulas (`=cmd|' /C calc'!A0`,
 * `+…`, `-…`, `@…`) are neutralised in every CSV the product writes — `reassess export --format csv`, the
 * server's `/downloads/*.csv` and the static export's CSV files — found by listing each output, not by name, so a
 * new CSV file is checked too. The JSON beside each keeps the name exactly.
 */
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvText, toCsv } from '../../src/domain/csv.ts';
import { buildDownloads } from '../../src/publish/downloads.ts';
import { exportSite } from '../../src/publish/static-export.ts';
import { createReassessApp } from '../../src/server/app.ts';
import { openLedger } from '../../src/store/connection.ts';
import { cliFor } from '../support/cli.ts';
import { icePublication, tempDir } from '../support/ledgers.ts';

const NOW = () => new Date('2026-01-01T00:00:00Z');
const HOSTILE = [
  "=cmd|' /C calc'!A0 Police Department",
  '+SUM(1+1)*cmd|x Constable Office',
  '-2+3+cmd|x Sheriff Office',
  '@HYPERLINK("http://evil.example") Marshal Office',
];

const dir = tempDir('reassess-csv-');
const home = join(dir, 'ledger');
const cli = cliFor(home);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  const harris: [string, string, 'JEM', string] = [
    'TX',
    "Harris County Sheriff's Office",
    'JEM',
    '2025-01-02',
  ];
  const hostile = HOSTILE.map(
    (n, i) => ['FL', n, 'TFM', `2025-02-0${i + 1}`] as [string, string, 'TFM', string],
  );
  const wb = (date: string, rows: [string, string, 'JEM' | 'TFM', string][]) =>
    icePublication({ kind: 'participating', modified: `${date}T15:00:00Z`, rows });
  // The hostile names arrive in the second list, so events name them too.
  writeFileSync(join(dir, 'a.xlsx'), wb('2025-05-01', [harris]));
  writeFileSync(join(dir, 'b.xlsx'), wb('2025-05-08', [harris, ...hostile]));
  const r = await cli('ingest', join(dir, 'a.xlsx'), join(dir, 'b.xlsx'));
  expect(r.code, r.err).toBe(0);
});

/** A cell a spreadsheet would run: starts like a formula and is not a plain number. */
const dangerous = (cell: string) => /^[=+\-@\t\r]/.test(cell) && !/^-\d+(\.\d+)?(e[+-]?\d+)?$/i.test(cell);

/** Checks one CSV text: no dangerous cell, and every hostile name present with its leading quote. */
function checkCsv(label: string, text: string, namesExpected: boolean) {
  const rows = parse(text, { relax_column_count: false }) as string[][];
  expect(rows.length, label).toBeGreaterThan(0);
  for (const row of rows) for (const cell of row) expect(dangerous(cell), `${label}: ${cell}`).toBe(false);
  const cells = new Set(rows.flat());
  if (namesExpected) for (const n of HOSTILE) expect(cells.has(`'${n}`), `${label}: '${n}`).toBe(true);
}

function walk(d: string): string[] {
  return readdirSync(d).flatMap((f) => {
    const p = join(d, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

describe('CSV cells that start like a formula', () => {
  it('get a leading quote (OWASP), numbers stay numbers, other text is untouched', () => {
    for (const s of ['=1+1', '+1', '-1+1', '@A1', '\t=1', '\r=1']) expect(csvText(s)).toBe(`'${s}`);
    for (const s of ['Harris', '', "'=1", ' =1', '1-2', 'a=b']) expect(csvText(s)).toBe(s);
    expect(toCsv(['n', 's'], [[-5, '-5']])).toBe("n,s\n-5,'-5\n");
    // A quote, comma or line break keeps the cell whole (RFC 4180 quoting), so no new cell can start a formula.
    expect(parse(toCsv(['a'], [['x,"=1"\n=2']]))).toEqual([['a'], ['x,"=1"\n=2']]);
  });

  it('are neutralised in reassess export --format csv; the JSON export keeps the names exactly', async () => {
    const out = join(dir, 'export');
    const r = await cli('export', '--format', 'csv', '--out', out);
    expect(r.code, r.err).toBe(0);
    const files = readdirSync(out).filter((f) => f.endsWith('.csv'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files)
      checkCsv(`export ${f}`, readFileSync(join(out, f), 'utf8'), f !== 'publications.csv');
    const json = join(dir, 'export-json');
    expect((await cli('export', '--format', 'json', '--out', json)).code).toBe(0);
    const agencies = JSON.parse(readFileSync(join(json, 'agencies.json'), 'utf8')) as { name: string }[];
    for (const n of HOSTILE) expect(agencies.map((a) => a.name)).toContain(n);
  });

  it('are neutralised in every CSV download, served and in the static export', async () => {
    const ledger = await openLedger({ home });
    try {
      const downloads = (await buildDownloads(ledger.db, NOW)).filter((f) =>
        f.contentType.startsWith('text/csv'),
      );
      expect(downloads.map((f) => f.path).sort()).toEqual(
        ['agencies', 'agreements', 'documents', 'events', 'publications'].map((n) => `downloads/${n}.csv`),
      );
      const { app } = await createReassessApp({ db: ledger.db, now: NOW, rateLimit: false });
      for (const f of downloads) {
        const res = await app.request(`/${f.path}`);
        expect(res.status).toBe(200);
        checkCsv(`served ${f.path}`, await res.text(), !/(publications|documents)\.csv$/.test(f.path));
      }
      const site = join(dir, 'site');
      await exportSite({ db: ledger.db, out: site, now: NOW, baseUrl: 'https://example.org/' });
      const csvs = walk(site).filter((f) => f.endsWith('.csv'));
      expect(csvs.length).toBe(downloads.length);
      for (const f of csvs)
        checkCsv(`static ${f}`, readFileSync(f, 'utf8'), !/(publications|documents)\.csv$/.test(f));
      const json = JSON.parse(readFileSync(join(site, 'downloads', 'agencies.json'), 'utf8')) as {
        name: string;
      }[];
      for (const n of HOSTILE) expect(json.map((a) => a.name)).toContain(n);
    } finally {
      await ledger.close();
    }
  });
});
