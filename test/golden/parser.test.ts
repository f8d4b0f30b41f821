/**
 * Golden tests for the workbook reader: one generated workbook per schema era (P1–P3, Q1–Q3, H0) and per quirk of
 * the real pack (MANIFEST.md, "Quirks"), each read with readWorkbook and compared, as a stable projection, with the
 * JSON file of the same name in this folder. See test/support/golden.ts for the update workflow.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ParsedPublication } from '../../src/domain/types.ts';
import { normalizePublication } from '../../src/normalize/listing.ts';
import { readWorkbook, rowSignature } from '../../src/sources/ice-workbook/read-workbook.ts';
import {
  type FixtureCell,
  type FixtureProps,
  type FixtureRow,
  type FixtureSheet,
  STYLE,
  writeXlsx,
} from '../fixtures/xlsx-writer.ts';
import { checkGolden, GoldenMismatch } from '../support/golden.ts';

const GOLDEN_DIR = import.meta.dirname;

const P1 = ['STATE', 'LAW ENFORCEMENT AGENCY', 'TYPE', 'SUPPORT TYPE', 'SIGNED', 'MOA'];
const P2 = ['STATE', 'LAW ENFORCEMENT AGENCY', 'TYPE', 'COUNTY', 'SUPPORT TYPE', 'SIGNED', 'MOA'];
const P3 = [...P2, 'ADDENDUM'];
const Q1 = ['STATE', 'LAW ENFORCEMENT AGENCY', 'TYPE', 'SUPPORT TYPE'];
const Q2 = ['STATE', 'LAW ENFORCEMENT AGENCY', 'TYPE', 'COUNTY', 'SUPPORT TYPE'];
const Q3 = [...Q2, 'MOA'];
const H0 = ['STATE', 'LAW ENFORCEMENT AGENCY', 'SUPPORT TYPE', 'SIGNED', 'MOA'];

const ICE = 'https://www.ice.gov/doclib/287gMOA';
const NBSP = '\u00a0';
const NA: FixtureCell = { v: '#N/A', t: 'e' };

/** A SIGNED cell as ICE writes it: a date serial with the m/d/yyyy style. */
function signed(iso: string): FixtureCell {
  return { v: (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000, s: STYLE.date };
}

function link(target: string, text = 'link'): FixtureCell {
  return { v: text, link: target, s: STYLE.link };
}

function headerRow(cols: string[]): FixtureRow {
  return { cells: cols.map((c) => ({ v: c, s: STYLE.header })) };
}

const ICE_PROPS: FixtureProps = {
  creator: 'Spina, Michael',
  lastModifiedBy: 'Carpenter, Michael',
  created: '2025-02-05T16:53:09Z',
  application: 'Microsoft Excel',
};

interface Fixture {
  /** Golden file name (and test name). */
  name: string;
  /** File name handed to the reader (ICE's download name). */
  file: string;
  sheets: FixtureSheet[];
  props?: FixtureProps;
  sharedStrings?: boolean;
  /** Checks beyond the golden, for the point of the fixture. */
  check?: (p: ParsedPublication) => void;
}

function sheet(
  header: string[],
  rows: (FixtureRow | FixtureRow['cells'])[],
  extra: Partial<FixtureSheet> = {},
): FixtureSheet {
  return {
    name: 'Sheet1',
    rows: [headerRow(header), ...rows.map((r) => (Array.isArray(r) ? { cells: r } : r))],
    ...extra,
  };
}

const FIXTURES: Fixture[] = [
  // ------------------------------------------------------------------------------------------------- eras
  {
    name: 'era-p1',
    file: 'participatingAgencies03062025am.xlsx',
    props: { ...ICE_PROPS, modified: '2025-03-06T17:49:37Z' },
    sheets: [
      sheet(P1, [
        [
          'ALABAMA',
          'Etowah County Sheriff\u2019s Office',
          'County',
          'Jail Enforcement Model',
          signed('2016-06-08'),
          link(`${ICE}/287gJEM_%20etowahCoAL_06-09-2020.pdf`),
        ],
        [
          'FLORIDA',
          'Gulfport PD',
          'Municipality',
          'Task Force Model',
          signed('2025-02-20'),
          link(`${ICE}/GulfportPD_TFM.pdf`),
        ],
        ['FLORIDA', 'Pasco County BOCC', 'County', 'Warrant Service Officer', signed('2025-02-25'), 'link'],
        [
          'MONTANA',
          'MT Dept of Justice',
          'State Agency',
          'Task Force Model',
          signed('2025-03-01'),
          link(`${ICE}/MTDOJ_TFM.pdf`),
        ],
      ]),
    ],
    check: (p) => {
      expect(p).toMatchObject({
        kind: 'participating',
        era: 'P1',
        asOfDate: '2025-03-06',
        labelDate: '2025-03-06',
      });
      expect(p.rows[2]?.cells.MOA).toEqual({ v: 'link', t: 's' }); // a P1 `link` cell with no hyperlink
    },
  },
  {
    name: 'era-p2',
    file: 'participatingAgencies03172025pm.xlsx',
    props: { ...ICE_PROPS, modified: '2025-03-17T23:10:40Z' },
    sheets: [
      sheet(P2, [
        [
          'FLORIDA',
          'Gulfport Police Department',
          'Municipality',
          'Pinellas County',
          'Task Force Model',
          signed('2025-02-20'),
          link(`${ICE}/GulfportPD_TFM.pdf`),
        ],
        [
          'FLORIDA',
          "St. Johns County Sheriff's Office",
          'County',
          'St. Johns County',
          'Warrant Service Officer',
          signed('2025-02-26'),
          link(`${ICE}/StJohnsCoSO_WSO.pdf`),
        ],
        [
          'MINNESOTA',
          "Cass County Sheriff's Office",
          'County',
          'Cass County',
          'Task Force Model',
          signed('2025-02-27'),
          link(`${ICE}/CassCoMN_TFM.pdf`),
        ],
        [
          'MONTANA',
          'Montana Department of Justice',
          'State Agency',
          NA,
          'Task Force Model',
          signed('2025-03-01'),
          link(`${ICE}/MTDOJ_TFM.pdf`),
        ],
      ]),
    ],
    // 2025-03-17 23:10 UTC is still the 17th in New York.
    check: (p) => expect(p).toMatchObject({ era: 'P2', asOfDate: '2025-03-17' }),
  },
  {
    name: 'era-p3',
    file: 'participatingAgencies07012025pm.xlsx',
    props: { ...ICE_PROPS, modified: '2025-07-02T01:30:00Z', application: 'Microsoft Excel Online' },
    sheets: [
      sheet(
        P3,
        [
          [
            'ALABAMA',
            "Cherokee County Sheriff's Office",
            'County',
            'Cherokee County',
            'Warrant Service Officer',
            signed('2025-06-25'),
            link(`${ICE}/CherokeeCoSheriffsOfficeAL_WSO_MOA_06252025.pdf`),
            '',
          ],
          [
            'TEXAS ',
            'Kansas  Bureau Of Investigation',
            'State ',
            NA,
            'Jail Enforcment Model',
            signed('2025-05-01'),
            link(`${ICE}/KBI_JEM.pdf`),
            link(`${ICE}/KBI_JEM_Addendum.pdf`),
          ],
          [
            'GUAM',
            'Guam Police Department',
            'Muncipality ',
            { v: '\nSchuylkill County' },
            'Warrant Services Officer',
            signed('2025-06-30'),
            link(`${ICE}/GuamPD.pdf`),
            'Link Pending',
          ],
        ],
        { extraFormattedColumns: 5, trailingFormattedRows: 3 },
      ),
    ],
    // Saved 21:30 on the 1st in New York (01:30 UTC on the 2nd): the as-of date is New York's.
    check: (p) => expect(p).toMatchObject({ era: 'P3', asOfDate: '2025-07-01', labelDate: '2025-07-01' }),
  },
  {
    name: 'era-q1',
    file: 'pendingAgencies.xlsx',
    props: { ...ICE_PROPS, modified: '2025-02-20T15:00:00Z' },
    sheets: [
      sheet(Q1, [
        ['ALABAMA', "Autauga County Sheriff's Office ", 'County ', 'Jail Enforcement Model '],
        ['UTAHJ', "Utah County Sheriff's Office", 'County', 'Task Force Officer'],
      ]),
    ],
    check: (p) => expect(p).toMatchObject({ kind: 'pending', era: 'Q1', labelDate: null }),
  },
  {
    name: 'era-q2',
    file: 'pendingAgencies07222025am.xlsx',
    props: { ...ICE_PROPS, modified: '2025-07-22T13:05:00Z' },
    sheets: [
      sheet(
        Q2,
        [
          [
            'ALABAMA',
            "Autauga County Sheriff's Office ",
            'County ',
            'Autauga County',
            'Jail Enforcement Model ',
          ],
          [
            'WEST VIRIGINIA',
            "Ohio County Sheriff's Office",
            'County',
            'Ohio County',
            'Warrant Service Office',
          ],
          ['TEXAS', 'Example Police Department', 'Municipal', NA, ''],
        ],
        { name: 'Sheet 1' },
      ),
    ],
    check: (p) => expect(p).toMatchObject({ kind: 'pending', era: 'Q2', sheetName: 'Sheet 1' }),
  },
  {
    name: 'era-q3',
    file: 'pendingAgencies01092025pm.xlsx',
    props: { ...ICE_PROPS, modified: '2026-01-09T20:00:00Z' },
    sheets: [
      sheet(
        Q3,
        [
          [
            'PENNSLYVANIA',
            "Schuylkill County Sheriff's Office",
            'County',
            '\nSchuylkill County',
            'Task Force Model',
            link(`${ICE}/SchuylkillCoPA_TFM.pdf`, 'link pending'),
          ],
          [
            'MCHIGAN',
            "Ottawa County Sheriff's Office",
            'County',
            'Ottawa County',
            'Jail Enforcement Model',
            'link pending',
          ],
        ],
        { name: 'Sheet 1' },
      ),
    ],
    // The label says 2025 but ICE saved it in January 2026: the as-of date comes from the workbook.
    check: (p) =>
      expect(p).toMatchObject({
        kind: 'pending',
        era: 'Q3',
        asOfDate: '2026-01-09',
        labelDate: '2025-01-09',
      }),
  },
  {
    name: 'era-h0',
    file: 'participating-html-2021-03-31.xlsx',
    props: {
      creator: 'openpyxl',
      lastModifiedBy: null,
      created: '2025-04-17T10:36:30Z',
      modified: '2025-04-17T10:36:30Z',
    },
    sharedStrings: false,
    sheets: [
      sheet(
        H0,
        [
          [
            'ALABAMA',
            "Etowah County Sheriff's Office",
            'Jail Enforcement Model',
            '2016-06-08',
            'https://web.archive.org/web/20210331025642/https://www.ice.gov/doclib/287gMOA/287gJEM_EtowahCoAl2016-06-18.pdf',
          ],
          [
            'FLORIDA',
            'Florida Department of Corrections',
            'Warrant Service Officer',
            '2019-01-23',
            'https://web.archive.org/web/20210331025642/https://www.ice.gov/doclib/287gMOA/287gWSO_FLDOC.pdf',
          ],
        ],
        { name: '287(g) Agreements' },
      ),
    ],
    check: (p) => {
      expect(p).toMatchObject({
        source: 'html-era-table',
        era: 'H0',
        kind: 'participating',
        asOfDate: '2021-03-31',
      });
      expect(p.rows[0]?.cells.SIGNED).toEqual({ v: '2016-06-08', t: 'inlineStr' });
    },
  },
  // ----------------------------------------------------------------------------------------------- quirks
  {
    name: 'quirk-hidden-rows-filter',
    file: 'participatingAgencies07082025pm.xlsx',
    props: { ...ICE_PROPS, modified: '2025-07-08T20:00:00Z' },
    sheets: [
      sheet(
        P3,
        [
          {
            hidden: true,
            cells: [
              'ALABAMA',
              "Cherokee County Sheriff's Office",
              'County',
              'Cherokee County',
              'Warrant Service Officer',
              signed('2025-06-25'),
              link(`${ICE}/a.pdf`),
              '',
            ],
          },
          [
            'FLORIDA',
            'Gulfport Police Department',
            'Municipality',
            'Pinellas County',
            'Task Force Model',
            signed('2025-02-20'),
            link(`${ICE}/b.pdf`),
            '',
          ],
          {
            hidden: true,
            cells: [
              'TEXAS',
              "Harris County Sheriff's Office",
              'County',
              'Harris County',
              'Jail Enforcement Model',
              signed('2025-04-01'),
              link(`${ICE}/c.pdf`),
              '',
            ],
          },
          [
            'TEXAS',
            'Lubbock Police Department',
            'Municipality',
            'Lubbock County',
            'Task Force Model',
            signed('2025-05-01'),
            link(`${ICE}/d.pdf`),
            '',
          ],
        ],
        { filterMode: true },
      ),
    ],
    check: (p) => {
      expect(p.rows.map((r) => r.hidden)).toEqual([true, false, true, false]);
      expect(p.problems.find((x) => x.code === 'hidden-rows')?.message).toContain('active filter');
    },
  },
  {
    name: 'quirk-hidden-rows-by-hand',
    file: 'pendingAgencies10172025pm.xlsx',
    props: { ...ICE_PROPS, modified: '2025-10-17T20:00:00Z' },
    sheets: [
      sheet(
        Q2,
        [
          ['OHIO', "Butler County Sheriff's Office", 'County', 'Butler County', 'Jail Enforcement Model'],
          {
            hidden: true,
            cells: [
              'PENNSYLVANIA',
              "Bucks County Sheriff's Office",
              'County',
              'Bucks County',
              'Warrant Service Officer',
            ],
          },
        ],
        { name: 'Sheet 1' },
      ),
    ],
    check: (p) => expect(p.problems.find((x) => x.code === 'hidden-rows')?.message).not.toContain('filter'),
  },
  {
    name: 'quirk-na-error-cells',
    file: 'participatingAgencies05012025am.xlsx',
    props: { ...ICE_PROPS, modified: '2025-05-01T14:00:00Z' },
    sheets: [
      sheet(P2, [
        [
          'ARIZONA',
          'Arizona Department of Public Safety',
          'State Agency',
          NA,
          'Task Force Model',
          signed('2025-04-01'),
          link(`${ICE}/AZDPS.pdf`),
        ],
        [
          'ARIZONA',
          "Pinal County Sheriff's Office",
          '#NA',
          NA,
          'Jail Enforcement Model',
          { v: '#N/A', t: 'e' },
          link(`${ICE}/Pinal.pdf`),
        ],
        // A row of error cells only is no data.
        [NA, NA, NA, NA, NA, NA, NA],
      ]),
    ],
    check: (p) => {
      expect(p.rows).toHaveLength(2);
      expect(p.rows[0]?.cells.COUNTY).toEqual({ v: '#N/A', t: 'e' });
    },
  },
  {
    name: 'quirk-blank-row-inside',
    file: 'participatingAgencies09242025am.xlsx',
    props: { ...ICE_PROPS, modified: '2025-09-24T14:00:00Z' },
    sheets: [
      sheet(P3, [
        [
          'ALABAMA',
          "Cherokee County Sheriff's Office",
          'County',
          'Cherokee County',
          'Warrant Service Officer',
          signed('2025-06-25'),
          link(`${ICE}/a.pdf`),
          '',
        ],
        ['', '', '', '', '', null, '', ''],
        [NBSP, ' ', null, null, null, null, NBSP, null],
        [
          'ALASKA',
          'Alaska Department of Public Safety',
          'State Agency',
          NA,
          'Task Force Model',
          signed('2025-07-01'),
          link(`${ICE}/b.pdf`),
          '',
        ],
      ]),
    ],
    check: (p) => expect(p.rows.map((r) => r.row)).toEqual([2, 5]),
  },
  {
    name: 'quirk-trailing-formatted-rows',
    file: 'pendingAgencies02272026pm.xlsx',
    props: { ...ICE_PROPS, modified: '2026-02-27T20:00:00Z' },
    sheets: [
      sheet(
        Q3,
        [
          [
            'TEXAS',
            'Example Police Department',
            'Municipality',
            'Example County',
            'Warrant Service Officer',
            'link pending',
          ],
          [
            'TEXAS',
            'Other Police Department',
            'Municipality',
            'Other County',
            'Warrant Service Officer',
            'link pending',
          ],
        ],
        { name: 'Sheet 1', trailingFormattedRows: 70, extraFormattedColumns: 5 },
      ),
    ],
    check: (p) => {
      expect(p.rows).toHaveLength(2);
      expect(p.problems.map((x) => x.code)).not.toContain('value-outside-header');
    },
  },
  {
    name: 'quirk-extra-sheet2',
    file: 'participatingAgencies03022026am.xlsx',
    props: { ...ICE_PROPS, modified: '2026-03-02T14:00:00Z' },
    sheets: [
      sheet(P3, [
        [
          'ALABAMA',
          "Cherokee County Sheriff's Office",
          'County',
          'Cherokee County',
          'Warrant Service Officer',
          signed('2025-06-25'),
          link(`${ICE}/a.pdf`),
          '',
        ],
      ]),
      {
        name: 'Sheet2',
        rows: [
          { cells: ['Jail Enforcement Model', 'Warrant Service Officer', 'Task Force Model'] },
          { cells: ['ALABAMA', 'ALABAMA', 'FLORIDA'] },
          { cells: ['TEXAS', 'FLORIDA', 'TEXAS'] },
        ],
      },
    ],
    check: (p) => {
      expect(p.sheetNames).toEqual(['Sheet1', 'Sheet2']);
      expect(p.rows).toHaveLength(1);
    },
  },
  {
    name: 'quirk-wrapped-links',
    file: 'participatingAgencies03102026am.xlsx',
    props: { ...ICE_PROPS, modified: '2026-03-10T14:00:00Z' },
    sheets: [
      sheet(P3, [
        [
          'FLORIDA',
          "Volusia County Sheriff's Office",
          'County',
          'Volusia County',
          'Task Force Model',
          signed('2025-06-12'),
          link(
            `https://gcc02.safelinks.protection.outlook.com/?url=${encodeURIComponent(`${ICE}/VolusiaCoSO_TFM_MOA.pdf`)}&data=05%7C02%7C%7Cabc%7C0&sdata=xyz%3D&reserved=0`,
          ),
          link(`chrome-extension://efaidnbmnnnibpcajpcglclefindmkaj/${ICE}/VolusiaCoSO_Addendum.pdf`),
        ],
        [
          'FLORIDA',
          "Walton County Sheriff's Office",
          'County',
          'Walton County',
          'Jail Enforcement Model',
          signed('2025-08-01'),
          link('https:/www.ice.gov/doclib/287gMOA/WaltonCoSO_JEM.pdf'),
          link(`${ICE}/Walton Addendum 2026.pdf`),
        ],
        [
          'TEXAS',
          'Example Police Department',
          'Municipality',
          'Example County',
          'Warrant Service Officer',
          signed('2025-08-02'),
          link('http://www.ice.gov/doclib/about/example.pdf', 'Cons'),
          NBSP,
        ],
      ]),
    ],
    check: (p) => {
      // The reader keeps link targets exactly as published; cleaning happens in normalization.
      expect(p.rows[0]?.cells.MOA?.link).toMatch(/^https:\/\/gcc02\.safelinks/);
      expect(p.rows[1]?.cells.ADDENDUM?.link).toBe(`${ICE}/Walton Addendum 2026.pdf`);
    },
  },
  {
    name: 'quirk-link-addendum-nbsp',
    file: 'participatingAgencies03072025am.xlsx',
    props: { ...ICE_PROPS, modified: '2025-03-07T15:00:00Z' },
    sheets: [
      sheet(P1, [
        [
          'FLORIDA',
          'Gulfport PD',
          'Municipality',
          'Task Force Model',
          signed('2025-02-20'),
          link(`${ICE}/GulfportPD_TFM.pdf`, `link${NBSP}|${NBSP}addendum`),
        ],
        [
          'FLORIDA',
          "St Johns County Sheriff's Office",
          'County',
          'Warrant Service Officer',
          signed('2025-02-26'),
          NBSP,
        ],
      ]),
    ],
    check: (p) => expect(p.rows[0]?.cells.MOA?.v).toBe(`link${NBSP}|${NBSP}addendum`),
  },
  {
    name: 'quirk-text-dates',
    file: 'participatingAgencies07082025am.xlsx',
    props: { ...ICE_PROPS, modified: '2025-07-08T13:00:00Z' },
    sheets: [
      sheet(P3, [
        [
          'IOWA',
          "Grundy County Sheriff's Office",
          'County',
          'Grundy County',
          'Task Force Model',
          signed('5025-07-07'),
          link(`${ICE}/Grundy.pdf`),
          '',
        ],
        [
          'FLORIDA',
          "Lake County Sheriff's Office",
          'County',
          'Lake County',
          'Task Force Model',
          '05/082025',
          link(`${ICE}/Lake.pdf`),
          '',
        ],
        [
          'FLORIDA',
          "Marion County Sheriff's Office",
          'County',
          'Marion County',
          'Task Force Model',
          '7/72025',
          link(`${ICE}/Marion.pdf`),
          '',
        ],
        [
          'FLORIDA',
          "Polk County Sheriff's Office",
          'County',
          'Polk County',
          'Task Force Model',
          '',
          link(`${ICE}/Polk.pdf`),
          '',
        ],
        [
          'FLORIDA',
          "Clay County Sheriff's Office",
          'County',
          'Clay County',
          'Task Force Model',
          '6/3/2025',
          link(`${ICE}/Clay.pdf`),
          '',
        ],
      ]),
    ],
    check: (p) => {
      expect(p.rows[1]?.cells.SIGNED).toEqual({ v: '05/082025', t: 's' });
      expect(p.rows[0]?.cells.SIGNED?.t).toBe('n');
    },
  },
  {
    name: 'quirk-swapped-list',
    file: 'participatingAgencies09222025pm.xlsx',
    props: { ...ICE_PROPS, modified: '2025-09-22T16:17:25Z', application: 'Microsoft Excel Online' },
    sheets: [
      sheet(
        Q2,
        [
          [
            'ALABAMA',
            "Autauga County Sheriff's Office ",
            'County ',
            'Autauga County',
            'Jail Enforcement Model ',
          ],
          ['TEXAS', 'Example Police Department', 'Municipality', 'Example County', 'Warrant Service Officer'],
        ],
        { name: 'Sheet 1' },
      ),
    ],
    check: (p) => expect(p).toMatchObject({ kind: 'pending', label: 'participatingAgencies09222025pm' }),
  },
];

/** The part of a parsed publication that the golden files pin down. */
function projection(p: ParsedPublication) {
  return {
    kind: p.kind,
    era: p.era,
    source: p.source,
    asOfDate: p.asOfDate,
    label: p.label,
    labelDate: p.labelDate,
    sheetName: p.sheetName,
    header: p.header,
    rows: p.rows.map((r) => ({ row: r.row, hidden: r.hidden, cells: r.cells })),
    problems: p.problems.map((x) => x.code),
    // What normalization makes of each row (not part of the reader, but where most quirks are resolved).
    listings: normalizePublication(p).map((l) => ({
      row: l.row,
      state: l.state,
      agencyName: l.agencyName,
      agencyKey: l.agencyKey,
      jurisdictionType: l.jurisdictionType,
      county: l.county,
      model: l.model,
      signedPublished: l.signedPublished,
      signed: l.signed,
      signedRule: l.signedRule,
      moaUrl: l.moaUrl,
      addendumUrl: l.addendumUrl,
      problems: l.problems.map((x) => `${x.column}:${x.code}`),
    })),
  };
}

function build(f: Fixture): Buffer {
  return writeXlsx({
    sheets: f.sheets,
    ...(f.props ? { props: f.props } : {}),
    ...(f.sharedStrings === false ? { sharedStrings: false } : {}),
  });
}

describe('readWorkbook golden files', () => {
  it('covers every schema era', () => {
    const eras = new Set(
      FIXTURES.filter((f) => f.name.startsWith('era-')).map(
        (f) => readWorkbook(build(f), { file: f.file }).era,
      ),
    );
    expect([...eras].sort()).toEqual(['H0', 'P1', 'P2', 'P3', 'Q1', 'Q2', 'Q3']);
  });

  for (const f of FIXTURES) {
    it(f.name, () => {
      const bytes = build(f);
      // Deterministic fixture bytes: the same description always gives the same workbook.
      expect(build(f).equals(bytes)).toBe(true);
      const p = readWorkbook(bytes, { file: f.file });
      f.check?.(p);
      checkGolden(GOLDEN_DIR, f.name, projection(p));
      // The reader builds each signature from the sheet's cells; it must be what the cells by name give.
      for (const r of p.rows) expect(r.sig).toBe(rowSignature(p.header, r.cells));
    });
  }

  it('a header naming a column twice, and values outside the header: cells, signature and problems', () => {
    const p = readWorkbook(
      writeXlsx({
        sheets: [
          {
            rows: [
              { cells: ['STATE', 'LAW ENFORCEMENT AGENCY', 'STATE', null, 'TYPE'] },
              { cells: ['TEXAS', 'Lubbock County Sheriff’s Office', 'TX', 'stray', 'County'] },
              { cells: ['OHIO', 'Butler County Sheriff’s Office', null, null, 'County'] },
              { cells: [null, null, null, 'only a stray value'] },
            ],
          },
        ],
        props: {
          creator: 'Spina, Michael',
          application: 'Microsoft Excel',
          modified: '2025-04-01T15:00:00Z',
        },
      }),
      { file: 'twice.xlsx' },
    );
    expect(p.header).toEqual(['STATE', 'LAW ENFORCEMENT AGENCY', 'STATE', 'TYPE']);
    // A name's cell is the last one under it in the row; both of its columns read that cell.
    expect(p.rows.map((r) => r.cells)).toEqual([
      {
        STATE: { v: 'TX', t: 's' },
        'LAW ENFORCEMENT AGENCY': { v: 'Lubbock County Sheriff’s Office', t: 's' },
        TYPE: { v: 'County', t: 's' },
      },
      {
        STATE: { v: 'OHIO', t: 's' },
        'LAW ENFORCEMENT AGENCY': { v: 'Butler County Sheriff’s Office', t: 's' },
        TYPE: { v: 'County', t: 's' },
      },
    ]);
    for (const r of p.rows) expect(r.sig).toBe(rowSignature(p.header, r.cells));
    expect(p.rows[0]?.sig).toBe(
      '\ts:TX\u0001\ts:Lubbock County Sheriff’s Office\u0001\ts:TX\u0001\ts:County\u0001',
    );
    expect(p.problems.filter((x) => x.code === 'value-outside-header').map((x) => [x.row, x.value])).toEqual([
      [2, 'stray'],
      [4, 'only a stray value'],
    ]);
    // Serialized like a plain row.
    expect(JSON.parse(JSON.stringify(p.rows[1]))).toEqual({
      row: 3,
      hidden: false,
      cells: p.rows[1]?.cells,
      sig: p.rows[1]?.sig,
    });
  });
});

describe('golden workflow', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reassess-golden-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const opts = { format: false };

  it('fails for a missing golden unless UPDATE_GOLDEN=1 (never on CI)', () => {
    expect(() => checkGolden(dir, 'local', { a: 1 }, {}, opts)).toThrow(/missing/);
    expect(() => checkGolden(dir, 'ci', { a: 1 }, { CI: 'true', UPDATE_GOLDEN: '1' }, opts)).toThrow(
      GoldenMismatch,
    );
    expect(existsSync(join(dir, 'local.json'))).toBe(false);
    expect(existsSync(join(dir, 'ci.json'))).toBe(false);
    expect(checkGolden(dir, 'local', { a: 1 }, { UPDATE_GOLDEN: '1' }, opts)).toBe('written');
    expect(JSON.parse(readFileSync(join(dir, 'local.json'), 'utf8'))).toEqual({ a: 1 });
    expect(checkGolden(dir, 'local', { a: 1 }, { CI: 'true' }, opts)).toBe('match');
  });

  it('on a mismatch writes <name>-changed.json and fails; UPDATE_GOLDEN=1 rewrites', () => {
    writeFileSync(join(dir, 'm.json'), '{"a":1}\n');
    expect(() => checkGolden(dir, 'm', { a: 2 }, {}, opts)).toThrow(/m-changed\.json/);
    expect(JSON.parse(readFileSync(join(dir, 'm-changed.json'), 'utf8'))).toEqual({ a: 2 });
    expect(JSON.parse(readFileSync(join(dir, 'm.json'), 'utf8'))).toEqual({ a: 1 });
    expect(checkGolden(dir, 'm', { a: 2 }, { UPDATE_GOLDEN: '1' }, opts)).toBe('updated');
    expect(existsSync(join(dir, 'm-changed.json'))).toBe(false);
    expect(checkGolden(dir, 'm', { a: 2 }, { CI: '1' }, opts)).toBe('match');
  });
});
