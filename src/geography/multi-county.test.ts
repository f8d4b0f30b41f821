/**
 * Multi-county bodies (issue 14, item 6): recognised by name, placed in every member county from a membership
 * file (a generated fixture here), counted in each member county's figures and in its state's coverage; a body
 * without a membership entry is left unplaced with the reason.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseMembers } from '../reference/multi-county.ts';
import { parseCountyTopology } from '../sources/us-atlas/read-counties.ts';
import { CountyIndex } from './counties.ts';
import { FbiIndex } from './fbi-index.ts';
import { type AgreementSpan, countyFiguresOn, coverageOn } from './figures.ts';
import { parseAgencyName } from './name-parser.ts';
import { type GeographyOverride, type Membership, type PlaceDeps, placeAgency } from './place.ts';
import type { AgencySignals } from './signals.ts';

const require = createRequire(import.meta.url);
const shapes = parseCountyTopology(
  readFileSync(require.resolve('us-atlas/counties-10m.json')),
  'counties-10m.json',
);
const counties = new CountyIndex(shapes);

const FIXTURE = `agency_id,state,name,kind,county_fips,evidence_kind,evidence_url,evidence,reviewed
agy-circuit001,FL,Office of the State Attorney Ninety-Ninth Judicial Circuit,judicial-circuit,12101;12103,statute,https://example.org/statute,"The Ninety-Ninth Judicial Circuit is comprised of Pasco and Pinellas counties.",2026-12-07
`;

function deps(members: Map<string, Membership>): PlaceDeps {
  return {
    counties,
    fbi: new FbiIndex([]),
    corrections: [],
    overrides: new Map<string, GeographyOverride>(),
    members,
  };
}

function membersOf(text: string): Map<string, Membership> {
  return new Map(parseMembers(text, 'fixture.csv').map((e) => [e.agencyId, e]));
}

function body(id: string, state: string, name: string, county: string[] = []): AgencySignals {
  return {
    agencyId: id,
    state,
    name,
    names: [name],
    counties: county.map((value) => ({ value, rows: 1 })),
    types: ['state'],
    typeRaw: ['State Agency'],
  };
}

describe('multi-county bodies', () => {
  it('reads regional jails, judicial circuits and their prosecutors and task forces as multi-county', () => {
    const level = (name: string, state: string) => parseAgencyName(name, state).level;
    expect(level('Office of the State Attorney, 20th Judicial Circuit', 'FL')).toBe('multi-county');
    expect(level('Office of The District Attorney - Eighth District', 'OK')).toBe('multi-county');
    expect(level('16th Judicial Distric Drug Task Force', 'AR')).toBe('multi-county');
    expect(level('Southwest Virginia Regional Jail Authority', 'VA')).toBe('multi-county');
    expect(level('Tri-County Drug Task Force', 'MO')).toBe('multi-county');
    // One county's prosecutor, a constable's precinct and a regional police of towns are not.
    expect(level("Parker County District Attorney's Office", 'TX')).toBe('district');
    expect(level('Bradley County Constable District 1', 'TN')).toBe('district');
    expect(level('Northern York County Regional Police Department', 'PA')).toBe('regional');
  });

  it('places a body in every member county of the membership file, with its evidence', () => {
    const p = placeAgency(
      body('agy-circuit001', 'FL', 'Office of the State Attorney Ninety-Ninth Judicial Circuit', [
        'Pasco County',
      ]),
      deps(membersOf(FIXTURE)),
    );
    expect(p).toMatchObject({
      level: 'multi-county',
      countyFips: ['12101', '12103'],
      method: 'override',
      rule: 'multi-county-members.csv',
      reason: null,
    });
    expect(p.inputs.membership).toMatchObject({
      kind: 'judicial-circuit',
      url: 'https://example.org/statute',
    });
  });

  it('counts the body in each member county and in its state coverage', () => {
    const p = placeAgency(
      body('agy-circuit001', 'FL', 'Office of the State Attorney Ninety-Ninth Judicial Circuit'),
      deps(membersOf(FIXTURE)),
    );
    const tfm: AgreementSpan = {
      agencyId: 'agy-circuit001',
      model: 'TFM',
      intervals: [{ list: 'participating', from: '2025-06-01', to: null, open: true }],
    };
    const pop = new Map(
      ['12101', '12103'].map((f) => [
        f,
        { total: 100, hispanic: 10, blackNonHispanic: 1, whiteNonHispanic: 1 },
      ]),
    );
    const figures = countyFiguresOn('2026-01-01', shapes, [p], [tfm], pop);
    const withIt = figures.filter((f) => f.agencies.includes('agy-circuit001'));
    expect(withIt.map((f) => [f.fips, f.agreements.TFM])).toEqual([
      ['12101', 1],
      ['12103', 1],
    ]);
    const cov = coverageOn('2026-01-01', figures, [tfm], new Map([['agy-circuit001', 'FL']]), []);
    const fl = cov.states.find((s) => s.state === 'FL');
    expect(fl?.anyAgreementCounties).toEqual({ counties: 2, residents: 200, hispanic: 20 });
    expect(fl?.agreements.total).toBe(1);
  });

  it('leaves a body without a membership entry unplaced, naming the file, not at its COUNTY value', () => {
    const p = placeAgency(
      body('agy-district01', 'OK', 'Office of The District Attorney - Eighth District', ['Kay County']),
      deps(new Map()),
    );
    expect(p).toMatchObject({ level: 'multi-county', countyFips: [], method: 'unplaced' });
    expect(p.reason).toMatch(/multi-county-members\.csv.*COUNTY column names only Kay County/);
  });

  it('places a regional jail in the counties its name lists, without an entry', () => {
    const p = placeAgency(
      body('agy-rsw0000001', 'VA', 'Rappahannock, Shenandoah, Warren Regional Jail Authority'),
      deps(new Map()),
    );
    expect(p).toMatchObject({
      level: 'multi-county',
      countyFips: ['51157', '51171', '51187'],
      rule: 'name-counties',
    });
  });
});
