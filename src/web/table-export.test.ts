/** The tables' CSV is written as the download files' CSV writer writes it. */
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { csvText, jsonText } from './table-export.ts';

describe('table export', () => {
  it('writes CSV exactly as the downloads writer does, awkward cells included', () => {
    const header = ['Agency', 'State, code', 'Note'];
    const rows = [
      ["O'Brien <script>alert(1)</script> & Co Police Department", 'TX', 'a "quoted" word'],
      ['Line\nbreak', 'FL', 'carriage\rreturn'],
      ['=SUM(A1)', '-1', '@x'],
      ['', ' spaced ', 'plain'],
    ];
    expect(csvText(header, rows)).toBe(stringify(rows, { header: true, columns: header }));
  });

  it('writes JSON as objects keyed by the column headers', () => {
    expect(JSON.parse(jsonText(['A', 'B'], [['1', 'x']]))).toEqual([{ A: '1', B: 'x' }]);
  });
});
