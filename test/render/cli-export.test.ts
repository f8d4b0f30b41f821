/** `reassess export`: every table written in both formats, row counts matching the ledger. */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { cliFor } from '../support/cli.ts';
import { icePublication, tempDir } from '../support/ledgers.ts';

const dir = tempDir('reassess-export-');
const home = join(dir, 'ledger');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = cliFor(home);

describe('reassess export', () => {
  it('writes agencies, agreements, events, publications and places as CSV and JSON', async () => {
    const wb = (date: string, rows: [string, string, 'JEM' | 'WSO' | 'TFM', string][]) =>
      icePublication({ kind: 'participating', modified: `${date}T15:00:00Z`, rows });
    const a = join(dir, 'a.xlsx');
    const b = join(dir, 'b.xlsx');
    writeFileSync(a, wb('2025-05-01', [['TX', "Harris County Sheriff's Office", 'JEM', '2025-01-02']]));
    writeFileSync(
      b,
      wb('2025-05-08', [
        ['TX', "Harris County Sheriff's Office", 'JEM', '2025-01-02'],
        ['FL', 'Gulfport Police Department', 'TFM', '2025-04-01'],
      ]),
    );
    expect((await cli('ingest', a, b)).code).toBe(0);
    for (const format of ['csv', 'json']) {
      const out = join(dir, format);
      const r = await cli('export', '--format', format, '--out', out);
      expect(r.code, r.err).toBe(0);
      const rows = (name: string) => {
        const text = readFileSync(join(out, `${name}.${format}`), 'utf8');
        return (format === 'json' ? JSON.parse(text) : parse(text, { columns: true })) as Record<
          string,
          string
        >[];
      };
      expect(rows('agencies')).toHaveLength(2);
      expect(rows('agreements')).toHaveLength(2);
      expect(rows('publications')).toHaveLength(2);
      expect(rows('events').map((e) => e.kind)).toContain('added');
      expect(
        rows('places')
          .map((p) => p.level)
          .sort(),
      ).toEqual(['county', 'municipal']);
    }
    expect((await cli('export', '--format', 'xml')).code).toBe(2);
  });
});
