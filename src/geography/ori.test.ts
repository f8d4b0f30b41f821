/**
 * The FBI table's conventions as crosswalk rules (src/sources/fbi-lee/NOTES.md), each on a generated table:
 * state codes that are not USPS codes, the sheriff and the county police of one county, campus agencies.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { fbiCsv } from '../../test/fixtures/geography.ts';
import { readLeeCsv } from '../sources/fbi-lee/read-lee.ts';
import { parseCountyTopology } from '../sources/us-atlas/read-counties.ts';
import { CountyIndex } from './counties.ts';
import { FbiIndex } from './fbi-index.ts';
import { linkOris } from './ori.ts';
import { type GeographyOverride, placeAgency } from './place.ts';
import type { AgencySignals } from './signals.ts';

const require = createRequire(import.meta.url);
const counties = new CountyIndex(
  parseCountyTopology(readFileSync(require.resolve('us-atlas/counties-10m.json')), 'counties-10m.json'),
);

type Row = Parameters<typeof fbiCsv>[0][number];

/** The FBI table as the reader gives it (so the conventions are those of real bytes). */
function table(rows: Row[]): FbiIndex {
  return new FbiIndex(readLeeCsv(fbiCsv(rows), 'lee.csv').agencies);
}

function agency(state: string, name: string, county: string, type: 'county' | 'municipality' = 'county') {
  const s: AgencySignals = {
    agencyId: `agy-${name.length.toString().padStart(10, '0')}`,
    state,
    name,
    names: [name],
    counties: county ? [{ value: county, rows: 1 }] : [],
    types: [type],
    typeRaw: [type],
  };
  return s;
}

/** Places and links one or more agencies against `fbi`. */
function link(fbi: FbiIndex, ...agencies: AgencySignals[]) {
  const deps = { counties, fbi, corrections: [], overrides: new Map<string, GeographyOverride>() };
  return linkOris(
    agencies.map((a, i) => placeAgency({ ...a, agencyId: `agy-${String(i).padStart(10, '0')}` }, deps)),
    fbi,
    counties,
  );
}

describe('convention 1-2: state codes that are not USPS codes', () => {
  const rows: Row[] = [
    { ori: 'NB0040000', name: 'Banner', state: 'NB', county: 'BANNER', type: 'County' },
    { ori: 'GM0010000', name: 'Guam Police Department', state: 'GM', county: 'NOT SPECIFIED', type: 'Other' },
    { ori: 'DC001015Y', name: 'DC Inspector General Office', state: 'FS', county: '', type: 'Federal' },
    { ori: 'US0000000', name: 'Somewhere Federal', state: 'FS', county: '', type: 'Federal' },
  ];

  it('reads NB as Nebraska, GM as Guam and a federal row under its ORI state, counting each rule', () => {
    const r = readLeeCsv(fbiCsv(rows), 'lee.csv');
    expect(r.agencies.map((a) => [a.ori, a.state])).toEqual([
      ['DC001015Y', 'DC'],
      ['GM0010000', 'GU'],
      ['NB0040000', 'NE'],
      ['US0000000', 'FS'],
    ]);
    expect(r.conventions).toEqual({
      'state NB → NE': 1,
      'state GM → GU': 1,
      'state FS (federal) → ORI prefix': 1,
    });
    expect(r.problems).toEqual([
      {
        row: 5,
        field: 'state_abbr',
        message: '"FS" is not a state code and the ORI names no state; row kept under that code',
      },
    ]);
  });

  it('links a Nebraska sheriff to its NB row, also from a table stored before the rule (state NB)', () => {
    const stored = readLeeCsv(fbiCsv(rows), 'lee.csv').agencies.map((a) =>
      a.ori.startsWith('NB') ? { ...a, state: 'NB' } : a,
    );
    for (const fbi of [table(rows), new FbiIndex(stored)]) {
      const [p] = link(fbi, agency('NE', "Banner County Sheriff's Office", 'Banner County'));
      expect(p).toMatchObject({ countyFips: ['31007'], ori: 'NB0040000', oriStatus: 'matched' });
    }
  });
});

