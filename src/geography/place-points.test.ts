/** Matching agencies' places to the Gazetteer. */
import { describe, expect, it } from 'vitest';
import { type GazetteerPoint, gazetteerIndex, placeKey, placePoints } from './place-points.ts';

const P = (
  state: string,
  geoid: string,
  baseName: string,
  layer: 'place' | 'cousub' = 'place',
): GazetteerPoint => ({
  geoid,
  layer,
  state,
  baseName,
  lat: 1,
  lon: 2,
  countyFips: layer === 'cousub' ? geoid.slice(0, 5) : null,
});

describe('placePoints', () => {
  it('compares names without case, kind words, punctuation and saint/mount/fort spellings', () => {
    expect(placeKey("Jackson's Gap")).toBe(placeKey('Jacksons Gap'));
    expect(placeKey('St. Augustine')).toBe(placeKey('Saint Augustine'));
    expect(placeKey('Mt. Pleasant')).toBe(placeKey('Mount Pleasant'));
    expect(placeKey('City of Gulfport')).toBe(placeKey('Gulfport'));
    expect(placeKey('Damascus Township')).toBe(placeKey('Damascus'));
    expect(placeKey('Cañon City')).toBe(placeKey('Canon'));
  });

  it('finds a place in its state, and a township only in one of the agency counties', () => {
    const index = gazetteerIndex([
      P('AL', '0112040', 'Camp Hill'),
      P('PA', '0112040', 'Camp Hill'),
      P('PA', '4212718224', 'Damascus', 'cousub'),
      P('PA', '4200118224', 'Damascus', 'cousub'),
    ]);
    const got = placePoints(
      [
        { agencyId: 'a', state: 'AL', place: 'Camp Hill', countyFips: ['01123'] },
        { agencyId: 'b', state: 'PA', place: 'Damascus Township', countyFips: ['42127'] },
        { agencyId: 'c', state: 'AL', place: 'Nowhere', countyFips: [] },
        { agencyId: 'd', state: 'AL', place: null, countyFips: ['01123'] },
      ],
      index,
    );
    expect([...got.keys()]).toEqual(['a', 'b']);
    expect(got.get('a')).toEqual([{ geoid: '0112040', layer: 'place', lat: 1, lon: 2 }]);
    expect(got.get('b')?.map((p) => p.geoid)).toEqual(['4212718224']);
  });
});
