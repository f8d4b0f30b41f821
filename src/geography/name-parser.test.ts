import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCountyTopology } from '../sources/us-atlas/read-counties.ts';
import { CountyIndex } from './counties.ts';
import { countyKey } from './county-name.ts';
import { parseAgencyName } from './name-parser.ts';

const require = createRequire(import.meta.url);
const counties = parseCountyTopology(
  readFileSync(require.resolve('us-atlas/counties-10m.json')),
  'counties-10m.json',
);
const index = new CountyIndex(counties);
/** County names that are plain words (no `city` in them), from the real shapes. */
const plain = counties.filter(
  (c) => !c.city && /^[A-Za-z][A-Za-z .'-]+$/.test(c.name) && !/city/i.test(c.name),
);
const TOWN = /^[A-Z][a-z]{2,10}( [A-Z][a-z]{2,10})?$/;
const town = fc
  .stringMatching(TOWN)
  .filter(
    (s) =>
      !/\b(County|Parish|Police|Sheriff|City|Town|Village|University|College|Regional|Port|Airport|State|Department|Office|Division|Bureau|Jail|Borough|Township|Constable|District|Campus|Schools?|Marshal|Public|Safety|Detention|Correctional|Corrections|Board|Commission|Patrol|Trooper|Guard|Authority|Justice|Solicitor|Of|The|Highway|National|Attorney|Governor|Aviation|Seaport)\b/.test(
        s,
      ),
  );
const caseNoise = (s: string, seed: number) =>
  s
    .split('')
    .map((ch, i) => ((seed >> (i % 16)) & 1 ? ch.toUpperCase() : ch.toLowerCase()))
    .join('');

describe('parseAgencyName', () => {
  it.each([
    ["Calcasieu Parish Sheriff's Office", 'LA', 'county', 'sheriff', 'Calcasieu Parish', null],
    ["Richmond City Sheriff's Office", 'VA', 'county', 'sheriff', 'Richmond City', null],
    ["Jacksonville Sheriff's Office", 'FL', 'county', 'sheriff', 'Jacksonville', null],
    ['City of Monroe Police Department', 'NC', 'municipal', 'police', null, 'Monroe'],
    ['Orange City Police Department', 'FL', 'municipal', 'police', null, 'Orange City'],
    ['Manheim Borough Police Department', 'PA', 'municipal', 'police', null, 'Manheim Borough'],
    ['Harris County Constable Precinct 4', 'TX', 'district', 'police', 'Harris County', null],
    ['Rappahannock, Shenandoah, Warren Regional Jail Authority', 'VA', 'multi-county', 'jail', null, null],
    ['University of Florida Police Department', 'FL', 'campus', 'police', null, null],
    ['Florida Highway Patrol', 'FL', 'state', 'police', null, null],
    ['West Virginia Division of Corrections and Rehabilitation', 'WV', 'state', 'corrections', null, null],
    ['Pasco County Board of County Commissioners', 'FL', 'county', 'government', 'Pasco County', null],
    ['Miami-Dade County Department of Corrections', 'FL', 'county', 'corrections', 'Miami-Dade County', null],
    ['Sanford Airport Police Department', 'FL', 'port', 'police', null, null],
  ])('%s (%s)', (name, state, level, role, county, place) => {
    const p = parseAgencyName(name, state);
    expect([p.level, p.role, p.county, p.place]).toEqual([level, role, county, place]);
  });

  it('reads "<county> County Sheriff\'s Office" as that county\'s sheriff, for every plain county name', () => {
    fc.assert(
      fc.property(fc.constantFrom(...plain), fc.integer({ min: 0, max: 0xffff }), (c, seed) => {
        const word = c.state === 'LA' ? 'Parish' : 'County';
        const p = parseAgencyName(`  ${caseNoise(c.name, seed)}  ${word} Sheriff’s Office `, c.state);
        expect(p.level).toBe('county');
        expect(p.role).toBe('sheriff');
        const found = index.find(c.state, p.county ?? '');
        expect(found.ok && found.county.fips).toBe(c.fips);
      }),
      { numRuns: 300 },
    );
  });

  it('reads "<town> Police Department" and "City of <town> Police Department" as that town', () => {
    fc.assert(
      fc.property(town, fc.boolean(), (t, cityOf) => {
        const p = parseAgencyName(cityOf ? `City of ${t} Police Department` : `${t} Police Department`, 'TX');
        expect(p.level).toBe('municipal');
        expect(p.place).toBe(t);
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on case or spacing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...plain), fc.integer({ min: 0, max: 0xffff }), (c, seed) => {
        const name = `${c.name} County Jail`;
        const a = parseAgencyName(name, c.state);
        const b = parseAgencyName(`  ${caseNoise(name, seed).replace(/ /g, '  ')} `, c.state);
        expect([b.level, b.role, b.county?.toLowerCase()]).toEqual([
          a.level,
          a.role,
          a.county?.toLowerCase(),
        ]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('countyKey and CountyIndex', () => {
  it('tells Virginia independent cities from counties of the same name', () => {
    expect(index.find('VA', 'Richmond City')).toMatchObject({ ok: true, county: { fips: '51760' } });
    expect(index.find('VA', 'Richmond County')).toMatchObject({ ok: true, county: { fips: '51159' } });
    expect(index.find('VA', 'Richmond')).toMatchObject({ ok: false, reason: 'ambiguous' });
    expect(index.find('VA', 'James City County')).toMatchObject({ ok: true, county: { fips: '51095' } });
    expect(index.find('MD', 'Baltimore City')).toMatchObject({ ok: true, county: { fips: '24510' } });
    expect(index.find('MD', 'Baltimore County')).toMatchObject({ ok: true, county: { fips: '24005' } });
    expect(index.find('VA', 'Virginia Beach')).toMatchObject({ ok: true, county: { fips: '51810' } });
  });

  it('ignores case, punctuation, St./Saint, accents and the kind word', () => {
    expect(index.find('FL', 'st johns')).toMatchObject({ ok: true, county: { fips: '12109' } });
    expect(index.find('FL', 'Saint Johns County')).toMatchObject({ ok: true, county: { fips: '12109' } });
    expect(index.find('IL', 'De Kalb County')).toMatchObject({ ok: true, county: { fips: '17037' } });
    expect(index.find('NM', 'Dona Ana County')).toMatchObject({ ok: true, county: { fips: '35013' } });
    expect(index.find('LA', 'Calcasieu Parish')).toMatchObject({ ok: true, county: { fips: '22019' } });
    expect(index.find('AL', 'Baldwin Couny')).toMatchObject({ ok: true, county: { fips: '01003' } });
    expect(index.find('LA', 'Calacasieu Parish')).toMatchObject({ ok: false, reason: 'no-match' });
  });

  it('gives every county of the shapes back from its own name (property: name → key → county)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...counties), (c) => {
        const named = c.city && !/city$/i.test(c.name) ? `${c.name} City` : c.name;
        const m = index.find(c.state, named);
        if (m.ok) expect(m.county.fips).toBe(c.fips);
        else expect(m.reason).toBe('ambiguous');
        expect(countyKey(named.toUpperCase()).key).toBe(countyKey(named).key);
      }),
      { numRuns: 500 },
    );
  });
});
