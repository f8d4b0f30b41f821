/** What the home map calls the county or agency under the pointer or selected. */
import { describe, expect, it } from 'vitest';
import type { TimelineJson } from '../../../read/timeline.ts';
import { selectionName } from './names.ts';

const TL: TimelineJson = {
  v: 1,
  dates: ['2024-01-01'],
  agencies: [['agy-a', 'Austin Police Department', 'TX', 'city', []]],
  agreements: [],
  pop: {},
  counties: { '48029': ['Bexar', 'TX'] },
};
const COUNTY_NAME = new Map([
  ['48029', 'Bexar'],
  ['13067', 'Cobb'],
]);

describe('selectionName', () => {
  it('names a county with its state when an agency is placed in it, else by its name or FIPS', () => {
    expect(selectionName(TL, COUNTY_NAME, { kind: 'county', fips: '48029' })).toBe('Bexar, TX');
    expect(selectionName(TL, COUNTY_NAME, { kind: 'county', fips: '13067' })).toBe('Cobb');
    expect(selectionName(TL, COUNTY_NAME, { kind: 'county', fips: '99999' })).toBe('99999');
  });

  it('names an agency with its state, and nothing for an unknown index', () => {
    expect(selectionName(TL, COUNTY_NAME, { kind: 'agency', index: 0 })).toBe('Austin Police Department, TX');
    expect(selectionName(TL, COUNTY_NAME, { kind: 'agency', index: 5 })).toBe('');
  });
});
