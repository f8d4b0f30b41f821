import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { FbiAgency } from '../sources/fbi-lee/read-lee.ts';
import { parseCountyTopology } from '../sources/us-atlas/read-counties.ts';
import { CountyIndex } from './counties.ts';
import { FbiIndex } from './fbi-index.ts';
import { linkOris } from './ori.ts';
import { type GeographyOverride, type PlaceDeps, placeAgency } from './place.ts';
import type { AgencySignals } from './signals.ts';

const require = createRequire(import.meta.url);
const counties = new CountyIndex(
  parseCountyTopology(readFileSync(require.resolve('us-atlas/counties-10m.json')), 'counties-10m.json'),
);

function fbi(ori: string, name: string, state: string, county: string, type = 'City'): FbiAgency {
  return { ori, year: 2025, name, state, counties: county ? county.split(', ') : [], type, population: 1 };
}

const FBI = new FbiIndex([
  fbi('FL0160000', "Jacksonville Sheriff's Office", 'FL', 'DUVAL', 'County'),
  fbi('FL0520400', 'Gulfport', 'FL', 'PINELLAS'),
  fbi('TX0000001', 'Springfield', 'TX', 'BELL'),
  fbi('TX0000002', 'Springfield', 'TX', 'ERATH'),
  fbi('LA0100000', 'Calcasieu', 'LA', 'CALCASIEU', 'County'),
  fbi('VA1220100', "Richmond City Sheriff's Office", 'VA', 'RICHMOND CITY'),
  fbi('WI0310000', 'Kewaunee', 'WI', 'KEWAUNEE', 'County'),
]);

function deps(over: Partial<PlaceDeps> = {}): PlaceDeps {
  return {
    counties,
    fbi: FBI,
    corrections: [{ state: 'LA', wrong: 'Calacasieu Parish', correct: 'Calcasieu Parish' }],
    overrides: new Map<string, GeographyOverride>(),
    ...over,
  };
}

function agency(
  id: string,
  state: string,
  name: string,
  county: string[] = [],
  type: ('county' | 'municipality' | 'state')[] = [],
): AgencySignals {
  return {
    agencyId: id,
    state,
    name,
    names: [name],
    counties: county.map((value) => ({ value, rows: 1 })),
    types: type,
    typeRaw: type,
  };
}

