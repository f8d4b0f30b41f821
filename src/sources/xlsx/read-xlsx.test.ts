import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildPackage,
  entityBomb,
  type FixtureRow,
  type FixtureSheet,
  type FixtureWorkbook,
  htmlPage,
  legacyXls,
  manyRows,
  notAWorkbook,
  STYLE,
  truncated,
  workbookParts,
  writeXlsx,
  type ZipPart,
  zipBomb,
  zipParts,
} from '../../../test/fixtures/xlsx-writer.ts';
import { packDir, readCsvRecords, requirePackFile } from '../../../test/support/pack.ts';
import { InputError } from '../../domain/errors.ts';
import { DEFAULT_READ_LIMITS, readXlsx, type XlsxRow, type XlsxWorkbook } from './read-xlsx.ts';

const MOA = 'https://www.ice.gov/doclib/287gMOA/CherokeeCoAL_WSO_MOA_07072025.pdf';
const SAFELINK =
  'https://gcc02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.ice.gov%2Fdoclib%2F287gMOA%2FA.pdf&data=05&reserved=0';

function read(wb: FixtureWorkbook, file = 'fixture.xlsx'): XlsxWorkbook {
  return readXlsx(writeXlsx(wb), file);
}

/** Rows as plain [value, ...] arrays indexed by column, for compact assertions. */
function values(rows: XlsxRow[]): (string | undefined)[][] {
  return rows.map((row) => {
    const out: (string | undefined)[] = [];
    for (const c of row.cells) out[c.col] = c.value;
    return out;
  });
}