describe('convention 5: the sheriff and the county police of one county', () => {
  const fbi = table([
    { ori: 'GA0330000', name: 'Cobb', state: 'GA', county: 'COBB', type: 'County' },
    { ori: 'GA0330200', name: 'Cobb County Police Department', state: 'GA', county: 'COBB', type: 'County' },
    { ori: 'NY0290000', name: 'Nassau', state: 'NY', county: 'NASSAU', type: 'County' },
    {
      ori: 'NY229UN00',
      name: 'State University of New York Police:',
      state: 'NY',
      county: 'NASSAU',
      type: 'University or College',
    },
    { ori: 'IN0300000', name: 'Hancock', state: 'IN', county: 'HANCOCK', type: 'County' },
  ]);

  it('gives the sheriff the bare county row and the county police its own row', () => {
    const [sheriff, police] = link(
      fbi,
      agency('GA', "Cobb County Sheriff's Office", 'Cobb County'),
      agency('GA', 'Cobb County Police Department', 'Cobb County'),
    );
    expect(sheriff).toMatchObject({ ori: 'GA0330000', oriStatus: 'matched' });
    expect(police).toMatchObject({ ori: 'GA0330200', oriStatus: 'matched' });
  });

  it('flags a county police whose county has only the bare row, and never takes a campus row', () => {
    const [police, sheriff] = link(
      fbi,
      agency('NY', 'Nassau County Police Department', 'Nassau County'),
      agency('NY', "Nassau County Sheriff's Office", 'Nassau County'),
    );
    expect(police).toMatchObject({ ori: null, oriStatus: 'ambiguous', oriCandidates: ['NY0290000'] });
    expect(police?.inputs.oriNote).toMatch(
      /no county police row .* may be the sheriff's or the county police's/,
    );
    expect(sheriff).toMatchObject({ ori: 'NY0290000', oriStatus: 'matched' });
  });

  it('does not read a town police ICE typed County as a county police', () => {
    const [p] = link(fbi, agency('IN', 'Shirley Police Department', 'Hancock County'));
    expect(p).toMatchObject({ level: 'county', ori: null, oriStatus: 'none', oriCandidates: [] });
  });
});

describe('conventions 3-4: campus agencies', () => {
  const fbi = table([
    {
      ori: 'FL0010600',
      name: 'University of Florida',
      state: 'FL',
      county: 'ALACHUA',
      type: 'University or College',
    },
    {
      ori: 'FL0370700',
      name: 'Florida A&M University',
      state: 'FL',
      county: 'LEON',
      type: 'University or College',
    },
    {
      ori: 'FL0290700',
      name: 'University of South Florida:',
      state: 'FL',
      county: 'HILLSBOROUGH',
      type: 'University or College',
    },
    {
      ori: 'FL0522900',
      name: 'University of South Florida:',
      state: 'FL',
      county: 'PINELLAS',
      type: 'University or College',
    },
    {
      ori: 'FL0372200',
      name: 'Tallahassee Community College',
      state: 'FL',
      county: 'LEON',
      type: 'University or College',
    },
    { ori: 'FL0010000', name: 'Alachua', state: 'FL', county: 'ALACHUA', type: 'County' },
  ]);

  it('matches a campus police on its institution, its police words and trustees dropped', () => {
    const [uf, famu] = link(
      fbi,
      agency('FL', 'University of Florida Police Department', 'Alachua County'),
      agency('FL', 'Florida A&M University Board of Trustees', 'Leon County'),
    );
    expect(uf).toMatchObject({ level: 'campus', ori: 'FL0010600', oriStatus: 'matched' });
    expect(famu).toMatchObject({ level: 'campus', ori: 'FL0370700', oriStatus: 'matched' });
  });

  it('takes a cut multi-campus name only in the agency county, and flags it elsewhere', () => {
    const [tampa, polk] = link(
      fbi,
      agency('FL', 'University of South Florida Police Department', 'Hillsborough County'),
      agency('FL', 'University of South Florida Police Department', 'Polk County'),
    );
    expect(tampa).toMatchObject({ ori: 'FL0290700', oriStatus: 'matched' });
    expect(polk).toMatchObject({
      ori: null,
      oriStatus: 'ambiguous',
      oriCandidates: ['FL0290700', 'FL0522900'],
    });
  });

  it('does not guess a renamed institution', () => {
    const [p] = link(fbi, agency('FL', 'Tallahassee State College Police Department', 'Leon County'));
    expect(p).toMatchObject({ level: 'campus', ori: null, oriStatus: 'none' });
  });
});
