/**
 * Property tests: every normalizer takes any text (NUL, lone surrogates, controls, bidi marks, malformed
 * %-escapes...) and gives a value or records a problem; none ever throws. Raw values are kept as given.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileLink, hostileText } from '../../test/fixtures/hostile-text.ts';
import { cleanText, isMissing } from '../domain/text.ts';
import type { RawCell, RawRow } from '../domain/types.ts';
import { foldRows, summarize } from '../history/fold-rows.ts';
import { agencyKey, displayName } from './agency-name.ts';
import { normalizeJurisdictionType } from './jurisdiction-type.ts';
import { cleanLink } from './link.ts';
import { normalizePublication, normalizeRow } from './listing.ts';
import { normalizeModel } from './model.ts';
import { normalizeSigned } from './signed-date.ts';
import { normalizeState } from './state.ts';

const NORMALIZER_RUNS = 1000;
const RUNS = { numRuns: NORMALIZER_RUNS };

const COLUMNS = [
  'STATE',
  'LAW ENFORCEMENT AGENCY',
  'TYPE',
  'COUNTY',
  'SUPPORT TYPE',
  'SIGNED',
  'MOA',
  'ADDENDUM',
];
const cellType = fc.constantFrom('s', 'n', 'e', 'str', 'b', 'inlineStr', 'd', '', 'zz');
const cell: fc.Arbitrary<RawCell> = fc
  .record({ v: hostileText(), t: cellType, link: fc.option(hostileLink, { nil: undefined }) })
  .map(({ v, t, link }) => (link === undefined ? { v, t } : { v, t, link }));
/** A row: any subset of the columns, each with any cell. */
const row: fc.Arbitrary<RawRow> = fc
  .tuple(
    fc.array(fc.option(cell, { nil: undefined }), { minLength: COLUMNS.length, maxLength: COLUMNS.length }),
    fc.nat(100_000),
  )
  .map(([cells, n]) => {
    const byName: Record<string, RawCell> = {};
    cells.forEach((c, i) => {
      if (c) byName[COLUMNS[i] as string] = c;
    });
    return { row: n + 2, hidden: false, cells: byName, sig: JSON.stringify(byName) };
  });
/** A publication date the readers can give (years 1001–9998; see sources/ice-workbook/read-workbook.ts). */
const asOfDate = fc
  .integer({ min: Date.UTC(1001, 0, 1) / 86_400_000, max: Date.UTC(9998, 11, 31) / 86_400_000 })
  .map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));

describe('normalizers on any text', () => {
  it('text helpers, state, model, type and names give a value for anything', () => {
    fc.assert(
      fc.property(hostileText(80), fc.option(hostileText(4), { nil: null }), (s, state) => {
        expect(typeof cleanText(s)).toBe('string');
        expect(cleanText(cleanText(s))).toBe(cleanText(s));
        expect(typeof isMissing(s)).toBe('boolean');
        expect(['name', 'code', 'correction', 'missing', 'unknown']).toContain(normalizeState(s).rule);
        normalizeModel(s);
        normalizeJurisdictionType(s);
        expect(typeof displayName(s)).toBe('string');
        expect(typeof agencyKey(s, state)).toBe('string');
      }),
      RUNS,
    );
  });

  it('links give a URL or a recorded fix, never a throw (malformed %-escapes included)', () => {
    fc.assert(
      fc.property(hostileLink, (link) => {
        const r = cleanLink(link);
        if (r.url === null) expect(link.trim() === '' || r.fixes.includes('not-a-web-link')).toBe(true);
        else expect(r.url).toMatch(/^https?:\/\//i);
      }),
      RUNS,
    );
    expect(cleanLink('chrome-extension://abc/https%3a%2F%2Fwww.ice.gov%2F%E0%A4%A.pdf')).toEqual({
      url: null,
      fixes: ['malformed-escape', 'unwrapped-browser-extension', 'not-a-web-link'],
    });
  });

  it('signed dates give a reading with its rule for any cell on any publication date', () => {
    fc.assert(
      fc.property(cell, asOfDate, (c, date) => {
        const s = normalizeSigned(c, date);
        expect(s.rule).toBeTypeOf('string');
        if (s.corrected !== null) expect(s.corrected).toMatch(/^\d{4}-\d\d-\d\d$/);
      }),
      RUNS,
    );
  });

  it('rows give a listing, raw cells kept as given, problems recorded with file, row and column', () => {
    fc.assert(
      fc.property(
        row,
        asOfDate,
        fc.constantFrom('participating', 'pending') as fc.Arbitrary<'participating' | 'pending'>,
        (r, date, kind) => {
          const pub = { file: 'hostile.xlsx', asOfDate: date, kind, rows: [r] };
          const l = normalizeRow(r, pub);
          expect(l.raw).toBe(r.cells);
          for (const p of l.problems) {
            expect(p.file).toBe('hostile.xlsx');
            expect(p.row).toBe(r.row);
            expect(COLUMNS).toContain(p.column);
          }
          // A row without a readable agency name records it.
          if (l.agencyName === null) expect(l.problems.map((p) => p.code)).toContain('missing-agency');
          expect(normalizePublication(pub)).toHaveLength(1);
          expect(foldRows(pub, summarize([]))).toHaveLength(1);
        },
      ),
      RUNS,
    );
  });
});
