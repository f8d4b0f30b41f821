/**
 * Geography end to end, through the CLI, on generated files: ICE-like workbooks, an FBI LEE table and an ACS
 * table. Ingest recognises reference files by their columns; placements, county figures and coverage come out
 * of `places`, `counties` and `coverage`; a reference file with renamed columns is refused and changes nothing.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger } from '../../src/store/connection.ts';
import { acsFactFinderCsv, fbiCsv } from '../fixtures/geography.ts';
import { cliFor } from '../support/cli.ts';
import { dumpLedger, icePublication, tempDir } from '../support/ledgers.ts';

const dir = tempDir('reassess-geo-');
const home = join(dir, 'ledger');

const cli = cliFor(home);

function file(name: string, bytes: Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

const participating = icePublication({
  kind: 'participating',
  modified: '2025-06-02T15:00:00Z',
  rows: [
    {
      state: 'LA',
      agency: "Calcasieu Parish Sheriff's Office",
      model: 'JEM',
      signed: '2025-02-01',
      county: 'Calacasieu Parish',
      type: 'County',
    },
    {
      state: 'LA',
      agency: 'Lake Charles Police Department',
      model: 'TFM',
      signed: '2025-03-01',
      county: 'Calcasieu Parish',
      type: 'Municipality',
    },
    {
      state: 'VA',
      agency: "Richmond City Sheriff's Office",
      model: 'JEM',
      signed: '2025-03-05',
      county: '#N/A',
      type: 'County',
    },
    {
      state: 'FL',
      agency: 'Florida Highway Patrol',
      model: 'TFM',
      signed: '2025-02-20',
      county: '#N/A',
      type: 'State Agency',
    },
    {
      state: 'TX',
      agency: 'Harris County Constable Precinct 4',
      model: 'WSO',
      signed: '2025-04-01',
      county: 'Harris County',
      type: 'County',
    },
    {
      state: 'TX',
      agency: 'Springfield Police Department',
      model: 'TFM',
      signed: '2025-04-02',
      county: '#N/A',
      type: 'Municipality',
    },
    {
      state: 'FL',
      agency: 'Gulfport Police Department',
      model: 'TFM',
      signed: '2025-01-15',
      county: '#N/A',
      type: 'Municipality',
    },
  ],
});
const fbi = fbiCsv([
  { ori: 'LA0100000', name: 'Calcasieu', state: 'LA', county: 'CALCASIEU', type: 'County' },
  { ori: 'LA0100100', name: 'Lake Charles', state: 'LA', county: 'CALCASIEU' },
  { ori: 'VA1220100', name: "Richmond City Sheriff's Office", state: 'VA', county: 'RICHMOND CITY' },
  { ori: 'FL0520400', name: 'Gulfport', state: 'FL', county: 'PINELLAS' },
  { ori: 'TX0000001', name: 'Springfield', state: 'TX', county: 'BELL' },
  { ori: 'TX0000002', name: 'Springfield', state: 'TX', county: 'ERATH' },
  { ori: 'FLFHP0000', name: 'Florida Highway Patrol', state: 'FL', county: '', type: 'State Police' },
]);
const acs = acsFactFinderCsv([
  {
    fips: '22019',
    name: 'Calcasieu Parish, Louisiana',
    total: 200000,
    hispanic: 9000,
    white: 140000,
    black: 48000,
  },
  {
    fips: '51760',
    name: 'Richmond city, Virginia',
    total: 220000,
    hispanic: 14000,
    white: 90000,
    black: 104000,
  },
  {
    fips: '48201',
    name: 'Harris County, Texas',
    total: 4600000,
    hispanic: 1960000,
    white: 1400000,
    black: 880000,
  },
  {
    fips: '12103',
    name: 'Pinellas County, Florida',
    total: 950000,
    hispanic: 85000,
    white: 710000,
    black: 95000,
  },
]);

let ingestOut = '';
beforeAll(async () => {
  const r = await cli(
    'ingest',
    file('participating-2025-06-02.xlsx', participating),
    file('fbi_lee_latest.csv', fbi),
    file('acs_2017_5yr_county_B03002.csv', acs),
  );
  expect(r.code, r.err).toBe(0);
  ingestOut = r.out;
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reference files through reassess ingest', () => {
  it('recognises each reference file by its columns and reports its vintage', () => {
    expect(ingestOut).toMatch(/run 1: 3 input\(s\): 3 new, 0 unchanged, 0 rejected/);
    expect(ingestOut).toMatch(/fbi_lee_latest\.csv: reference fbi-lee, vintage 2025, 7 rows/);
    expect(ingestOut).toMatch(/acs_2017_5yr_county_B03002\.csv: reference acs-b03002, vintage 2017, 4 rows/);
    expect(ingestOut).toMatch(
      /loaded {4}county shapes, 2017 boundaries \(us-atlas 3\.0\.1\) \(3231 counties\)/,
    );
    expect(ingestOut).toMatch(/places: 6 of 7 agencies placed/);
  });

  it('places every agency with its rule, inputs and confidence (places --json)', async () => {
    const r = await cli('places', '--json');
    expect(r.code, r.err).toBe(0);
    const places = JSON.parse(r.out) as Record<string, unknown>[];
    const by = (n: string) => places.find((p) => p.name === n);
    expect(by("Calcasieu Parish Sheriff's Office")).toMatchObject({
      level: 'county',
      role: 'sheriff',
      countyFips: ['22019'],
      rule: 'name+county-column',
      ori: 'LA0100000',
      inputs: { countyCorrections: ['Calacasieu Parish → Calcasieu Parish'] },
    });
    expect(by('Lake Charles Police Department')).toMatchObject({
      level: 'municipal',
      place: 'Lake Charles',
      countyFips: ['22019'],
      ori: 'LA0100100',
    });
    expect(by("Richmond City Sheriff's Office")).toMatchObject({
      level: 'county',
      countyFips: ['51760'],
      ori: 'VA1220100',
    });
    expect(by('Florida Highway Patrol')).toMatchObject({
      level: 'state',
      countyFips: [],
      method: 'rule',
      ori: 'FLFHP0000',
    });
    expect(by('Harris County Constable Precinct 4')).toMatchObject({
      level: 'district',
      countyFips: ['48201'],
    });
    expect(by('Gulfport Police Department')).toMatchObject({
      countyFips: ['12103'],
      rule: 'fbi-city',
      confidence: 0.8,
    });
    for (const p of places)
      expect(Object.keys(p)).toEqual(expect.arrayContaining(['rule', 'inputs', 'confidence', 'method']));
  });

  it('lists what it could not place, with the reason (places --unplaced)', async () => {
    const r = await cli('places', '--unplaced');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Springfield Police Department .*2 FBI cities named "Springfield" in TX/);
    expect(r.out).toMatch(/6 of 7 agencies placed; 1 unplaced/);
  });

  it('gives per-county figures on a date (counties --json --on)', async () => {
    const r = await cli('counties', '--json', '--on', '2025-06-02');
    expect(r.code, r.err).toBe(0);
    const c = JSON.parse(r.out) as { date: string; counties: Record<string, unknown>[] };
    expect(c.date).toBe('2025-06-02');
    expect(c.counties).toHaveLength(3231);
    expect(c.counties.find((x) => x.fips === '22019')).toMatchObject({
      agreements: { JEM: 1, WSO: 0, TFM: 1 },
      sheriff: { holds: true, models: ['JEM'] },
      population: { total: 200000, hispanic: 9000, blackNonHispanic: 48000, whiteNonHispanic: 140000 },
    });
    // A constable is not the sheriff: Harris County has an agreement but no sheriff agreement.
    expect(c.counties.find((x) => x.fips === '48201')).toMatchObject({
      agreements: { WSO: 1 },
      sheriff: { holds: false },
    });
  });

  it('gives national and per-state coverage on a date, with sources and vintages (coverage --json)', async () => {
    const r = await cli('coverage', '--json', '--on', '2025-06-02');
    expect(r.code, r.err).toBe(0);
    const c = JSON.parse(r.out);
    expect(c.national.sheriffCounties).toEqual({ counties: 2, residents: 420000, hispanic: 23000 });
    expect(c.national.anyAgreementCounties).toEqual({ counties: 4, residents: 5970000, hispanic: 2068000 });
    expect(c.national.agreements).toEqual({ JEM: 2, WSO: 1, TFM: 4, total: 7 });
    expect(c.sources.map((s: { kind: string; vintage: string }) => `${s.kind} ${s.vintage}`)).toEqual([
      'ice-287g 2025-06-02',
      'us-atlas-counties 2017 boundaries (us-atlas 3.0.1)',
      'fbi-lee 2025',
      'acs-b03002 2017',
    ]);
    const before = await cli('coverage', '--json', '--on', '2025-01-01');
    expect(JSON.parse(before.out).national.agreements.total).toBe(0);
    expect((await cli('coverage', '--on', 'soon')).code).toBe(2);
  });

  it('refuses a reference file with renamed columns, naming file, row and columns, and changes nothing', async () => {
    const l = await openLedger({ home });
    const before = await dumpLedger(l);
    await l.close();
    const bad = fbiCsv(
      [{ ori: 'LA0100000', name: 'X', state: 'LA', county: 'X' }],
      'ori,data_year,agency,state_abbr,county,agency_type_name,population',
    );
    const r = await cli('ingest', file('renamed.csv', bad));
    expect(r.code).toBe(3);
    expect(r.out).toMatch(
      /rejected {2}.*renamed\.csv: .*renamed\.csv, row 1: not an FBI LEE agency table: column\(s\) pub_agency_name, county_name missing/,
    );
    const other = await cli('ingest', file('other.csv', Buffer.from('a,b,c\n1,2,3\n')));
    expect(other.code).toBe(3);
    expect(other.out).toMatch(/neither an ICE workbook nor a reference file/);
    const after = await openLedger({ home });
    const dump = await dumpLedger(after);
    await after.close();
    for (const t of [
      'reference_files',
      'ref_fbi_agencies',
      'ref_county_population',
      'placements',
      'raw_files',
    ])
      expect(dump[t], t).toEqual(before[t]);
  });

  it('re-ingesting the same reference file is a no-op that says so', async () => {
    const r = await cli('ingest', join(dir, 'fbi_lee_latest.csv'));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/1 input\(s\): 0 new, 1 unchanged, 0 rejected/);
  });
});