describe('placeAgency', () => {
  it('places a parish sheriff by its name, the COUNTY typo fixed by the reviewed correction', () => {
    const p = placeAgency(
      agency('agy-a', 'LA', "Calcasieu Parish Sheriff's Office", ['Calacasieu Parish'], ['county']),
      deps(),
    );
    expect(p).toMatchObject({
      level: 'county',
      countyFips: ['22019'],
      method: 'rule',
      rule: 'name+county-column',
      confidence: 1,
    });
    expect(p.inputs.countyCorrections).toEqual(['Calacasieu Parish → Calcasieu Parish']);
  });

  it('places a Virginia independent-city sheriff in the city, not the county of the same name', () => {
    const p = placeAgency(agency('agy-b', 'VA', "Richmond City Sheriff's Office"), deps());
    expect(p).toMatchObject({ level: 'county', countyFips: ['51760'], rule: 'name-county' });
  });

  it('places a sheriff whose name names no county through the FBI table (Jacksonville: Duval)', () => {
    const p = placeAgency(agency('agy-c', 'FL', "Jacksonville Sheriff's Office"), deps());
    expect(p).toMatchObject({ level: 'county', countyFips: ['12031'], rule: 'fbi-county', confidence: 0.8 });
  });

  it('places a city police department by the COUNTY column, else by the FBI city', () => {
    expect(
      placeAgency(
        agency('agy-d', 'FL', 'Gulfport Police Department', ['Pinellas County'], ['municipality']),
        deps(),
      ),
    ).toMatchObject({ level: 'municipal', place: 'Gulfport', countyFips: ['12103'], rule: 'county-column' });
    expect(placeAgency(agency('agy-e', 'FL', 'Gulfport PD', [], ['municipality']), deps())).toMatchObject({
      countyFips: ['12103'],
      rule: 'fbi-city',
    });
  });

  it('leaves two cities of one name in a state unplaced, with the reason, instead of guessing', () => {
    const p = placeAgency(
      agency('agy-f', 'TX', 'Springfield Police Department', [], ['municipality']),
      deps(),
    );
    expect(p.method).toBe('unplaced');
    expect(p.countyFips).toEqual([]);
    expect(p.reason).toMatch(/2 FBI cities named "Springfield" in TX/);
  });

  it('places a state agency in its state only', () => {
    expect(placeAgency(agency('agy-g', 'FL', 'Florida Highway Patrol', [], ['state']), deps())).toMatchObject(
      {
        level: 'state',
        countyFips: [],
        method: 'rule',
        rule: 'state-agency',
        confidence: 1,
      },
    );
  });

  it('places a constable in the county its name names, and a regional jail in the counties it lists', () => {
    expect(placeAgency(agency('agy-h', 'TX', 'Harris County Constable Precinct 4'), deps())).toMatchObject({
      level: 'district',
      countyFips: ['48201'],
    });
    expect(
      placeAgency(agency('agy-i', 'VA', 'Rappahannock, Shenandoah, Warren Regional Jail Authority'), deps()),
    ).toMatchObject({
      level: 'multi-county',
      countyFips: ['51157', '51171', '51187'],
      rule: 'name-counties',
    });
    expect(
      placeAgency(agency('agy-j', 'VA', 'Southwest Virginia Regional Jail Authority'), deps()),
    ).toMatchObject({
      level: 'multi-county',
      method: 'unplaced',
      reason: expect.stringMatching(/reviewed entry in multi-county-members\.csv/),
    });
  });

  it('explains a county named under the wrong state, and suggests (never applies) a near spelling', () => {
    const wrongState = placeAgency(
      agency('agy-k', 'FL', "Kershaw County Sheriff's Office", ['Kershaw County']),
      deps(),
    );
    expect(wrongState.method).toBe('unplaced');
    expect(wrongState.reason).toMatch(/a county of SC 45055: is the state wrong/);
    const typo = placeAgency(
      agency('agy-l', 'KY', 'Williamsburg Police Department', ['Whitely County'], ['municipality']),
      deps(),
    );
    expect(typo.method).toBe('unplaced');
    expect(typo.reason).toMatch(/did you mean Whitley, 21235\?/);
  });

  it('a reviewed override wins, with its evidence in the inputs', () => {
    const overrides = new Map<string, GeographyOverride>([
      [
        'agy-m',
        { agencyId: 'agy-m', level: 'campus', countyFips: ['12001'], place: null, evidence: 'main campus' },
      ],
    ]);
    expect(
      placeAgency(agency('agy-m', 'FL', 'University of Florida Police Department'), deps({ overrides })),
    ).toMatchObject({
      level: 'campus',
      countyFips: ['12001'],
      method: 'override',
      confidence: 1,
      inputs: { evidence: 'main campus' },
    });
  });
});

describe('linkOris', () => {
  it('links one clear match, and flags an ORI that two agencies would share instead of giving it to either', () => {
    const d = deps();
    const drafts = [
      placeAgency(agency('agy-1', 'LA', "Calcasieu Parish Sheriff's Office"), d),
      placeAgency(agency('agy-2', 'WI', "Kewaunee County Sheriff's Office"), d),
      placeAgency(agency('agy-3', 'WI', "Kewaunee County Sheriff's Department"), d),
      placeAgency(
        agency('agy-4', 'TX', 'Springfield Police Department', ['Bell County'], ['municipality']),
        d,
      ),
    ];
    const linked = linkOris(drafts, FBI, counties);
    expect(linked.map((p) => [p.agencyId, p.ori, p.oriStatus, p.oriCandidates])).toEqual([
      ['agy-1', 'LA0100000', 'matched', []],
      ['agy-2', null, 'ambiguous', ['WI0310000']],
      ['agy-3', null, 'ambiguous', ['WI0310000']],
      ['agy-4', 'TX0000001', 'matched', []],
    ]);
    expect(linked[1]?.inputs.oriNote).toBe('ORI WI0310000 would be shared by agy-2, agy-3');
  });
});
