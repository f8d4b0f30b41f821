/**
 * The whole pack through the whole pipeline. With REASSESS_DATA set, the real pack is ingested (all 354 ICE
 * workbooks and 17 html-era tables, in one ingest call) and every file named in its manifest must exist. Without
 * it, a small generated pack with the same shape (eras, quirks, renames, the swapped September 2025 lists) goes
 * through the same assertions, so the test always exercises the code.
 *
 * Row counts are checked three ways: the ledger's snapshot, an independent count with SheetJS, and the manifest.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementBody } from '../../src/api/handlers.ts';
import { mintAgreementId } from '../../src/domain/ids.ts';
import { refiledDocuments } from '../../src/history/audit-refiled.ts';
import { documentUses } from '../../src/ingest/document-uses.ts';
import { type IngestInput, ingest, type RunReport } from '../../src/ingest/ingest.ts';
import { agencyDetail, findAgencies } from '../../src/read/agencies.ts';
import { buildView } from '../../src/read/model.ts';
import { readWorkbook } from '../../src/sources/ice-workbook/read-workbook.ts';
import { readRedirects } from '../../src/store/agreement-redirects.ts';
import { listAgreements } from '../../src/store/agreements.ts';
import { type Ledger, openLedger } from '../../src/store/connection.ts';
import { listSnapshots } from '../../src/store/publications.ts';
import {
  type FixtureCell,
  type FixtureRow,
  type FixtureSheet,
  STYLE,
  writeXlsx,
} from '../fixtures/xlsx-writer.ts';
import { packDir, readCsvRecords, requirePackFile } from '../support/pack.ts';

// ---------------------------------------------------------------------------------------------------------------
// The pack under test: real or generated, described the same way

interface PackFile {
  /** Path relative to the folder holding `ice-287g/`. */
  rel: string;
  list: 'participating' | 'pending' | 'derived-html-era';
  date: string;
  era: string;
  /** Data rows according to the manifest (or to the generator). */
  dataRows: number;
}

interface Pack {
  real: boolean;
  root: string;
  files: PackFile[];
  workbooks: number;
  htmlTables: number;
  /** Snapshots whose row counts are checked three ways. */
  samples: string[];
  swapped: {
    /** Pending content served under a participating name, and participating content under a pending name. */
    pending: { rel: string; iceName: string };
    participating: { rel: string; iceName: string };
  };
}

const REAL_SAMPLES = [
  'ice-287g/participating/2025-02-21.xlsx', // P1
  'ice-287g/participating/2025-03-27.xlsx', // P2, 135 hidden rows (filter)
  'ice-287g/participating/2025-07-08.xlsx', // P3, 408 hidden rows, SIGNED 5025-07-07
  'ice-287g/participating/2025-09-24.xlsx', // P3, blank row 558
  'ice-287g/participating/2026-03-02.xlsx', // P3, extra Sheet2
  'ice-287g/participating/2026-05-18.xlsx', // latest participating
  'ice-287g/pending/2025-02-20.xlsx', // Q1
  'ice-287g/pending/2025-10-17.xlsx', // Q2, rows hidden by hand
  'ice-287g/pending/2025-11-06.xlsx', // Q2, zero data rows
  'ice-287g/pending/2026-02-27.xlsx', // Q3, 72 formatted rows for 2 data rows
  'ice-287g/derived/html-era-tables/participating-html-2021-03-31.xlsx', // H0
  'ice-287g/derived/html-era-tables/participating-html-2025-02-19.xlsx', // H0, last
];

function realPack(): Pack {
  const manifest = readCsvRecords(requirePackFile('ice-287g/manifest.csv'));
  const files: PackFile[] = manifest
    .filter((m) => m.file?.endsWith('.xlsx'))
    .map((m) => ({
      rel: `ice-287g/${m.file}`,
      list: m.list as PackFile['list'],
      date: m.date as string,
      era: m.era as string,
      dataRows: Number(m.data_rows),
    }));
  // Every file the manifest names must be there: a missing one fails here, not silently later.
  for (const f of files) requirePackFile(f.rel);
  return {
    real: true,
    root: packDir() as string,
    files,
    workbooks: 354,
    htmlTables: 17,
    samples: REAL_SAMPLES,
    swapped: {
      pending: { rel: 'ice-287g/pending/2025-09-22.xlsx', iceName: 'participatingAgencies09222025pm.xlsx' },
      participating: {
        rel: 'ice-287g/participating/2025-09-18.xlsx',
        iceName: 'pendingAgencies09222025pm.xlsx',
      },
    },
  };
}