/** Runs fn, which must throw an InputError naming `file` whose reason matches `reason`. */
function expectInputError(fn: () => unknown, file: string, reason: RegExp): InputError {
  let thrown: unknown;
  try {
    fn();
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(InputError);
  const err = thrown as InputError;
  expect(err.file).toBe(file);
  expect(err.message.startsWith(`${file}: `) || err.message.startsWith(`${file}, row `)).toBe(true);
  expect(err.reason).toMatch(reason);
  return err;
}

describe('readXlsx: round trip of ICE-shaped workbooks', () => {
  const P3: FixtureWorkbook = {
    sheets: [
      {
        name: 'Sheet1',
        filterMode: true,
        extraFormattedColumns: 5,
        trailingFormattedRows: 40,
        rows: [
          {
            cells: [
              'STATE',
              'LAW ENFORCEMENT AGENCY',
              'TYPE',
              'COUNTY',
              'SUPPORT TYPE',
              'SIGNED',
              'MOA',
              'ADDENDUM',
            ],
          },
          {
            cells: [
              'ALABAMA',
              "Cherokee County Sheriff's Office",
              'County',
              'Cherokee County',
              'Warrant Service Officer',
              { v: 45845, s: STYLE.date },
              { v: 'link', link: MOA },
              { v: null, styleOnly: true },
            ],
          },
          {
            hidden: true,
            cells: [
              'ALASKA',
              'Department of Corrections',
              'State Agency',
              { v: '#N/A', t: 'e' },
              'Warrant Service Officer',
              { v: 44036, s: STYLE.date },
              { v: 'link', link: SAFELINK },
              { v: 'Link Pending', link: 'https://www.ice.gov/doclib/287gMOA/addendum.pdf' },
            ],
          },
          {
            cells: [
              'TEXAS ',
              'Kinney County',
              '#NA',
              'Kinney County',
              'Task Force Model',
              '8/282025',
              'link',
              null,
            ],
          },
        ],
      },
    ],
    props: {
      creator: 'Creator, Test',
      lastModifiedBy: 'Editor, Test',
      created: '2025-02-15T19:41:07Z',
      modified: '2025-09-18T15:42:42Z',
      application: 'Microsoft Excel Online',
    },
  };

  it('reads cells with types, values, links, hidden flags, props and the filter flag', () => {
    const wb = read(P3);
    expect(wb.sheetNames).toEqual(['Sheet1']);
    expect(wb.sheetName).toBe('Sheet1');
    expect(wb.filterMode).toBe(true);
    expect(wb.props).toEqual({
      creator: 'Creator, Test',
      lastModifiedBy: 'Editor, Test',
      created: '2025-02-15T19:41:07Z',
      modified: '2025-09-18T15:42:42Z',
      application: 'Microsoft Excel Online',
    });
    expect(wb.rows).toHaveLength(4); // the 40 trailing formatted rows and the formatted columns are not data
    expect(wb.rows[1]).toEqual({
      r: 2,
      hidden: false,
      cells: [
        { col: 0, type: 's', value: 'ALABAMA' },
        { col: 1, type: 's', value: "Cherokee County Sheriff's Office" },
        { col: 2, type: 's', value: 'County' },
        { col: 3, type: 's', value: 'Cherokee County' },
        { col: 4, type: 's', value: 'Warrant Service Officer' },
        { col: 5, type: 'n', value: '45845' },
        { col: 6, type: 's', value: 'link', link: MOA },
      ],
    });
    expect(wb.rows[2]).toEqual({
      r: 3,
      hidden: true,
      cells: [
        { col: 0, type: 's', value: 'ALASKA' },
        { col: 1, type: 's', value: 'Department of Corrections' },
        { col: 2, type: 's', value: 'State Agency' },
        { col: 3, type: 'e', value: '#N/A' },
        { col: 4, type: 's', value: 'Warrant Service Officer' },
        { col: 5, type: 'n', value: '44036' },
        { col: 6, type: 's', value: 'link', link: SAFELINK },
        { col: 7, type: 's', value: 'Link Pending', link: 'https://www.ice.gov/doclib/287gMOA/addendum.pdf' },
      ],
    });
    // A `link` cell without a hyperlink (P1) has no link; text that looks like a date stays text.
    expect(wb.rows[3]?.cells.map((c) => [c.type, c.value, c.link])).toEqual([
      ['s', 'TEXAS ', undefined],
      ['s', 'Kinney County', undefined],
      ['s', '#NA', undefined],
      ['s', 'Kinney County', undefined],
      ['s', 'Task Force Model', undefined],
      ['s', '8/282025', undefined],
      ['s', 'link', undefined],
    ]);
  });

  it('reads the first worksheet only, by workbook order, and lists every sheet name', () => {
    const wb = read({
      sheets: [
        { name: 'Sheet1', rows: [{ cells: ['STATE'] }, { cells: ['OHIO'] }] },
        { name: 'Sheet2', rows: [{ cells: ['JEM'] }, { cells: ['ALABAMA'] }, { cells: ['ALASKA'] }] },
        { name: 'Q&A <notes>', rows: [{ cells: ['x'] }] },
      ],
    });
    expect(wb.sheetNames).toEqual(['Sheet1', 'Sheet2', 'Q&A <notes>']);
    expect(wb.sheetName).toBe('Sheet1');
    expect(values(wb.rows)).toEqual([['STATE'], ['OHIO']]);
  });

  it('finds the first worksheet through the workbook relationships, not the part name', () => {
    const pkg = buildPackage({
      sheets: [
        { name: 'Sheet 1', rows: [{ cells: ['first tab'] }] },
        { name: 'Sheet2', rows: [{ cells: ['second tab'] }] },
      ],
    });
    // Swap the parts: the first tab now lives in sheet2.xml (an absolute target), the second in sheet1.xml.
    const parts = workbookParts(pkg).map((p) =>
      p.name === 'xl/_rels/workbook.xml.rels'
        ? {
            ...p,
            data: String(p.data)
              .replace('Target="worksheets/sheet1.xml"', 'Target="@2"')
              .replace('Target="worksheets/sheet2.xml"', 'Target="worksheets/sheet1.xml"')
              .replace('Target="@2"', 'Target="/xl/worksheets/sheet2.xml"'),
          }
        : p.name === 'xl/worksheets/sheet1.xml'
          ? { ...p, name: 'xl/worksheets/sheet2.xml' }
          : p.name === 'xl/worksheets/sheet2.xml'
            ? { ...p, name: 'xl/worksheets/sheet1.xml' }
            : p,
    );
    const wb = readXlsx(zipParts(parts), 'swapped.xlsx');
    expect(wb.sheetName).toBe('Sheet 1');
    expect(values(wb.rows)).toEqual([['first tab']]);
  });

  it('skips blank and formatted-but-empty rows, keeping Excel row numbers', () => {
    const wb = read({
      sheets: [
        {
          extraFormattedColumns: 3,
          trailingFormattedRows: 5,
          rows: [
            { cells: ['STATE', 'AGENCY'] },
            { cells: ['OHIO', 'A'] },
            { cells: [] }, // only the formatted padding columns
            { cells: [null, null] },
            {
              cells: [
                { v: null, styleOnly: true },
                { v: null, styleOnly: true, s: STYLE.date },
              ],
            },
            { r: 558, cells: [{ v: null, styleOnly: true }] },
            { r: 559, cells: ['UTAH', 'B'] },
          ],
        },
      ],
    });
    expect(wb.rows.map((r) => r.r)).toEqual([1, 2, 559]);
    expect(values(wb.rows)).toEqual([
      ['STATE', 'AGENCY'],
      ['OHIO', 'A'],
      ['UTAH', 'B'],
    ]);
  });

  it('skips self-closing rows and rows whose cells are all null', () => {
    const wb = read({
      sheets: [{ rows: [{ cells: ['a'] }, { cells: [] }, { cells: [null] }, { cells: ['b'] }] }],
    });
    expect(wb.rows.map((r) => r.r)).toEqual([1, 4]);
  });

  it('returns error cells as type e with the error code', () => {
    const wb = read({
      sheets: [
        {
          rows: [
            {
              cells: [
                { v: '#N/A', t: 'e' },
                { v: '#DIV/0!', t: 'e' },
                { v: '#REF!', t: 'e' },
                { v: '#VALUE!', t: 'e' },
                '#NA',
              ],
            },
          ],
        },
      ],
    });
    expect(wb.rows[0]?.cells.map((c) => [c.type, c.value])).toEqual([
      ['e', '#N/A'],
      ['e', '#DIV/0!'],
      ['e', '#REF!'],
      ['e', '#VALUE!'],
      ['s', '#NA'],
    ]);
  });

  it('reads numbers as written, booleans and formula strings', () => {
    const wb = read({
      sheets: [
        {
          rows: [
            {
              cells: [
                45845,
                0.5,
                -1,
                { v: '4.5E-3', t: 'n' },
                { v: 1141271, s: STYLE.date }, // the serial of 5025-07-07
                { v: true },
                { v: false },
                { v: 'x', t: 'str', f: 'LOWER("X")' },
              ],
            },
          ],
        },
      ],
    });
    expect(wb.rows[0]?.cells.map((c) => [c.type, c.value])).toEqual([
      ['n', '45845'],
      ['n', '0.5'],
      ['n', '-1'],
      ['n', '4.5E-3'],
      ['n', '1141271'],
      ['b', '1'],
      ['b', '0'],
      ['str', 'x'],
    ]);
  });

  const DIRTY = [
    'TEXAS ',
    ' leading',
    '\nSchuylkill County',
    'Sheriff’s Office',
    'Kansas  Bureau Of Investigation',
    '\u00a0',
    'link\u00a0|\u00a0addendum',
    'a < b & c > "d" \'e\'',
    'AT&amp;T stays literal',
    'tab\tinside',
    'Ñandú 😀',
  ];

  it.each([
    ['shared strings', true],
    ['inline strings', false],
  ])('round-trips dirty text exactly (%s)', (_label, shared) => {
    const wb = read({ sheets: [{ rows: [{ cells: DIRTY }] }], sharedStrings: shared });
    expect(wb.rows[0]?.cells.map((c) => c.value)).toEqual(DIRTY);
    expect(new Set(wb.rows[0]?.cells.map((c) => c.type))).toEqual(new Set([shared ? 's' : 'inlineStr']));
  });

  it('reads inline strings (the derived html-era tables have no shared strings part)', () => {
    const wb = read({
      sheets: [
        {
          rows: [
            { cells: ['STATE', 'SIGNED', 'MOA'] },
            {
              cells: ['ALABAMA', '2016-06-08', 'https://web.archive.org/web/2021/https://www.ice.gov/a.pdf'],
            },
          ],
        },
      ],
      sharedStrings: false,
    });
    expect(wb.rows[1]?.cells).toEqual([
      { col: 0, type: 'inlineStr', value: 'ALABAMA' },
      { col: 1, type: 'inlineStr', value: '2016-06-08' },
      { col: 2, type: 'inlineStr', value: 'https://web.archive.org/web/2021/https://www.ice.gov/a.pdf' },
    ]);
  });

  it('joins rich text runs and leaves out phonetic runs (rPh), shared and inline', () => {
    const rich = {
      v: 'Kansas City Police',
      runs: ['Kansas', ' City', ' Police'],
      phonetic: 'カンザスシティ',
    };
    const wb = read({
      sheets: [
        { rows: [{ cells: [rich, { ...rich, t: 'inlineStr' }, { v: '東京', phonetic: 'トウキョウ' }] }] },
      ],
    });
    expect(wb.rows[0]?.cells.map((c) => [c.type, c.value])).toEqual([
      ['s', 'Kansas City Police'],
      ['inlineStr', 'Kansas City Police'],
      ['s', '東京'],
    ]);
  });

  it('attaches a range hyperlink (ref="G2:G4") to every cell of the range', () => {
    const sheet: FixtureSheet = {
      hyperlinks: [
        { ref: 'G2:G4', target: MOA },
        { ref: 'A6:B6', target: 'https://example.org/row6' },
        { ref: 'C2', location: 'Sheet2!A1' },
      ],
      rows: [
        { cells: ['STATE', null, null, null, null, null, 'MOA'] },
        ...[2, 3, 4, 5].map(
          (r): FixtureRow => ({ r, cells: [`S${r}`, null, 'x', null, null, null, 'link'] }),
        ),
        { r: 6, cells: ['a', 'b', 'c'] },
      ],
    };
    const wb = read({ sheets: [sheet, { rows: [{ cells: ['target'] }] }] });
    const link = (r: number, col: number) =>
      wb.rows.find((row) => row.r === r)?.cells.find((c) => c.col === col)?.link;
    expect([2, 3, 4, 5].map((r) => link(r, 6))).toEqual([MOA, MOA, MOA, undefined]);
    expect([link(6, 0), link(6, 1), link(6, 2)]).toEqual([
      'https://example.org/row6',
      'https://example.org/row6',
      undefined,
    ]);
    expect(link(2, 2)).toBe('#Sheet2!A1');
    expect(link(1, 6)).toBeUndefined();
  });

  it('counts rows and columns when the r attributes are left out', () => {
    const wb = read({
      sheets: [{ omitRefs: true, rows: [{ cells: ['a', 'b'] }, { cells: ['c', { v: 'link', link: MOA }] }] }],
    });
    expect(wb.rows).toEqual([
      {
        r: 1,
        hidden: false,
        cells: [
          { col: 0, type: 's', value: 'a' },
          { col: 1, type: 's', value: 'b' },
        ],
      },
      {
        r: 2,
        hidden: false,
        cells: [
          { col: 0, type: 's', value: 'c' },
          { col: 1, type: 's', value: 'link', link: MOA },
        ],
      },
    ]);
  });

  it('reads references and shared-string indexes in any form Excel accepts, not only the plain one', () => {
    // The reader takes plain references (`B2`) and indexes (`3`) as numbers straight off the XML; anything else
    // (lowercase, entities, leading zeros or spaces) goes the general way and must read the same.
    const p = buildPackage({
      sheets: [
        {
          hyperlinks: [{ ref: 'b2', target: MOA }],
          rows: [{ cells: ['STATE', 'MOA'] }, { cells: ['OHIO', 'link'] }, { cells: ['UTAH', 7] }],
        },
      ],
    });
    const sheet = p.sheets[0] as FixtureSheet & { xml: string };
    for (const [from, to] of [
      ['<c r="A2" t="s"><v>2</v></c>', '<c r="a2" t="s"><v>02</v></c>'],
      ['<c r="B2" t="s"><v>3</v></c>', '<c r="&#66;2" t="s"><v> 3</v></c>'],
      ['<c r="B3"><v>7</v></c>', '<c r="B0003"><v>7</v></c>'],
    ] as const) {
      expect(sheet.xml).toContain(from);
      sheet.xml = sheet.xml.replace(from, to);
    }
    const wb = readXlsx(zipParts(workbookParts(p)), 'refs.xlsx');
    expect(values(wb.rows)).toEqual([
      ['STATE', 'MOA'],
      ['OHIO', 'link'],
      ['UTAH', '7'],
    ]);
    expect(wb.rows[1]?.cells[1]).toEqual({ col: 1, type: 's', value: 'link', link: MOA });
    expect(wb.rows[2]?.cells[1]).toEqual({ col: 1, type: 'n', value: '7' });
  });

  it('reads document properties: missing, empty and escaped values', () => {
    const base = { sheets: [{ rows: [{ cells: ['x'] }] }] };
    expect(read({ ...base, props: null }).props).toEqual({
      creator: null,
      lastModifiedBy: null,
      created: null,
      modified: null,
      application: null,
    });
    expect(
      read({ ...base, props: { lastModifiedBy: '', modified: null, creator: 'A & B <c>' } }).props,
    ).toMatchObject({
      creator: 'A & B <c>',
      lastModifiedBy: null,
      modified: null,
      application: 'Microsoft Excel',
    });
  });

  it('reports filterMode false when no filter is active', () => {
    expect(read({ sheets: [{ rows: [{ cells: ['x'] }] }] }).filterMode).toBe(false);
  });

  it('reads an empty worksheet as no rows', () => {
    expect(read({ sheets: [{ name: 'Sheet 1', rows: [] }] }).rows).toEqual([]);
  });
});

describe('readXlsx: limits', () => {
  it('reads exactly maxRows rows and refuses one more', () => {
    const buf = manyRows(1000);
    expect(readXlsx(buf, 'rows.xlsx', { ...DEFAULT_READ_LIMITS, maxRows: 1000 }).rows).toHaveLength(1000);
    expectInputError(
      () => readXlsx(buf, 'rows.xlsx', { ...DEFAULT_READ_LIMITS, maxRows: 999 }),
      'rows.xlsx',
      /more than 999 rows/,
    );
  });

  it('enforces the per-entry, total and entry-count limits of the ZIP reader', () => {
    const buf = writeXlsx({ sheets: [{ rows: [{ cells: ['STATE'] }, { cells: ['OHIO'] }] }] });
    expectInputError(
      () => readXlsx(buf, 'w.xlsx', { ...DEFAULT_READ_LIMITS, maxEntryBytes: 100 }),
      'w.xlsx',
      /declares \d+ bytes uncompressed \(limit 100\)/,
    );
    expectInputError(
      () => readXlsx(buf, 'w.xlsx', { ...DEFAULT_READ_LIMITS, maxTotalBytes: 1000 }),
      'w.xlsx',
      /expands past 1000 bytes/,
    );
    expectInputError(
      () => readXlsx(buf, 'w.xlsx', { ...DEFAULT_READ_LIMITS, maxEntries: 3 }),
      'w.xlsx',
      /has \d+ entries \(limit 3\)/,
    );
  });
});

describe('readXlsx: bad input', () => {
  // No elapsed-time assertions: the test timeout is the guard against unbounded work.
  const file = 'participatingAgencies09222025pm.xlsx';

  it('a zip bomb that declares 200 MB is refused before inflating', () => {
    expectInputError(() => readXlsx(zipBomb(), file), file, /sheet1\.xml declares 209715200 bytes.*limit/);
  });

  it('a zip bomb that declares 1 KiB but inflates to 200 MB is stopped at the declared size', () => {
    expectInputError(
      () => readXlsx(zipBomb({ mode: 'lying' }), file),
      file,
      /sheet1\.xml inflates past its declared size \(zip bomb\?\)/,
    );
  });

  it('an entry compressed ~1000:1 is refused as a zip bomb', () => {
    expectInputError(
      () => readXlsx(zipBomb({ mode: 'ratio' }), file),
      file,
      /compression ratio of \d+:1 \(zip bomb\?\)/,
    );
  });

  it.each(['sharedStrings', 'sheet'] as const)(
    'an entity bomb (DOCTYPE with nested entities) in %s',
    (part) => {
      expectInputError(
        () => readXlsx(entityBomb(part), file),
        file,
        /(sharedStrings|sheet1)\.xml declares a DTD or entities.*entity bomb/,
      );
    },
  );

  it('a truncated file', () => {
    expectInputError(
      () => readXlsx(truncated(writeXlsx({ sheets: [{ rows: [{ cells: ['x'] }] }] })), file),
      file,
      /truncated/,
    );
  });

  it('a file cut at any point throws InputError, never anything else', () => {
    const buf = writeXlsx({
      sheets: [{ rows: [{ cells: ['STATE', 'MOA'] }, { cells: ['OHIO', { v: 'link', link: MOA }] }] }],
    });
    for (let cut = 0; cut < buf.length; cut++) {
      expect(() => readXlsx(truncated(buf, cut / buf.length), file)).toThrow(InputError);
    }
  });

  it('any single corrupted byte gives either a workbook or an InputError', () => {
    const buf = writeXlsx({
      sheets: [{ rows: [{ cells: ['STATE', 'SIGNED'] }, { cells: ['OHIO', { v: 45845, s: STYLE.date }] }] }],
    });
    fc.assert(
      fc.property(fc.nat(buf.length - 1), fc.integer({ min: 1, max: 255 }), (pos, xor) => {
        const bad = Buffer.from(buf);
        bad[pos] = (bad[pos] ?? 0) ^ xor;
        try {
          readXlsx(bad, file);
        } catch (err) {
          if (!(err instanceof InputError)) throw err;
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('an HTML page saved as .xlsx', () => {
    expectInputError(() => readXlsx(htmlPage(), file), file, /an HTML page, not an Excel workbook/);
    const bom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('\n  <html><body>503</body></html>'),
    ]);
    expectInputError(() => readXlsx(bom, file), file, /HTML page/);
  });

  it('an empty file', () => {
    expectInputError(() => readXlsx(Buffer.alloc(0), file), file, /^empty file$/);
  });

  it('files of a few bytes', () => {
    for (const bytes of ['P', 'PK', 'PK\u0003', 'PK\u0003\u0004']) {
      expectInputError(() => readXlsx(Buffer.from(bytes, 'latin1'), file), file, /not an Excel workbook/);
    }
  });

  it('a legacy .xls (D0 CF 11 E0)', () => {
    expectInputError(() => readXlsx(legacyXls(), file), file, /legacy binary Excel \(\.xls\/OLE\)/);
  });

  it('a PDF', () => {
    expectInputError(() => readXlsx(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), file), file, /a PDF document/);
  });

  it('a ZIP archive that is not a workbook', () => {
    expectInputError(() => readXlsx(notAWorkbook(), file), file, /a ZIP archive but not an Excel workbook/);
  });

  it('a million-row workbook is refused at the row limit', () => {
    expectInputError(() => readXlsx(manyRows(1_000_000), file), file, /more than 100000 rows \(limit\)/);
  });

  describe('corrupt packages', () => {
    const pkg = () =>
      buildPackage({
        sheets: [
          {
            rows: [{ cells: ['STATE', { v: 'inline', t: 'inlineStr' }] }, { cells: ['OHIO', 7] }],
          },
        ],
      });
    const withPart = (parts: ZipPart[], name: string, edit: (xml: string) => string) =>
      parts.map((p) => (p.name === name ? { ...p, data: edit(String(p.data)) } : p));

    it('a workbook without worksheets', () => {
      const parts = withPart(workbookParts(pkg()), 'xl/workbook.xml', (x) =>
        x.replace(/<sheets>.*<\/sheets>/, ''),
      );
      expectInputError(() => readXlsx(zipParts(parts), file), file, /workbook has no worksheets/);
    });

    it('a missing worksheet part', () => {
      const parts = workbookParts(pkg()).filter((p) => p.name !== 'xl/worksheets/sheet1.xml');
      expectInputError(
        () => readXlsx(zipParts(parts), file),
        file,
        /worksheet part xl\/worksheets\/sheet1\.xml is missing/,
      );
    });

    it('a missing shared strings part', () => {
      const parts = workbookParts(pkg()).filter((p) => p.name !== 'xl/sharedStrings.xml');
      expectInputError(
        () => readXlsx(zipParts(parts), file),
        file,
        /cell A1 points at a missing shared string/,
      );
    });

    it('a part whose bytes fail the CRC', () => {
      const buf = zipParts(workbookParts(pkg()).map((p) => ({ ...p, store: true })));
      const at = buf.indexOf('<t>STATE</t>');
      buf[at + 3] = 'X'.charCodeAt(0);
      expectInputError(() => readXlsx(buf, file), file, /fails its CRC check/);
    });

    // Malformed XML must end in an InputError, never in an endless scan (a synchronous loop cannot be stopped by
    // the test timeout, so each of these once hung the process).
    it.each([
      [
        'a cell that is never closed',
        'sheet',
        (x: string) => x.replace(/<\/c><\/row><\/sheetData>.*$/s, '</row>'),
        /cell B2 is not closed/,
      ],
      [
        'an unclosed tag inside an inline string',
        'sheet',
        (x: string) => x.replace('<t>inline</t></is>', '<t>inline</t><t '),
        /cell B1 is not closed/,
      ],
      [
        'a row tag cut short',
        'sheet',
        (x: string) => x.replace(/<\/sheetData>.*$/s, '<row r="3"'),
        /cut short after row 2/,
      ],
      [
        'an unclosed shared string',
        'sst',
        (x: string) => x.replace(/<\/si><\/sst>$/, ''),
        /sharedStrings\.xml is malformed/,
      ],
      [
        'an unclosed tag inside a shared string',
        'sst',
        (x: string) => x.replace('<t>STATE</t></si>', '<t>STATE</t><t </si>'),
        /sharedStrings\.xml is malformed at string 0/,
      ],
    ] as const)('%s', (_label, part, edit, reason) => {
      const p = pkg();
      if (part === 'sst') p.sst = edit(p.sst ?? '');
      else if (p.sheets[0]) p.sheets[0].xml = edit(String(p.sheets[0].xml));
      expectInputError(() => readXlsx(zipParts(workbookParts(p)), file), file, reason);
    });

    it('an unclosed tag in the workbook or its relationships', () => {
      const cutSheet = withPart(workbookParts(pkg()), 'xl/workbook.xml', (x) =>
        x.replace(/<sheet name[\s\S]*$/, '<sheet name="Sheet1" '),
      );
      expectInputError(() => readXlsx(zipParts(cutSheet), file), file, /workbook has no worksheets/);
      const cutRels = withPart(workbookParts(pkg()), 'xl/_rels/workbook.xml.rels', (x) =>
        x.replace(/<Relationship [^>]*worksheet[\s\S]*$/, '<Relationship Id="rId1" '),
      );
      expectInputError(() => readXlsx(zipParts(cutRels), file), file, /has no part in the package/);
    });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The real data pack: every workbook reads, and its data-row count matches the pack's manifest.

const PACK_DIRS = ['participating', 'pending', 'derived/html-era-tables'] as const;

/** Rows with at least one value, minus the header row. */
function dataRows(wb: XlsxWorkbook): number {
  const n = wb.rows.filter((r) => r.cells.some((c) => c.value !== '')).length;
  return Math.max(0, n - 1);
}

/** Reads every .xlsx under root's PACK_DIRS; returns how many were read and every disagreement with manifest.csv. */
function checkPack(root: string): { checked: number; problems: string[] } {
  const expected = new Map<string, string>();
  for (const rec of readCsvRecords(join(root, 'manifest.csv'))) {
    const rel = rec.file ?? '';
    const inPackDir = PACK_DIRS.some(
      (d) => rel.startsWith(`${d}/`) && !rel.slice(d.length + 1).includes('/'),
    );
    if (inPackDir && /\.xlsx$/i.test(rel)) expected.set(rel, rec.data_rows ?? '');
  }
  const problems: string[] = [];
  let checked = 0;
  for (const dir of PACK_DIRS) {
    for (const name of readdirSync(join(root, dir)).sort()) {
      if (!/\.xlsx$/i.test(name)) continue;
      const rel = `${dir}/${name}`;
      checked++;
      const want = expected.get(rel);
      expected.delete(rel);
      if (want === undefined) {
        problems.push(`${rel}: not listed in manifest.csv`);
        continue;
      }
      try {
        const got = dataRows(readXlsx(readFileSync(join(root, rel)), rel));
        if (String(got) !== want) problems.push(`${rel}: ${got} data rows, manifest.csv says ${want}`);
      } catch (err) {
        problems.push(`${rel}: ${(err as Error).message}`);
      }
    }
  }
  for (const rel of expected.keys()) problems.push(`${rel}: listed in manifest.csv but not on disk`);
  return { checked, problems };
}

const MANIFEST_HEADER =
  'file,list,date,era,data_rows,columns,sha256,bytes,ice_modified_utc,source_file_names,source_repo,source_path,' +
  'source_commit,other_locations,same_day_versions_not_kept,notes,pages,text_layer';

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const P3_COLUMNS = [
  'STATE',
  'LAW ENFORCEMENT AGENCY',
  'TYPE',
  'COUNTY',
  'SUPPORT TYPE',
  'SIGNED',
  'MOA',
  'ADDENDUM',
];
const Q2_COLUMNS = ['STATE', 'LAW ENFORCEMENT AGENCY', 'TYPE', 'COUNTY', 'SUPPORT TYPE'];
const H0_COLUMNS = ['STATE', 'LAW ENFORCEMENT AGENCY', 'SUPPORT TYPE', 'SIGNED', 'MOA'];

/** `n` ICE-like data rows (from row 2) for the given header, with the odd cells ICE's files carry. */
function agencyRows(
  columns: readonly string[],
  n: number,
  hidden: (i: number) => boolean = () => false,
): FixtureRow[] {
  const rows: FixtureRow[] = [{ cells: [...columns] }];
  for (let i = 0; i < n; i++) {
    const cell = (col: string): FixtureRow['cells'][number] => {
      switch (col) {
        case 'STATE':
          return ['ALABAMA', 'TEXAS ', 'PENNSLYVANIA'][i % 3] ?? null;
        case 'LAW ENFORCEMENT AGENCY':
          return `Agency ${i} Sheriff’s Office`;
        case 'TYPE':
          return i % 5 === 0 ? 'State Agency' : 'County';
        case 'COUNTY':
          return i % 5 === 0 ? { v: '#N/A', t: 'e' } : `County ${i}`;
        case 'SUPPORT TYPE':
          return ['Jail Enforcement Model', 'Warrant Service Officer', 'Task Force Model'][i % 3] ?? null;
        case 'SIGNED':
          return { v: 45700 + i, s: STYLE.date };
        case 'MOA':
          return { v: 'link', link: `https://www.ice.gov/doclib/287gMOA/Agency${i}_MOA.pdf` };
        case 'ADDENDUM':
          return i % 4 === 0
            ? { v: 'Link Pending', link: `https://www.ice.gov/doclib/287gMOA/Agency${i}_Add.pdf` }
            : null;
        default:
          return null;
      }
    };
    rows.push({ r: i + 2, hidden: hidden(i), cells: columns.map(cell) });
  }
  return rows;
}

/** A small pack in the real layout (generated workbooks + a manifest.csv with quoted fields) in a temp folder. */
function generatedPack(): { root: string; cleanup: () => void } {
  const base = mkdtempSync(join(tmpdir(), 'reassess-pack-'));
  const root = join(base, 'ice-287g');
  const files: { rel: string; data_rows: number; wb: FixtureWorkbook; names: string; notes: string }[] = [];
  // A blank row inside the data (as 2025-09-24 → 09-26), trailing formatted rows, formatted columns, a filter.
  const withBlank = agencyRows(P3_COLUMNS, 40, (i) => i % 2 === 1);
  withBlank.splice(20, 0, { r: 21, cells: P3_COLUMNS.map(() => ({ v: null, styleOnly: true })) });
  withBlank.forEach((row, k) => {
    row.r = k + 1;
  });
  files.push({
    rel: 'participating/2025-09-24.xlsx',
    data_rows: 40,
    wb: {
      sheets: [{ rows: withBlank, trailingFormattedRows: 30, extraFormattedColumns: 5, filterMode: true }],
      props: { application: 'Microsoft Excel Online' },
    },
    names: 'participatingAgencies09242025am.xlsx, participatingAgencies09252025pm.xlsx',
    notes: 'blank row inside the data; "hidden" rows from an AutoFilter',
  });
  files.push({
    rel: 'participating/2026-03-02.xlsx',
    data_rows: 12,
    wb: {
      sheets: [{ rows: agencyRows(P3_COLUMNS, 12) }, { name: 'Sheet2', rows: agencyRows(Q2_COLUMNS, 50) }],
    },
    names: 'participatingAgencies03022026am.xlsx',
    notes: 'second worksheet Sheet2,\nread the first only',
  });
  files.push({
    rel: 'pending/2025-10-17.xlsx',
    data_rows: 9,
    wb: { sheets: [{ name: 'Sheet 1', rows: agencyRows(Q2_COLUMNS, 9, (i) => i < 4) }] },
    names: 'pendingAgencies10172025am.xlsx',
    notes: '',
  });
  files.push({
    rel: 'pending/2025-11-06.xlsx',
    data_rows: 0,
    wb: { sheets: [{ name: 'Sheet 1', rows: agencyRows(Q2_COLUMNS, 0), trailingFormattedRows: 70 }] },
    names: 'pendingAgencies11062025pm.xlsx',
    notes: 'header only',
  });
  files.push({
    rel: 'derived/html-era-tables/participating-html-2021-03-31.xlsx',
    data_rows: 6,
    wb: {
      sheets: [{ rows: agencyRows(H0_COLUMNS, 6) }],
      sharedStrings: false,
      props: { creator: 'openpyxl' },
    },
    names: '',
    notes: 'NOT ICE bytes: openpyxl table, "derived"',
  });
  const lines = [MANIFEST_HEADER];
  for (const f of files) {
    const path = join(root, f.rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, writeXlsx(f.wb));
    const [list, date] = [f.rel.split('/')[0] ?? '', f.rel.replace(/^.*?(\d{4}-\d{2}-\d{2})\.xlsx$/, '$1')];
    lines.push(
      [
        f.rel,
        list,
        date,
        'P3',
        String(f.data_rows),
        'STATE|LAW ENFORCEMENT AGENCY',
        'ab'.repeat(32),
        '1234',
        '',
      ]
        .concat([f.names, 'owner/repo', 'a/b.xlsx', 'c'.repeat(40), '3', '', f.notes, '', ''])
        .map(csvField)
        .join(','),
    );
  }
  // A row outside the workbook folders (ignored), with a quoted comma in its notes.
  const pdf = MANIFEST_HEADER.split(',').map(() => '');
  Object.assign(pdf, { 0: 'moa/x.pdf', 1: 'moa', 15: 'a PDF, not read here', 16: '12', 17: 'yes' });
  lines.push(pdf.map(csvField).join(','));
  writeFileSync(join(root, 'manifest.csv'), `${lines.join('\r\n')}\r\n`);
  return { root, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

describe('readXlsx over the data pack', () => {
  const DATA = packDir();
  if (DATA !== null) {
    it('real pack: every ice-287g workbook (participating, pending, derived/html-era-tables) reads and matches manifest.csv data_rows', () => {
      const root = requirePackFile('ice-287g');
      requirePackFile('ice-287g/manifest.csv');
      for (const dir of PACK_DIRS) requirePackFile(`ice-287g/${dir}`);
      const { checked, problems } = checkPack(root);
      expect(problems).toEqual([]);
      expect(checked).toBeGreaterThan(0);
    });
  } else {
    it('real pack not configured (REASSESS_DATA unset): reads generated fixtures instead', () => {
      const { root, cleanup } = generatedPack();
      try {
        const { checked, problems } = checkPack(root);
        expect(problems).toEqual([]);
        expect(checked).toBe(5);
      } finally {
        cleanup();
      }
    });
  }
});
