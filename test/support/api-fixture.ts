/**
 * A small real ledger for the API, feed, download and snapshot tests (and the API benchmark without the data
 * pack): ICE-shaped workbooks over six weeks (additions, a removal, a rename, a pending list signed), an agency
 * whose name holds markup, quotes and an ampersand, and the reference files (county shapes, an FBI LEE table, an
 * ACS B03002 table) so placements and county figures exist. Only tests and benches import this.
 */

import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ingest } from '../../src/ingest/ingest.ts';
import type { Ledger } from '../../src/store/connection.ts';
import { acsFactFinderCsv, acsRows, fbiCsv } from '../fixtures/geography.ts';
import { fillerRows, type IceRow, icePublication, openPgliteLedger } from './ledgers.ts';

export const FIXTURE_NOW = () => new Date('2026-01-01T00:00:00Z');

/** An agency name no page or feed may print unescaped. */
export const EVIL_NAME = `Baldwin "Evil" <script>alert('x')</script> & Sons County Sheriff's Office`;

const GULFPORT: IceRow = {
  state: 'MS',
  agency: 'Gulfport Police Department',
  model: 'TFM',
  signed: '2025-02-10',
  county: 'Harrison',
  type: 'Municipality',
};
const MARION: IceRow = {
  state: 'FL',
  agency: 'Marion County Sheriff Office',
  model: 'WSO',
  signed: '2025-01-20',
  county: 'Marion',
};
const MARION_RENAMED: IceRow = { ...MARION, agency: "Marion County Sheriff's Office and Jail" };
const ST_JOHNS: IceRow = {
  state: 'FL',
  agency: "St. Johns County Sheriff's Office",
  model: 'JEM',
  signed: '2025-01-06',
  county: 'St. Johns',
};
const PASCO_BOCC: IceRow = {
  state: 'FL',
  agency: 'Pasco County BOCC',
  model: 'JEM',
  signed: '2025-02-03',
  county: 'Pasco',
  type: 'County',
};
const EVIL: IceRow = {
  state: 'AL',
  agency: EVIL_NAME,
  model: 'TFM',
  signed: '2025-03-01',
  county: 'Baldwin',
};
const TULSA_PENDING: IceRow = {
  state: 'OK',
  agency: 'Tulsa Police Department',
  model: 'TFM',
  county: 'Tulsa',
};
const TULSA_SIGNED: IceRow = { ...TULSA_PENDING, signed: '2025-03-07' };
const NORMAN_PENDING: IceRow = {
  state: 'OK',
  agency: 'Norman Police Department',
  model: 'WSO',
  county: 'Cleveland',
};
const COBB: IceRow = {
  state: 'GA',
  agency: 'Cobb County Sheriff Office',
  model: 'JEM',
  signed: '2025-03-20',
  county: 'Cobb',
};

const BASE = fillerRows(8);
/** Dropped from the second list on: removed after three lists without it. */
const DROPPED = BASE.slice(0, 7);

const participating = (date: string, rows: IceRow[]) =>
  icePublication({ kind: 'participating', modified: `${date}T15:00:00Z`, rows });

const HAYS: IceRow = ['TX', "Hays County Sheriff's Office", 'JEM', '2025-03-21'];
const COMAL: IceRow = ['TX', "Comal County Sheriff's Office", 'WSO', '2025-03-27'];
const WEEK2 = [...DROPPED, GULFPORT, MARION_RENAMED, ST_JOHNS, PASCO_BOCC, TULSA_SIGNED, EVIL];

export const FIXTURE_FILES: { file: string; bytes: Buffer }[] = [
  {
    file: 'participating-2025-03-03.xlsx',
    bytes: participating('2025-03-03', [...BASE, GULFPORT, MARION, ST_JOHNS, PASCO_BOCC]),
  },
  {
    file: 'pending-2025-03-03.xlsx',
    bytes: icePublication({
      kind: 'pending',
      modified: '2025-03-03T15:05:00Z',
      rows: [TULSA_PENDING, NORMAN_PENDING],
    }),
  },
  { file: 'participating-2025-03-10.xlsx', bytes: participating('2025-03-10', WEEK2) },
  { file: 'participating-2025-03-17.xlsx', bytes: participating('2025-03-17', [...WEEK2, COBB]) },
  { file: 'participating-2025-03-24.xlsx', bytes: participating('2025-03-24', [...WEEK2, COBB, HAYS]) },
  {
    file: 'pending-2025-03-24.xlsx',
    bytes: icePublication({ kind: 'pending', modified: '2025-03-24T15:05:00Z', rows: [NORMAN_PENDING] }),
  },
  {
    file: 'participating-2025-03-31.xlsx',
    bytes: participating('2025-03-31', [...WEEK2, COBB, HAYS, COMAL]),
  },
];

const LEE_CSV = fbiCsv([
  { ori: 'MS0240100', year: 2024, name: 'Gulfport', state: 'MS', county: 'HARRISON', population: 72926 },
  {
    ori: 'FL0420000',
    year: 2024,
    name: 'Marion',
    state: 'FL',
    county: 'MARION',
    type: 'County',
    population: 395000,
  },
  {
    ori: 'FL0550000',
    year: 2024,
    name: 'St. Johns',
    state: 'FL',
    county: 'ST. JOHNS',
    type: 'County',
    population: 290000,
  },
  { ori: 'OK0720100', year: 2024, name: 'Tulsa', state: 'OK', county: 'TULSA', population: 411000 },
  {
    ori: 'GA0330000',
    year: 2024,
    name: 'Cobb',
    state: 'GA',
    county: 'COBB',
    type: 'County',
    population: 770000,
  },
]);

const ACS_ROWS: [string, string, number, number, number, number][] = [
  ['28047', 'Harrison County, Mississippi', 206000, 140000, 45000, 12000],
  ['12083', 'Marion County, Florida', 360000, 250000, 45000, 50000],
  ['12109', 'St. Johns County, Florida', 250000, 210000, 12000, 18000],
  ['12101', 'Pasco County, Florida', 525000, 400000, 30000, 75000],
  ['01003', 'Baldwin County, Alabama', 223000, 185000, 20000, 10000],
  ['40143', 'Tulsa County, Oklahoma', 650000, 420000, 60000, 95000],
  ['13067', 'Cobb County, Georgia', 760000, 380000, 210000, 105000],
  ['48001', 'Anderson County, Texas', 58000, 35000, 12000, 10000],
];
const ACS_CSV = acsFactFinderCsv(acsRows(ACS_ROWS));

export function referenceFiles(): { file: string; bytes: Buffer }[] {
  const require = createRequire(import.meta.url);
  const atlas = require.resolve('us-atlas/counties-10m.json');
  return [
    { file: atlas, bytes: readFileSync(atlas) },
    { file: 'fbi_lee_fixture.csv', bytes: LEE_CSV },
    { file: 'acs_2019_5yr_county_B03002.csv', bytes: ACS_CSV },
  ];
}

/** A fresh PGlite ledger holding the fixture; `dispose` closes it and removes its folder. */
export async function fixtureLedger(): Promise<{ ledger: Ledger; dispose: () => Promise<void> }> {
  const { ledger, home } = await openPgliteLedger();
  await ingest(ledger, referenceFiles(), { now: FIXTURE_NOW });
  await ingest(ledger, FIXTURE_FILES, { now: FIXTURE_NOW });
  return {
    ledger,
    dispose: async () => {
      await ledger.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
