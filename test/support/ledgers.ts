/**
 * Test ledgers on both backends, and ICE-like fixture publications.
 *
 * - PGlite: a fresh embedded ledger in a temporary folder.
 * - PostgreSQL: when TEST_DATABASE_URL is set (a server URL whose user may CREATE DATABASE), each test file gets
 *   its own database `reassess_test_<random>` (created on first use, dropped by `postgresDatabase().drop()`);
 *   every target wipes its schema first, so each test starts from an empty ledger.
 *
 * `icePublication()` builds participating/pending workbooks shaped like ICE's from a compact row list.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Ledger, openLedger } from '../../src/store/connection.ts';
import type { Database } from '../../src/store/schema.ts';
import { type FixtureCell, type FixtureRow, STYLE, writeXlsx } from '../fixtures/xlsx-writer.ts';

/** One empty ledger a test may open (and reopen) as often as it likes. */
export interface LedgerTarget {
  backend: 'pglite' | 'postgres';
  /** Folder of the raw store (and of the embedded database, for PGlite). */
  home: string;
  databaseUrl?: string;
  open(): Promise<Ledger>;
  /** Removes the folder (the PostgreSQL database is dropped with its test file's `postgresDatabase`). */
  dispose(): Promise<void>;
}

export type TargetFactory = () => Promise<LedgerTarget>;

export function tempDir(prefix = 'reassess-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A fresh embedded ledger in a new temporary folder. */
export const pgliteTarget: TargetFactory = async () => {
  const home = tempDir();
  return {
    backend: 'pglite',
    home,
    open: () => openLedger({ home }),
    dispose: async () => rmSync(home, { recursive: true, force: true }),
  };
};

/** Opens a fresh PGlite ledger directly (closing it is the caller's job; the folder is returned for cleanup). */
export async function openPgliteLedger(): Promise<{ ledger: Ledger; home: string }> {
  const home = tempDir();
  return { ledger: await openLedger({ home }), home };
}

/** The PostgreSQL server URL tests may use, or undefined. */
export function testDatabaseUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  return url && url.trim() !== '' ? url.trim() : undefined;
}

/** `url` with its database name replaced. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface PostgresDatabase {
  /** Creates the database on first call; returns its URL. */
  url(): Promise<string>;
  /** A target on this database: its schema is wiped, so the ledger starts empty. */
  target: TargetFactory;
  /** Drops the database (forcing out any connection left open). */
  drop(): Promise<void>;
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A database of its own for one test file on the TEST_DATABASE_URL server. */
export function postgresDatabase(adminUrl: string): PostgresDatabase {
  const name = `reassess_test_${randomBytes(6).toString('hex')}`;
  let created: Promise<string> | null = null;
  const homes: string[] = [];
  const url = () => {
    created ??= adminQuery(adminUrl, `create database ${name}`).then(() => withDatabase(adminUrl, name));
    return created;
  };
  return {
    url,
    target: async () => {
      const databaseUrl = await url();
      await adminQuery(databaseUrl, 'drop schema if exists public cascade; create schema public');
      const home = tempDir();
      homes.push(home);
      return {
        backend: 'postgres',
        home,
        databaseUrl,
        open: () => openLedger({ home, databaseUrl }),
        dispose: async () => rmSync(home, { recursive: true, force: true }),
      };
    },
    drop: async () => {
      for (const h of homes) rmSync(h, { recursive: true, force: true });
      if (created) {
        await created.catch(() => undefined);
        await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
      }
    },
  };
}

/** Every table of the ledger schema (not the migrations' own tables). */
export const TABLES: (keyof Database & string)[] = [
  'runs',
  'raw_files',
  'fetches',
  'publications',
  'row_versions',
  'agencies',
  'identity_decisions',
  'agreements',
  'agreement_redirects',
  'events',
  'agency_names',
  'listing_refs',
  'history_state',
  'reference_files',
  'ref_counties',
  'ref_fbi_agencies',
  'ref_county_population',
  'placements',
  'placement_state',
  'signal_rows',
];

export type LedgerDump = Record<string, Record<string, unknown>[]>;

