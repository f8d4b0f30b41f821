import { describe, expect, it } from 'vitest';
import { fbiCsv } from '../../../test/fixtures/geography.ts';
import { InputError } from '../../domain/errors.ts';
import { leeBaseName, readLeeCsv } from './read-lee.ts';

describe('readLeeCsv', () => {
  it('reads agencies by column name, splits multi-county rows and keeps the latest year per ORI', () => {
    const bytes = fbiCsv([
      { ori: 'AL0010000', name: 'Autauga', state: 'AL', county: 'AUTAUGA', type: 'County', year: 2024 },
      {
        ori: 'AL0010000',
        name: 'Autauga County',
        state: 'AL',
        county: 'AUTAUGA',
        type: 'County',
        year: 2025,
      },
      { ori: 'AL0020100', name: 'Birmingham', state: 'AL', county: 'JEFFERSON, SHELBY', population: 196000 },
      { ori: 'AL0030200', name: 'Campus', state: 'AL', county: 'NOT SPECIFIED', population: null },
    ]);
    const r = readLeeCsv(bytes, 'lee.csv');
    expect(r.rows).toBe(4);
    expect(r.vintage).toBe('2025');
    expect(r.agencies.map((a) => [a.ori, a.name, a.counties, a.population])).toEqual([
      ['AL0010000', 'Autauga County', ['AUTAUGA'], 1000],
      ['AL0020100', 'Birmingham', ['JEFFERSON', 'SHELBY'], 196000],
      ['AL0030200', 'Campus', [], null],
    ]);
    expect(r.problems).toEqual([]);
  });

  it('names the file and the missing columns when a column is renamed', () => {
    const bytes = fbiCsv(
      [{ ori: 'AL0010000', name: 'Autauga', state: 'AL', county: 'AUTAUGA' }],
      'ori,data_year,agency_name,state_abbr,county,agency_type_name,population',
    );
    expect(() => readLeeCsv(bytes, 'renamed.csv')).toThrow(InputError);
    expect(() => readLeeCsv(bytes, 'renamed.csv')).toThrow(
      /renamed\.csv, row 1: not an FBI LEE agency table: column\(s\) pub_agency_name, county_name missing/,
    );
  });

  it('reports a bad row with its row number and field, and keeps the others', () => {
    const bytes = fbiCsv([
      { ori: 'not-an-ori', name: 'X', state: 'AL', county: 'X' },
      { ori: 'AL0010000', name: 'Autauga', state: 'AL', county: 'AUTAUGA' },
    ]);
    const r = readLeeCsv(bytes, 'lee.csv');
    expect(r.agencies).toHaveLength(1);
    expect(r.problems).toEqual([
      { row: 2, field: 'ori', message: 'not an ORI code: "not-an-ori"; row skipped' },
    ]);
  });
});

describe('leeBaseName', () => {
  it('reads a trailing colon or comma as a name cut before its unit', () => {
    expect(leeBaseName('University of South Florida:')).toEqual({
      base: 'University of South Florida',
      truncated: true,
    });
    expect(leeBaseName('Department of Veterans Affairs,')).toEqual({
      base: 'Department of Veterans Affairs',
      truncated: true,
    });
    expect(leeBaseName('Cobb')).toEqual({ base: 'Cobb', truncated: false });
  });
});