// --- generated pack ---------------------------------------------------------------------------------------------

const P1 = ['STATE', 'LAW ENFORCEMENT AGENCY', 'TYPE', 'SUPPORT TYPE', 'SIGNED', 'MOA'];
const P2 = ['STATE', 'LAW ENFORCEMENT AGENCY', 'TYPE', 'COUNTY', 'SUPPORT TYPE', 'SIGNED', 'MOA'];
const P3 = [...P2, 'ADDENDUM'];
const Q1 = ['STATE', 'LAW ENFORCEMENT AGENCY', 'TYPE', 'SUPPORT TYPE'];
const Q2 = ['STATE', 'LAW ENFORCEMENT AGENCY', 'TYPE', 'COUNTY', 'SUPPORT TYPE'];
const Q3 = [...Q2, 'MOA'];
const H0 = ['STATE', 'LAW ENFORCEMENT AGENCY', 'SUPPORT TYPE', 'SIGNED', 'MOA'];
const ICE = 'https://www.ice.gov/doclib/287gMOA';
const NA: FixtureCell = { v: '#N/A', t: 'e' };
const TFM = 'Task Force Model';
const WSO = 'Warrant Service Officer';
const JEM = 'Jail Enforcement Model';

function serial(iso: string): FixtureCell {
  return { v: (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000, s: STYLE.date };
}
const moa = (f: string): FixtureCell => ({ v: 'link', link: `${ICE}/${f}.pdf`, s: STYLE.link });

/** The March 2025 agencies, before (P1) and after (P2) ICE's renames. */
const MARCH_BEFORE: FixtureRow['cells'][] = [
  ['FLORIDA', 'Gulfport PD', 'Municipality', TFM, serial('2025-02-20'), moa('Gulfport')],
  ['FLORIDA', 'Pasco County BOCC', 'County', WSO, serial('2025-02-21'), moa('PascoBOCC')],
  ['FLORIDA', "St Johns County Sheriff's Office", 'County', WSO, serial('2025-02-22'), moa('StJohns')],
  ['FLORIDA', "St Johns County Sheriff's Office", 'County', TFM, serial('2025-02-22'), moa('StJohnsTFM')],
  ['MONTANA', "Cass County Sheriff's Office", 'County', TFM, serial('2025-02-23'), moa('Cass')],
  ['MONTANA', 'MT Dept of Justice', 'State Agency', TFM, serial('2025-02-24'), moa('MTDOJ')],
  [
    'TEXAS ',
    'Lubbock Police Department',
    'Municipality',
    TFM,
    serial('2025-02-25'),
    { v: 'link\u00a0|\u00a0addendum' },
  ],
];
const MARCH_AFTER: FixtureRow['cells'][] = [
  [
    'FLORIDA',
    'Gulfport Police Department',
    'Municipality',
    'Pinellas County',
    TFM,
    serial('2025-02-20'),
    moa('Gulfport'),
  ],
  [
    'FLORIDA',
    'Pasco County Board of County Commissioners',
    'County',
    'Pasco County',
    WSO,
    serial('2025-02-21'),
    moa('PascoBOCC'),
  ],
  [
    'FLORIDA',
    "St. Johns County Sheriff's Office",
    'County',
    'St. Johns County',
    WSO,
    serial('2025-02-22'),
    moa('StJohns'),
  ],
  [
    'FLORIDA',
    "St. Johns County Sheriff's Office",
    'County',
    'St. Johns County',
    TFM,
    serial('2025-02-22'),
    moa('StJohnsTFM'),
  ],
  [
    'MINNESOTA',
    "Cass County Sheriff's Office",
    'County',
    'Cass County',
    TFM,
    serial('2025-02-23'),
    moa('Cass'),
  ],
  ['MONTANA', 'Montana Department of Justice', 'State Agency', NA, TFM, serial('2025-02-24'), moa('MTDOJ')],
  [
    'TEXAS',
    'Lubbock Police Department',
    'Municipality',
    'Lubbock County',
    TFM,
    serial('2025-02-25'),
    moa('Lubbock'),
  ],
];
const P3_ROWS: FixtureRow['cells'][] = [
  ...MARCH_AFTER.map((r) => [...r, '']),
  [
    'IOWA',
    "Grundy County Sheriff's Office",
    'County',
    'Grundy County',
    TFM,
    serial('5025-07-07'),
    moa('Grundy'),
    '',
  ],
  [
    'FLORIDA',
    "Volusia County Sheriff's Office",
    'County',
    'Volusia County',
    JEM,
    serial('2025-06-01'),
    {
      v: 'link',
      link: `https://gcc02.safelinks.protection.outlook.com/?url=${encodeURIComponent(`${ICE}/Volusia.pdf`)}&data=1`,
    },
    { v: 'link', link: `chrome-extension://efaidnbmnnnibpcajpcglclefindmkaj/${ICE}/VolusiaAdd.pdf` },
  ],
];
const PENDING_ROWS: FixtureRow['cells'][] = [
  ['ALABAMA', "Autauga County Sheriff's Office ", 'County ', 'Autauga County', 'Jail Enforcement Model '],
  ['PENNSLYVANIA', "Bucks County Sheriff's Office", 'County', 'Bucks County', WSO],
  ['TEXAS', 'Example Police Department', 'Municipal', NA, 'Warrant Services Officer'],
];

interface GenFile {
  rel: string;
  list: PackFile['list'];
  date: string;
  era: string;
  modified: string;
  sheets: FixtureSheet[];
  creator?: string;
}

function sheetOf(
  header: string[],
  rows: (FixtureRow | FixtureRow['cells'])[],
  extra: Partial<FixtureSheet> = {},
): FixtureSheet {
  return {
    name: 'Sheet1',
    rows: [
      { cells: header.map((h) => ({ v: h, s: STYLE.header })) },
      ...rows.map((r) => (Array.isArray(r) ? { cells: r } : r)),
    ],
    ...extra,
  };
}

function generatedFiles(): GenFile[] {
  const p = (date: string, era: string, modified: string, sheets: FixtureSheet[]): GenFile => ({
    rel: `ice-287g/participating/${date}.xlsx`,
    list: 'participating',
    date,
    era,
    modified,
    sheets,
  });
  const q = (date: string, era: string, modified: string, sheets: FixtureSheet[]): GenFile => ({
    rel: `ice-287g/pending/${date}.xlsx`,
    list: 'pending',
    date,
    era,
    modified,
    sheets,
  });
  const h = (date: string, rows: FixtureRow['cells'][]): GenFile => ({
    rel: `ice-287g/derived/html-era-tables/participating-html-${date}.xlsx`,
    list: 'derived-html-era',
    date,
    era: 'H0',
    modified: '2025-04-17T10:36:30Z',
    creator: 'openpyxl',
    sheets: [sheetOf(H0, rows, { name: '287(g) Agreements' })],
  });
  const wayback = (f: string) => `https://web.archive.org/web/20210331025642/${ICE}/${f}.pdf`;
  return [
    h('2021-03-31', [
      ['ALABAMA', "Etowah County Sheriff's Office", JEM, '2016-06-08', wayback('Etowah')],
      ['FLORIDA', 'Florida Department of Corrections', WSO, '2019-01-23', wayback('FDC')],
    ]),
    h('2025-02-19', [
      ['ALABAMA', "Etowah County Sheriff's Office", JEM, '2016-06-08', wayback('Etowah')],
      ['FLORIDA', 'Florida Department of Corrections', WSO, '2019-01-23', wayback('FDC')],
      ['FLORIDA', 'Gulfport PD', TFM, '2025-02-20', wayback('Gulfport')],
    ]),
    q('2025-02-20', 'Q1', '2025-02-20T15:00:00Z', [
      sheetOf(Q1, [
        ['FLORIDA', 'Gulfport PD', 'Municipality', TFM],
        ['UTAHJ', "Utah County Sheriff's Office", 'County', TFM],
      ]),
    ]),
    p('2025-03-07', 'P1', '2025-03-07T15:00:00Z', [sheetOf(P1, MARCH_BEFORE)]),
    p('2025-03-17', 'P2', '2025-03-17T23:10:40Z', [
      sheetOf(
        P2,
        [
          ...MARCH_AFTER.slice(0, 3),
          { hidden: true, cells: MARCH_AFTER[3] as FixtureRow['cells'] },
          ...MARCH_AFTER.slice(4),
        ],
        {
          filterMode: true,
        },
      ),
    ]),
    p('2025-07-08', 'P3', '2025-07-08T20:00:00Z', [
      sheetOf(P3, P3_ROWS, { extraFormattedColumns: 5, trailingFormattedRows: 20 }),
    ]),
    p('2025-09-18', 'P3', '2025-09-18T15:42:42Z', [
      sheetOf(P3, [...P3_ROWS.slice(0, 4), ['', '', '', '', '', null, '', ''], ...P3_ROWS.slice(4)], {
        trailingFormattedRows: 40,
      }),
    ]),
    p('2026-03-02', 'P3', '2026-03-02T14:00:00Z', [
      sheetOf(P3, P3_ROWS),
      { name: 'Sheet2', rows: [{ cells: [JEM, WSO, TFM] }, { cells: ['ALABAMA', 'FLORIDA', 'TEXAS'] }] },
    ]),
    q('2025-09-22', 'Q2', '2025-09-22T16:17:25Z', [sheetOf(Q2, PENDING_ROWS, { name: 'Sheet 1' })]),
    q('2025-11-06', 'Q2', '2025-11-06T16:00:00Z', [
      sheetOf(Q2, [], { name: 'Sheet 1', trailingFormattedRows: 10 }),
    ]),
    q('2026-02-27', 'Q3', '2026-02-27T20:00:00Z', [
      sheetOf(
        Q3,
        [
          [
            'PENNSLYVANIA',
            "Bucks County Sheriff's Office",
            'County',
            'Bucks County',
            WSO,
            { v: 'link pending' },
          ],
          ['TEXAS', 'Example Police Department', 'Municipality', NA, WSO, { v: 'link pending' }],
        ],
        { name: 'Sheet 1', trailingFormattedRows: 70, extraFormattedColumns: 5 },
      ),
    ]),
  ];
}

/** Data rows the generator wrote: rows after the header with a non-blank STATE (every generated data row has one). */
function generatedDataRows(g: GenFile): number {
  const first = g.sheets[0] as FixtureSheet;
  return first.rows.slice(1).filter((r) => {
    const c = r.cells[0];
    const v = c === null || c === undefined ? '' : typeof c === 'object' ? c.v : c;
    return String(v ?? '').trim() !== '';
  }).length;
}

function generatedPack(): Pack {
  const root = mkdtempSync(join(tmpdir(), 'reassess-genpack-'));
  const gen = generatedFiles();
  for (const g of gen) {
    const bytes = writeXlsx({
      sheets: g.sheets,
      props: {
        creator: g.creator ?? 'Spina, Michael',
        lastModifiedBy: g.creator ? null : 'Carpenter, Michael',
        created: '2025-02-05T16:53:09Z',
        modified: g.modified,
        application: 'Microsoft Excel',
      },
      ...(g.creator ? { sharedStrings: false } : {}),
    });
    const path = join(root, g.rel);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, bytes);
  }
  const files = gen.map((g) => ({
    rel: g.rel,
    list: g.list,
    date: g.date,
    era: g.era,
    dataRows: generatedDataRows(g),
  }));
  const html = files.filter((f) => f.list === 'derived-html-era').length;
  return {
    real: false,
    root,
    files,
    workbooks: files.length - html,
    htmlTables: html,
    samples: files.map((f) => f.rel),
    swapped: {
      pending: { rel: 'ice-287g/pending/2025-09-22.xlsx', iceName: 'participatingAgencies09222025pm.xlsx' },
      participating: {
        rel: 'ice-287g/participating/2025-09-18.xlsx',
        iceName: 'pendingAgencies09222025pm.xlsx',
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// An independent row count with SheetJS

/** Rows of the first sheet with a non-blank STATE and LAW ENFORCEMENT AGENCY, columns found by header name. */
function sheetJsCount(bytes: Buffer): number {
  const wb = XLSX.read(bytes, { type: 'buffer', cellDates: false, cellHTML: false });
  const ws = wb.Sheets[wb.SheetNames[0] as string];
  if (!ws?.['!ref']) return 0;
  const range = XLSX.utils.decode_range(ws['!ref']);
  const text = (r: number, c: number): string => {
    const cell = ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined;
    if (!cell || cell.t === 'e' || cell.t === 'z' || cell.v === undefined || cell.v === null) return '';
    return String(cell.v)
      .replace(/[\s\u00a0\u200b]+/g, ' ')
      .trim();
  };
  let stateCol = -1;
  let agencyCol = -1;
  for (let c = range.s.c; c <= range.e.c; c++) {
    const h = text(range.s.r, c).toUpperCase();
    if (h === 'STATE') stateCol = c;
    if (h === 'LAW ENFORCEMENT AGENCY') agencyCol = c;
  }
  if (stateCol < 0 || agencyCol < 0) throw new Error('SheetJS: no STATE / LAW ENFORCEMENT AGENCY header');
  let n = 0;
  for (let r = range.s.r + 1; r <= range.e.r; r++)
    if (text(r, stateCol) !== '' && text(r, agencyCol) !== '') n++;
  return n;
}

// ---------------------------------------------------------------------------------------------------------------

const NOW = () => new Date('2026-06-01T12:00:00Z');

/** The derived tables (everything but runs and fetches), as one comparable value. */
async function derivedState(ledger: Ledger) {
  const db = ledger.db;
  return {
    publications: await db
      .selectFrom('publications')
      .select([
        'publication_id',
        'sha256',
        'kind',
        'as_of_date',
        'content_hash',
        'status',
        'data_rows',
        'hidden_rows',
      ])
      .orderBy('publication_id')
      .execute(),
    agencies: await db.selectFrom('agencies').selectAll().orderBy('agency_id').execute(),
    decisions: await db
      .selectFrom('identity_decisions')
      .selectAll()
      .orderBy('state')
      .orderBy('name_key')
      .orderBy('name')
      .execute(),
    agreements: await db.selectFrom('agreements').selectAll().orderBy('agreement_id').execute(),
    events: await db.selectFrom('events').selectAll().orderBy('event_id').execute(),
    names: await db
      .selectFrom('agency_names')
      .selectAll()
      .orderBy('agency_id')
      .orderBy('state')
      .orderBy('name')
      .execute(),
    refs: await db.selectFrom('listing_refs').selectAll().orderBy('publication_id').execute(),
    rowVersions: await db.selectFrom('row_versions').select('hash').orderBy('hash').execute(),
  };
}

const pack: Pack = packDir() === null ? generatedPack() : realPack();
const scratch = mkdtempSync(join(tmpdir(), 'reassess-packtest-'));
let ledger: Ledger;
let first: RunReport;
let inputs: IngestInput[];

describe(`the ${pack.real ? 'real' : 'generated'} pack, ingested in one call`, () => {
  beforeAll(async () => {
    inputs = pack.files.map((f) => ({ bytes: readFileSync(join(pack.root, f.rel)), file: f.rel }));
    ledger = await openLedger({ home: join(scratch, 'ledger') });
    first = await ingest(ledger, inputs, { now: NOW });
  }, 600_000);

  afterAll(async () => {
    await ledger?.close();
    rmSync(scratch, { recursive: true, force: true });
    if (!pack.real) rmSync(pack.root, { recursive: true, force: true });
  });

  it('holds the expected files', () => {
    const html = pack.files.filter((f) => f.list === 'derived-html-era');
    expect(html).toHaveLength(pack.htmlTables);
    expect(pack.files.length - html.length).toBe(pack.workbooks);
    if (pack.real) {
      expect(pack.files.filter((f) => f.list === 'participating')).toHaveLength(176);
      expect(pack.files.filter((f) => f.list === 'pending')).toHaveLength(178);
    }
    for (const era of ['P1', 'P2', 'P3', 'Q1', 'Q2', 'Q3', 'H0'])
      expect(
        pack.files.some((f) => f.era === era),
        era,
      ).toBe(true);
  });

  it('stores every file as a new publication and rejects none', () => {
    const total = pack.workbooks + pack.htmlTables;
    expect(first.counts).toEqual({ inputs: total, new: total, unchanged: 0, rejected: 0 });
    if (pack.real) expect(total).toBe(371);
    expect(first.inputs.filter((i) => i.status === 'rejected')).toEqual([]);
  });

  it('classifies each file as its manifest says (list and era)', async () => {
    const snaps = await listSnapshots(ledger.db);
    const bySha = new Map(snaps.map((s) => [s.sha256, s]));
    for (const r of first.inputs) {
      const f = pack.files.find((x) => x.rel === r.file) as PackFile;
      const s = bySha.get(r.sha256);
      expect(s, r.file).toBeDefined();
      expect(s?.kind, r.file).toBe(f.list === 'pending' ? 'pending' : 'participating');
      expect(s?.source, r.file).toBe(f.list === 'derived-html-era' ? 'html-era-table' : 'ice-workbook');
      expect(s?.era, r.file).toBe(f.era);
      expect(s?.date, r.file).toBe(f.date);
    }
  });

  it('counts the same rows as SheetJS and the manifest, across eras', async () => {
    const snaps = await listSnapshots(ledger.db);
    expect(pack.samples.length).toBeGreaterThanOrEqual(8);
    const seen = new Set<string>();
    for (const rel of pack.samples) {
      const f = pack.files.find((x) => x.rel === rel);
      expect(f, rel).toBeDefined();
      const bytes = readFileSync(pack.real ? requirePackFile(rel) : join(pack.root, rel));
      const input = first.inputs.find((i) => i.file === rel);
      const snap = snaps.find((s) => s.sha256 === input?.sha256);
      expect(snap, rel).toBeDefined();
      const independent = sheetJsCount(bytes);
      expect({ rel, ledger: snap?.rows, report: input?.rows }).toEqual({
        rel,
        ledger: f?.dataRows,
        report: f?.dataRows,
      });
      expect({ rel, sheetjs: independent }).toEqual({ rel, sheetjs: f?.dataRows });
      seen.add(f?.era as string);
    }
    expect([...seen].sort()).toEqual(['H0', 'P1', 'P2', 'P3', 'Q1', 'Q2', 'Q3']);
  });

  it('matches the manifest row count for every file', () => {
    const wrong = first.inputs
      .map((i) => ({
        file: i.file,
        rows: i.rows,
        manifest: pack.files.find((f) => f.rel === i.file)?.dataRows,
      }))
      .filter((x) => x.rows !== x.manifest);
    expect(wrong).toEqual([]);
  });

  it('classifies the swapped September 2025 lists by content, not by name', async () => {
    const { pending, participating } = pack.swapped;
    const kindOf = (rel: string) => first.inputs.find((i) => i.file === rel)?.kind;
    expect(kindOf(pending.rel)).toBe('pending');
    expect(kindOf(participating.rel)).toBe('participating');

    // The same bytes under ICE's swapped names, in a folder of their own.
    const dir = join(scratch, 'swapped');
    mkdirSync(dir, { recursive: true });
    const copies = [
      {
        path: join(dir, pending.iceName),
        bytes: readFileSync(join(pack.root, pending.rel)),
        kind: 'pending',
      },
      {
        path: join(dir, participating.iceName),
        bytes: readFileSync(join(pack.root, participating.rel)),
        kind: 'participating',
      },
    ];
    for (const c of copies) {
      writeFileSync(c.path, c.bytes);
      const parsed = readWorkbook(readFileSync(c.path), { file: c.path });
      expect(parsed.kind, c.path).toBe(c.kind);
      expect(parsed.label).toBe(
        c.path.endsWith(pending.iceName) ? 'participatingAgencies09222025pm' : 'pendingAgencies09222025pm',
      );
    }
    const swappedInputs = copies.map((c) => ({ bytes: readFileSync(c.path), file: c.path }));

    // Into the full ledger: the same bytes are already there.
    const again = await ingest(ledger, swappedInputs, { now: NOW });
    expect(again.counts).toMatchObject({ new: 0, unchanged: 2, rejected: 0 });

    // Into a fresh ledger: classified from content.
    const fresh = await openLedger({ home: join(scratch, 'swapped-ledger') });
    try {
      const r = await ingest(fresh, swappedInputs, { now: NOW });
      expect(r.counts).toMatchObject({ new: 2, rejected: 0 });
      for (const c of copies) expect(r.inputs.find((i) => i.file === c.path)?.kind, c.path).toBe(c.kind);
      const snaps = await listSnapshots(fresh.db);
      expect(snaps.map((s) => [s.kind, s.label]).sort()).toEqual([
        ['participating', 'pendingAgencies09222025pm'],
        ['pending', 'participatingAgencies09222025pm'],
      ]);
    } finally {
      await fresh.close();
    }
  });

  it('resolves the March 2025 renames to one agency each', async () => {
    const pairs: [string, string, string][] = [
      ['FL', 'Gulfport PD', 'Gulfport Police Department'],
      ['FL', "St Johns County Sheriff's Office", "St. Johns County Sheriff's Office"],
      ['FL', 'Pasco County BOCC', 'Pasco County Board of County Commissioners'],
      ['MT', 'MT Dept of Justice', 'Montana Department of Justice'],
    ];
    for (const [state, before, after] of pairs) {
      const a = await findAgencies(ledger.db, before, state);
      const b = await findAgencies(ledger.db, after, state);
      expect(a, before).toHaveLength(1);
      expect(b, after).toEqual(a);
      const detail = await agencyDetail(ledger.db, a[0] as string);
      const names = new Set(detail?.names.map((n) => n.name));
      expect(names.has(before) && names.has(after), `${before} / ${after}: ${[...names].join(' | ')}`).toBe(
        true,
      );
    }
  });

  it("follows Cass County Sheriff's Office from MONTANA (2025-03-07) to MINNESOTA (2025-03-17)", async () => {
    const mt = await findAgencies(ledger.db, "Cass County Sheriff's Office", 'MT');
    const mn = await findAgencies(ledger.db, "Cass County Sheriff's Office", 'MN');
    expect(mt).toHaveLength(1);
    expect(mn).toEqual(mt);
    const detail = await agencyDetail(ledger.db, mt[0] as string);
    expect(detail?.state).toBe('MN');
    expect(detail?.names.map((n) => n.state)).toEqual(['MT', 'MN']);
    const moved = detail?.events.filter((e) => e.kind === 'moved');
    expect(moved).toHaveLength(1);
    expect(moved?.[0]).toMatchObject({ date: '2025-03-17', details: { state: 'MT>MN' } });
  });

  it('mints agency IDs of the documented shape, never repeated', async () => {
    const agencies = await ledger.db
      .selectFrom('agencies')
      .select(['agency_id', 'state', 'name_key'])
      .execute();
    expect(agencies.length).toBeGreaterThan(0);
    for (const a of agencies) expect(a.agency_id).toMatch(/^agy-[a-z0-9]{10}$/);
    expect(new Set(agencies.map((a) => a.agency_id)).size).toBe(agencies.length);
    // One (state, key) never maps to two agencies.
    const decisions = await ledger.db
      .selectFrom('identity_decisions')
      .select(['state', 'name_key', 'agency_id'])
      .execute();
    const byKey = new Map<string, Set<string>>();
    for (const d of decisions) {
      const k = `${d.state}|${d.name_key}`;
      byKey.set(k, (byKey.get(k) ?? new Set()).add(d.agency_id));
    }
    expect([...byKey].filter(([, ids]) => ids.size > 1)).toEqual([]);
    const known = new Set(agencies.map((a) => a.agency_id));
    for (const d of decisions) expect(known.has(d.agency_id), d.agency_id).toBe(true);
  });

  it('folds the last lists in one at a time into the same history as the full rebuild', async () => {
    // The newest inputs (by as-of, as sync would bring them) go in one by one on top of the rest.
    const order = first.inputs
      .map((r, i) => ({ i, asOf: r.asOfDate ?? '', kind: r.kind ?? '' }))
      .sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : a.kind < b.kind ? -1 : 1));
    const tail = order.slice(-8).map((o) => inputs[o.i] as IngestInput);
    const head = order.slice(0, -8).map((o) => inputs[o.i] as IngestInput);
    const other = await openLedger({ home: join(scratch, 'incremental') });
    try {
      await ingest(other, head, { now: NOW });
      const modes: (string | undefined)[] = [];
      for (const input of tail) modes.push((await ingest(other, [input], { now: NOW })).history?.mode);
      expect(modes.filter((m) => m === 'incremental').length).toBeGreaterThan(0);
      // Publication ids are assigned in ingest order, which differs: compare publications by their sha256.
      const PUB_KEYS = new Set([
        'publication_id',
        'first_publication',
        'last_publication',
        'fromPublication',
        'toPublication',
        'publication',
      ]);
      const rows = async (l: Ledger) => {
        const sha = new Map(
          (await l.db.selectFrom('publications').select(['publication_id', 'sha256']).execute()).map((p) => [
            p.publication_id,
            p.sha256,
          ]),
        );
        const replacer = (k: string, v: unknown) =>
          PUB_KEYS.has(k) && typeof v === 'number' ? sha.get(v) : v;
        const out: Record<string, string[]> = {};
        for (const t of [
          'agreements',
          'events',
          'agency_names',
          'agencies',
          'identity_decisions',
          'placements',
          'signal_rows',
        ] as const)
          out[t] = ((await l.db.selectFrom(t).selectAll().execute()) as Record<string, unknown>[])
            .map(({ run_id: _run, ...rest }) => JSON.stringify(rest, replacer))
            .sort();
        return out;
      };
      expect(await rows(other)).toEqual(await rows(ledger));
    } finally {
      await other.close();
    }
  });

  it("keeps every retired agreement ID resolving (the real pack: Pinal County AZ's stand-in TFM)", async () => {
    const view = await buildView(ledger.db);
    const redirects = await readRedirects(ledger.db);
    for (const r of redirects) expect(view.agreementById.has(r.into ?? ''), r.agreementId).toBe(true);
    const [sheriff] = await findAgencies(ledger.db, "Pinal County Sheriff's Office", 'AZ');
    if (!pack.real) return expect(redirects).toEqual([]);
    const standIn = mintAgreementId(String(sheriff), 'TFM', 0);
    expect(redirects.map((r) => [r.agreementId, r.kind, r.date])).toEqual([
      [standIn, 'absorbed', '2025-09-09'],
    ]);
    const answer = agreementBody(view, standIn);
    expect(answer.status).toBe(200);
    const data = answer.status === 200 ? answer.body.data : null;
    expect([data?.name, data?.model, data?.signed, data?.formerIds.map((f) => f.agreementId)]).toEqual([
      "Pinal County Attorney's Office",
      'TFM',
      '2025-08-28',
      [standIn],
    ]);
  });

  it('audits agreements printed with two MOA file names under one signed date', async () => {
    const entries = refiledDocuments(await listAgreements(ledger.db), await documentUses(ledger.db));
    for (const e of entries)
      expect(e.evidence.match(/\.pdf on \d+ list/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    const open = entries.filter((e) => !e.resolvedBy).length;
    // The real pack (issue 14): 17 agreements, 8 one MOA filed again, 9 with another agency's file or a distant date;
    // the generated pack prints one file per agreement.
    expect([entries.length, entries.length - open, open]).toEqual(pack.real ? [17, 8, 9] : [0, 0, 0]);
  });

  it('re-ingesting the whole pack is a no-op', async () => {
    const before = await derivedState(ledger);
    const r = await ingest(ledger, inputs, { now: NOW });
    const total = pack.workbooks + pack.htmlTables;
    expect(r.counts).toEqual({ inputs: total, new: 0, unchanged: total, rejected: 0 });
    expect(r.history).toBeNull();
    expect(await derivedState(ledger)).toEqual(before);
  });
});
