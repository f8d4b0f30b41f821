/**
 * Property test: readWorkbook takes workbooks whose every cell, link, header name, last-saved date and file name may
 * hold any text, and either reads them (every raw cell kept as written) or refuses the file with an InputError
 * naming it: never any other throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileWorkbook } from '../../../test/fixtures/hostile-workbook.ts';
import { InputError } from '../../domain/errors.ts';
import { captureInstant, readWorkbook } from './read-workbook.ts';

const WORKBOOK_RUNS = 300;

describe('readWorkbook on any text', () => {
  it('reads the file or refuses it with an InputError naming it', () => {
    let read = 0;
    let refused = 0;
    fc.assert(
      fc.property(hostileWorkbook, (wb) => {
        let pub: ReturnType<typeof readWorkbook>;
        try {
          pub = readWorkbook(wb.bytes, { file: wb.file });
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          expect((e as InputError).file).toBe(wb.file);
          refused++;
          return;
        }
        read++;
        expect(pub.asOfDate).toMatch(/^\d{4}-\d\d-\d\d$/);
        for (const r of pub.rows) {
          const written = wb.cells[r.row - 2] as (string | null)[];
          const agency = r.cells['LAW ENFORCEMENT AGENCY'];
          if (agency) expect(agency.v).toBe(written[1]);
        }
      }),
      { numRuns: WORKBOOK_RUNS },
    );
    expect(read).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });

  it('reads an html-era capture instant only when it is a real instant', () => {
    expect(captureInstant('ParticipatingEntities-20210331025642.xlsx')).toBe('2021-03-31T02:56:42Z');
    expect(captureInstant('participating-html-2021-03-31.xlsx')).toBe('2021-03-31T12:00:00Z');
    expect(captureInstant('ParticipatingEntities-20219999999999.xlsx')).toBeNull();
    expect(captureInstant('participating-html-2021-02-31.xlsx')).toBeNull();
  });
});
