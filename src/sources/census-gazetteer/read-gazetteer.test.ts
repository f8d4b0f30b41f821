/** The Gazetteer files: places and county subdivisions by column name, zipped or not, kind words removed. */
import { describe, expect, it } from 'vitest';
import { gazetteerFile, PLACE_HEADER, placeLine } from '../../../test/fixtures/geography.ts';
import { baseNameOf, isGazetteerHeader, readGazetteer } from './read-gazetteer.ts';

describe('readGazetteer', () => {
  it('reads places with their internal point and their name without the kind word', () => {
    const file = gazetteerFile(
      [
        ['TX', '4865000', 'San Antonio city', 29.4722, -98.5247],
        ['AL', '0112040', 'Camp Hill town', 32.8, -85.65],
      ],
      { plain: true },
    );
    expect(isGazetteerHeader(PLACE_HEADER)).toBe(true);
    const r = readGazetteer(file, 'places.txt');
    expect(r.layer).toBe('place');
    expect(r.places[0]).toEqual({
      layer: 'place',
      state: 'TX',
      geoid: '4865000',
      name: 'San Antonio city',
      baseName: 'San Antonio',
      lat: 29.4722,
      lon: -98.5247,
      countyFips: null,
    });
    expect(r.places[1]?.baseName).toBe('Camp Hill');
  });

  it('reads a zipped county-subdivision file, whose GEOID gives the county', () => {
    const zip = gazetteerFile([['PA', '4212718224', 'Damascus township', 41.7, -75.1]], { cousub: true });
    const r = readGazetteer(zip, 'cousubs.zip');
    expect(r.layer).toBe('cousub');
    expect(r.places[0]).toMatchObject({ baseName: 'Damascus', countyFips: '42127', state: 'PA' });
  });

  it('names the row and field of a bad value; refuses a file without its columns or mixing layers', () => {
    const text = [
      PLACE_HEADER,
      placeLine('TX', '48650', 'Bad', 1, 1),
      placeLine('TX', '4865000', 'San Antonio city', 29.47, -98.52),
    ].join('\n');
    const r = readGazetteer(Buffer.from(text), 'p.txt');
    expect(r.problems).toEqual([
      { row: 2, field: 'GEOID', message: 'not a place or county subdivision code: "48650"' },
    ]);
    expect(() => readGazetteer(Buffer.from('A\tB\n1\t2'), 'x.txt')).toThrow(/x\.txt, row 1, field USPS/);
    const mixed = [
      PLACE_HEADER,
      placeLine('TX', '4865000', 'A city', 1, 1),
      placeLine('TX', '4812345678', 'B township', 1, 1),
    ].join('\n');
    expect(() => readGazetteer(Buffer.from(mixed), 'm.txt')).toThrow(/row 3, field GEOID/);
  });

  it('strips the Census kind words', () => {
    expect(baseNameOf('Nashville-Davidson metropolitan government (balance)')).toBe('Nashville-Davidson');
    expect(baseNameOf('Juneau city and borough')).toBe('Juneau');
    expect(baseNameOf('Abanda CDP')).toBe('Abanda');
    expect(baseNameOf('Kodiak city')).toBe('Kodiak');
  });
});
