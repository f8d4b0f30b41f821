/** The ZCTA to county relationship file: parts by column name, county-only rows skipped, land shares, problems. */
import { describe, expect, it } from 'vitest';
import { ZCTA_HEADER, zctaFile, zctaLine } from '../../../test/fixtures/geography.ts';
import { InputError } from '../../domain/errors.ts';
import { isZctaCountyHeader, readZctaCounty } from './read-zcta-county.ts';

describe('readZctaCounty', () => {
  it('reads each part with its share of the ZCTA, skipping county-only rows and duplicates', () => {
    const file = Buffer.concat([
      zctaFile([
        ['78205', '48029', 'Bexar County', 3_000_000],
        ['78006', '48029', 'Bexar County', 100],
        ['78006', '48259', 'Kendall County', 300],
        ['78006', '48259', 'Kendall County', 300],
      ]),
      Buffer.from('||||||||9|48301|Loving County|1000|0|G4020|H1|A|1000|0\r\n'),
    ]);
    expect(isZctaCountyHeader(ZCTA_HEADER)).toBe(true);
    const r = readZctaCounty(file, 'rel.txt');
    expect(r.problems).toEqual([]);
    expect(r.parts).toEqual([
      { zcta: '78006', fips: '48259', countyName: 'Kendall County', landShare: 0.75 },
      { zcta: '78006', fips: '48029', countyName: 'Bexar County', landShare: 0.25 },
      { zcta: '78205', fips: '48029', countyName: 'Bexar County', landShare: 1 },
    ]);
  });

  it('names the row and field of a bad value, and refuses a file without its columns', () => {
    const text = [
      ZCTA_HEADER,
      zctaLine('7820', '48029', 'Bexar County', 5),
      zctaLine('78205', '4802', 'X', 5),
      zctaLine('78209', '48029', 'Bexar County', 5),
    ].join('\n');
    const r = readZctaCounty(Buffer.from(text), 'rel.txt');
    expect(r.problems).toEqual([
      { row: 2, field: 'GEOID_ZCTA5_20', message: 'not a 5-digit ZCTA: "7820"' },
      { row: 3, field: 'GEOID_COUNTY_20', message: 'not a 5-digit county code: "4802"' },
    ]);
    expect(r.parts).toHaveLength(1);
    expect(() => readZctaCounty(Buffer.from('a|b\n1|2'), 'x.txt')).toThrow(InputError);
    expect(() => readZctaCounty(Buffer.from('a|b\n1|2'), 'x.txt')).toThrow(
      /x\.txt, row 1, field GEOID_ZCTA5_20/,
    );
  });
});
