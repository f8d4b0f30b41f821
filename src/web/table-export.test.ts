/** The tables' CSV is written as the download files' CSV writer (domain/csv.ts) writes it. */
import { describe, expect, it } from 'vitest';
import { toCsv } from '../domain/csv.ts';
import { csvText, jsonText } from './table-export.ts';

describe('table export', () => {
  it('writes CSV exactly as the downloads writer does, awkward cells included', () => {
    const header = ['Agency', 'State, code', 'Note'];
    const rows = [
      ["O'Brien <script>alert(1)</script> & Co Police Department", 'TX', 'a "quoted" word'],
      ['Line\nbreak', 'FL', 'carriage\rreturn'],
      ['=SUM(A1)', '-1', '@x'],
      ['', ' spaced ', 'plain'],
      ['+1 "555", x', '\tTab', '\rCR'],
    ];
    expect(csvText(header, rows)).toBe(toCsv(header, rows));
    // A cell that starts like a formula is text in a spreadsheet: the leading quote is there.
    expect(csvText(header, rows)).toContain("'=SUM(A1),'-1,'@x");
  });

  it('writes JSON as objects keyed by the column headers', () => {
    expect(JSON.parse(jsonText(['A', 'B'], [['1', 'x']]))).toEqual([{ A: '1', B: 'x' }]);
  });
});