/** Every row of every ledger table, as plain JSON, in a stable order (for before/after and cross-backend checks). */
export async function dumpLedger(ledger: Ledger): Promise<LedgerDump> {
  const out: LedgerDump = {};
  for (const t of TABLES) {
    const rows = (await ledger.db.selectFrom(t).selectAll().execute()) as Record<string, unknown>[];
    out[t] = rows
      .map((r) => JSON.parse(JSON.stringify(r)) as Record<string, unknown>)
      .map((r) => [JSON.stringify(r), r] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([, r]) => r);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// ICE-like publications

export type Model = 'JEM' | 'WSO' | 'TFM';

export const SUPPORT_TYPE: Record<Model, string> = {
  JEM: 'Jail Enforcement Model',
  WSO: 'Warrant Service Officer',
  TFM: 'Task Force Model',
};

/**
 * One listed agreement: `[state, agency, model, signed?]` (signed as YYYY-MM-DD, participating lists only), or an
 * object for the other columns. TYPE defaults to County for names holding "County", else Municipality; COUNTY
 * defaults to the name's first word.
 */
export type IceRow =
  | [state: string, agency: string, model: Model, signed?: string]
  | {
      state: string;
      agency: string;
      model: Model;
      signed?: string;
      type?: string;
      county?: string;
      /** The MOA link; null: ICE's "Link Pending" text with no link (absent: a link made from the name). */
      moa?: string | null;
    };

export interface IcePublicationOptions {
  kind: 'participating' | 'pending';
  /** docProps modified instant (ISO); decides the publication's as-of date. */
  modified: string;
  rows: IceRow[];
  /** Default 'Spina, Michael'. */
  creator?: string;
  lastModifiedBy?: string;
}

/** YYYY-MM-DD → Excel serial (1900 date system). */
export function excelSerial(date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

const HEADER = ['STATE', 'LAW ENFORCEMENT AGENCY', 'TYPE', 'COUNTY', 'SUPPORT TYPE', 'SIGNED', 'MOA'];

function normalizeRow(r: IceRow) {
  if (!Array.isArray(r)) return r;
  const [state, agency, model, signed] = r;
  return { state, agency, model, ...(signed !== undefined ? { signed } : {}) };
}

/** An ICE-like workbook: participating lists carry SIGNED (Excel serials) and MOA links; pending lists do not. */
export function icePublication(opts: IcePublicationOptions): Buffer {
  const participating = opts.kind === 'participating';
  const header = participating ? HEADER : HEADER.filter((h) => h !== 'SIGNED' && h !== 'MOA');
  const rows: FixtureRow[] = [{ cells: header.map((h) => ({ v: h, s: STYLE.header })) }];
  for (const raw of opts.rows) {
    const r = normalizeRow(raw);
    const type = r.type ?? (/county/i.test(r.agency) ? 'County' : 'Municipality');
    const county = r.county ?? r.agency.split(' ')[0] ?? '';
    const cells: (FixtureCell | string | number | null)[] = [
      r.state,
      r.agency,
      type,
      county,
      SUPPORT_TYPE[r.model],
    ];
    if (participating) {
      cells.push(r.signed ? { v: excelSerial(r.signed), s: STYLE.date } : null);
      const moa =
        r.moa === undefined
          ? `https://www.ice.gov/doclib/287gMOA/${r.agency.replace(/[^A-Za-z]+/g, '')}${r.model}.pdf`
          : r.moa;
      cells.push(moa === null ? 'Link Pending' : { v: 'MOA', link: moa, s: STYLE.link });
    }
    rows.push({ cells });
  }
  return writeXlsx({
    sheets: [{ name: 'Sheet1', rows }],
    props: {
      creator: opts.creator ?? 'Spina, Michael',
      lastModifiedBy: opts.lastModifiedBy ?? 'Spina, Michael',
      created: '2025-02-15T19:41:07Z',
      modified: opts.modified,
      application: 'Microsoft Excel',
    },
  });
}

const COUNTIES = [
  'Anderson',
  'Bastrop',
  'Bell',
  'Bexar',
  'Brazoria',
  'Brewster',
  'Caldwell',
  'Cameron',
  'Cherokee',
  'Collin',
  'Comal',
  'Denton',
  'Ector',
  'Ellis',
  'Fannin',
  'Galveston',
  'Gregg',
  'Hays',
  'Hidalgo',
  'Hood',
  'Hunt',
  'Jasper',
  'Kendall',
  'Lamar',
  'Liberty',
  'Llano',
  'Midland',
  'Navarro',
  'Nueces',
  'Orange',
  'Parker',
  'Potter',
];

/** `n` (at most 32) distinct county sheriff agreements in `state`, signed on `signed`: bulk for a list. */
export function fillerRows(n: number, state = 'TX', model: Model = 'JEM', signed = '2024-06-03'): IceRow[] {
  if (n > COUNTIES.length) throw new Error(`fillerRows: at most ${COUNTIES.length} rows`);
  return COUNTIES.slice(0, n).map((c): IceRow => [state, `${c} County Sheriff's Office`, model, signed]);
}
