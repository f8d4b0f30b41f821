/**
 * The ledger the web tests use: ICE-shaped workbooks over six weeks (agencies added, one removed after three
 * missed lists, a pending agreement signed), an agency whose name holds markup, a quote and an ampersand, and the
 * reference files (county shapes are added by ingest itself; a small FBI LEE table and ACS B03002 table, a ZIP to
 * county relationship file and Gazetteer places) so placements, county figures, coverage, ZIP search and agency
 * points exist.
 */
import { rmSync } from 'node:fs';
import { ingest } from '../../src/ingest/ingest.ts';
import type { Ledger } from '../../src/store/connection.ts';
import { acsFactFinderCsv, acsRows, fbiCsv, gazetteerFile, zctaFile } from '../fixtures/geography.ts';
import { type IceRow, icePublication, openPgliteLedger } from '../support/ledgers.ts';

export const NOW = () => new Date('2026-01-01T00:00:00Z');

/** An agency name no page may print unescaped. */
export const EVIL = "O'Brien <script>alert(1)</script> & Co";
export const EVIL_AGENCY = `${EVIL} Police Department`;

const HARRIS: IceRow = {
  state: 'TX',
  agency: "Harris County Sheriff's Office",
  model: 'JEM',
  signed: '2025-01-15',
  county: 'Harris',
};
const TRAVIS: IceRow = {
  state: 'TX',
  agency: "Travis County Sheriff's Office",
  model: 'WSO',
  signed: '2025-02-01',
  county: 'Travis',
};
const GULFPORT: IceRow = {
  state: 'MS',
  agency: 'Gulfport Police Department',
  model: 'TFM',
  signed: '2025-02-10',
  county: 'Harrison',
  type: 'Municipality',
};
const FHP: IceRow = {
  state: 'FL',
  agency: 'Florida Highway Patrol',
  model: 'TFM',
  signed: '2025-02-20',
  type: 'State',
  county: '',
};
const OBRIEN: IceRow = {
  state: 'TX',
  agency: EVIL_AGENCY,
  model: 'TFM',
  signed: '2025-03-05',
  county: 'Travis',
  type: 'Municipality',
};
const MARION: IceRow = {
  state: 'FL',
  agency: "Marion County Sheriff's Office",
  model: 'WSO',
  signed: '2025-03-06',
  county: 'Marion',
};
const COBB: IceRow = {
  state: 'GA',
  agency: 'Cobb County Sheriff Office',
  model: 'JEM',
  signed: '2025-03-12',
  county: 'Cobb',
};
const TULSA_PENDING: IceRow = {
  state: 'OK',
  agency: 'Tulsa Police Department',
  model: 'TFM',
  county: 'Tulsa',
  type: 'Municipality',
};
const TULSA: IceRow = { ...TULSA_PENDING, signed: '2025-03-20' };

const participating = (date: string, rows: IceRow[]) => ({
  file: `participating-${date}.xlsx`,
  bytes: icePublication({ kind: 'participating', modified: `${date}T15:00:00Z`, rows }),
});
const pending = (date: string, rows: IceRow[]) => ({
  file: `pending-${date}.xlsx`,
  bytes: icePublication({ kind: 'pending', modified: `${date}T15:05:00Z`, rows }),
});

const HAYS: IceRow = {
  state: 'TX',
  agency: "Hays County Sheriff's Office",
  model: 'JEM',
  signed: '2025-03-27',
  county: 'Hays',
};
const PASCO: IceRow = {
  state: 'FL',
  agency: "Pasco County Sheriff's Office",
  model: 'TFM',
  signed: '2025-04-02',
  county: 'Pasco',
};
const DENTON: IceRow = {
  state: 'TX',
  agency: "Denton County Sheriff's Office",
  model: 'WSO',
  signed: '2025-04-09',
  county: 'Denton',
};
const NORMAN_PENDING: IceRow = {
  state: 'OK',
  agency: 'Norman Police Department',
  model: 'WSO',
  county: 'Cleveland',
  type: 'Municipality',
};

const LATER = [HARRIS, GULFPORT, FHP, OBRIEN, MARION, COBB, TULSA];

