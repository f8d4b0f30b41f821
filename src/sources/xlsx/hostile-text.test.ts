/**
 * Property test: the workbook reader takes any text in cells (shared and inline strings, formula results),
 * hyperlink targets, document properties and the sheet name, even characters XML cannot hold written as character
 * references (NUL, lone surrogates, controls) and bidi marks, and gives every one back exactly as written; it never
 * throws on a well-formed package.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileLink, hostileText } from '../../../test/fixtures/hostile-text.ts';
import { type FixtureCell, writeXlsxWith } from '../../../test/fixtures/xlsx-writer.ts';
import { readXlsx } from './read-xlsx.ts';

const READER_RUNS = 300;

const kind = fc.constantFrom('s', 'inlineStr', 'str') as fc.Arbitrary<'s' | 'inlineStr' | 'str'>;

describe('readXlsx on any text', () => {
  it('gives back every value, link, property and sheet name as written', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(hostileText(), kind, fc.option(hostileLink, { nil: undefined })), {
          minLength: 1,
          maxLength: 6,
        }),
        hostileText(20),
        hostileText(30),
        fc.boolean(),
        (cells, sheetName, creator, shared) => {
          const texts: Record<string, string> = { QQSHEETQQ: sheetName, QQCREATORQQ: creator };
          const row: FixtureCell[] = cells.map(([v, t, link], i) => {
            texts[`QQV${i}QQ`] = v;
            if (link !== undefined) texts[`QQL${i}QQ`] = link;
            return {
              v: `QQV${i}QQ`,
              t: t === 's' && !shared ? 'inlineStr' : t,
              ...(link !== undefined ? { link: `QQL${i}QQ` } : {}),
            };
          });
          const bytes = writeXlsxWith(
            {
              sheets: [{ name: 'QQSHEETQQ', rows: [{ cells: row }] }],
              props: { creator: 'QQCREATORQQ' },
              sharedStrings: shared,
            },
            texts,
          );
          const wb = readXlsx(bytes, 'hostile.xlsx');
          expect(wb.sheetName).toBe(sheetName);
          expect(wb.props.creator).toBe(creator === '' ? null : creator);
          const got = wb.rows[0]?.cells ?? [];
          expect(got.map((c) => c.value)).toEqual(cells.map(([v]) => v));
          expect(got.map((c) => c.link)).toEqual(cells.map(([, , link]) => link));
        },
      ),
      { numRuns: READER_RUNS },
    );
  });
});
