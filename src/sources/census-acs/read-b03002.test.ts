import { describe, expect, it } from 'vitest';
import { acsApiJson, acsFactFinderCsv } from '../../../test/fixtures/geography.ts';
import { readB03002 } from './read-b03002.ts';

const rows = [
  {
    fips: '01001',
    name: 'Autauga County, Alabama',
    total: 55036,
    hispanic: 1467,
    white: 41509,
    black: 10419,
  },
  {
    fips: '22019',
    name: 'Calcasieu Parish, Louisiana',
    total: 200000,
    hispanic: 9000,
    white: 140000,
    black: 48000,
  },
];
const expected = [
  { fips: '01001', total: 55036, hispanic: 1467, whiteNonHispanic: 41509, blackNonHispanic: 10419 },
  { fips: '22019', total: 200000, hispanic: 9000, whiteNonHispanic: 140000, blackNonHispanic: 48000 },
];

describe('readB03002', () => {
  it('reads the Census API JSON shape', () => {
    const r = readB03002(acsApiJson(rows), 'api.json');
    expect(r.counties.map(({ name: _n, ...c }) => c)).toEqual(expected);
    expect(r.counties[0]?.name).toBe('Autauga County, Alabama');
  });

  it('reads the FactFinder CSV shape to the same figures', () => {
    const r = readB03002(acsFactFinderCsv(rows), 'acs_2017_5yr.csv');
    expect(r.counties.map(({ name: _n, ...c }) => c)).toEqual(expected);
  });

  it('names the missing columns of a table that is not B03002', () => {
    const bad = Buffer.from(
      'Id,Id2,Geography,Estimate; Total:\n0500000US01001,01001,"Autauga County, Alabama",5\n',
    );
    expect(() => readB03002(bad, 'b01001.csv')).toThrow(
      /b01001\.csv, row 1: not an ACS B03002 county table: column\(s\) .*Hispanic or Latino:.* missing/,
    );
  });

  it('skips a county whose count is not a number, naming row and field', () => {
    const bytes = acsApiJson([
      { ...rows[0], total: Number.NaN } as (typeof rows)[number],
      rows[1] as (typeof rows)[number],
    ]);
    const r = readB03002(bytes, 'api.json');
    expect(r.counties.map((c) => c.fips)).toEqual(['22019']);
    expect(r.problems).toEqual([
      { row: 2, field: 'B03002_001E', message: 'not a count: "NaN"; county skipped' },
    ]);
  });
});