export const WORKBOOKS = [
  participating('2025-03-03', [HARRIS, TRAVIS, GULFPORT, FHP]),
  pending('2025-03-03', [TULSA_PENDING]),
  participating('2025-03-10', [HARRIS, TRAVIS, GULFPORT, FHP, OBRIEN, MARION]),
  participating('2025-03-17', [HARRIS, TRAVIS, GULFPORT, FHP, OBRIEN, MARION, COBB]),
  // Travis County leaves the list: removed once three lists in a row miss it.
  participating('2025-03-24', LATER),
  pending('2025-03-24', [NORMAN_PENDING]),
  participating('2025-03-31', [...LATER, HAYS]),
  participating('2025-04-07', [...LATER, HAYS, PASCO]),
  participating('2025-04-14', [...LATER, HAYS, PASCO, DENTON]),
];

const LEE_CSV = fbiCsv([
  { ori: 'MS0240100', year: 2024, name: 'Gulfport', state: 'MS', county: 'HARRISON', population: 72926 },
  { ori: 'OK0720100', year: 2024, name: 'Tulsa', state: 'OK', county: 'TULSA', population: 411000 },
  {
    ori: 'TX1010000',
    year: 2024,
    name: 'Harris',
    state: 'TX',
    county: 'HARRIS',
    type: 'County',
    population: 4700000,
  },
]);

const ACS_ROWS: [string, string, number, number, number, number][] = [
  ['48201', 'Harris County, Texas', 4700000, 1300000, 880000, 2000000],
  ['48453', 'Travis County, Texas', 1270000, 620000, 100000, 430000],
  ['28047', 'Harrison County, Mississippi', 206000, 140000, 45000, 12000],
  ['12083', 'Marion County, Florida', 360000, 250000, 45000, 50000],
  ['13067', 'Cobb County, Georgia', 760000, 380000, 210000, 105000],
  ['40143', 'Tulsa County, Oklahoma', 650000, 420000, 60000, 95000],
  ['48209', 'Hays County, Texas', 240000, 120000, 9000, 95000],
  ['12101', 'Pasco County, Florida', 525000, 400000, 30000, 75000],
  ['48121', 'Denton County, Texas', 890000, 530000, 90000, 180000],
  ['48301', 'Loving County, Texas', 100, 80, 0, 20],
];
const ACS_CSV = acsFactFinderCsv(acsRows(ACS_ROWS));

/** ZIP codes: one in a county with an agreement, one spanning two counties (Travis and Hays), one in Multnomah. */
export const ZIPS: [string, string, string, number][] = [
  ['77002', '48201', 'Harris County', 5_000_000],
  ['78737', '48209', 'Hays County', 60_000_000],
  ['78737', '48453', 'Travis County', 20_000_000],
  ['97201', '41051', 'Multnomah County', 4_000_000],
];
const ZCTA_FILE = zctaFile(ZIPS);

/** Gazetteer points of the cities whose police departments are listed. */
const PLACES_FILE = gazetteerFile([
  ['MS', '2829700', 'Gulfport city', 30.4273, -89.0702],
  ['OK', '4075000', 'Tulsa city', 36.1283, -95.9042],
  ['OK', '4052500', 'Norman city', 35.2401, -97.3456],
]);

export const REFERENCES = [
  { file: 'fbi_lee_fixture.csv', bytes: LEE_CSV },
  { file: 'acs_2019_5yr_county_B03002.csv', bytes: ACS_CSV },
  { file: 'tab20_zcta520_county20_natl.txt', bytes: ZCTA_FILE },
  { file: '2020_Gazetteer_place_national.zip', bytes: PLACES_FILE },
];

/** A fresh embedded ledger holding the fixture; `dispose` closes it and removes its folder. */
export async function webLedger(): Promise<{ ledger: Ledger; home: string; dispose: () => Promise<void> }> {
  const { ledger, home } = await openPgliteLedger();
  await ingest(ledger, REFERENCES, { now: NOW });
  await ingest(ledger, WORKBOOKS, { now: NOW });
  return {
    ledger,
    home,
    dispose: async () => {
      await ledger.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
