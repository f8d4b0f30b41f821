/**
 * Reference files (county shapes, the FBI agency table, ACS county population) are sources like ICE's lists:
 * recognised by their content (columns), raw bytes kept by sha256, every retrieval recorded, parsed into the
 * ledger's reference tables. The latest file of a kind is the one placements use; ACS tables are kept per vintage.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { InputError } from '../domain/errors.ts';
import { readB03002 } from '../sources/census-acs/read-b03002.ts';
import {
  gazetteerText,
  isGazetteerHeader,
  readGazetteer,
} from '../sources/census-gazetteer/read-gazetteer.ts';
import { isZctaCountyHeader, readZctaCounty } from '../sources/census-zcta/read-zcta-county.ts';
import { readLeeCsv } from '../sources/fbi-lee/read-lee.ts';
import { parseCountyTopology } from '../sources/us-atlas/read-counties.ts';
import type { Db } from '../store/db.ts';
import { replacePlaces, replaceZctaCounties } from '../store/place-references.ts';
import { insertRawFile } from '../store/raw-files.ts';
import type { RawStore } from '../store/raw-store.ts';
import {
  insertReferenceFile,
  type ReferenceKind,
  type ReferenceProblem,
  referenceFile,
  replaceCounties,
  replaceFbiAgencies,
  replacePopulation,
} from '../store/references.ts';
import { checkRecords } from './storable.ts';

export type { ReferenceKind };

const MEDIA: Record<ReferenceKind, string> = {
  'us-atlas-counties': 'application/json',
  'fbi-lee': 'text/csv',
  'acs-b03002': 'text/csv',
  'zcta-county': 'text/plain',
  'gazetteer-places': 'application/zip',
  'gazetteer-cousubs': 'application/zip',
};

/** A Gazetteer file (zipped or not) of places or of county subdivisions, by the GEOID of its first row; else null. */
function gazetteerKind(bytes: Buffer): 'gazetteer-places' | 'gazetteer-cousubs' | null {
  let text: string;
  try {
    text = gazetteerText(bytes, 'gazetteer');
  } catch {
    return null;
  }
  const [header = '', first = ''] = text.slice(0, 8192).split(/\r?\n/);
  if (!isGazetteerHeader(header)) return null;
  const geoid = first.split('\t')[header.split('\t').findIndex((c) => c.trim() === 'GEOID')]?.trim() ?? '';
  return geoid.length === 10 ? 'gazetteer-cousubs' : 'gazetteer-places';
}

/**
 * What a non-workbook file is, by its content: a TopoJSON with counties, a CSV or Census API table whose
 * columns are those of the FBI LEE table or of ACS B03002. `unknown` for other text, null for binary (left to
 * the workbook reader, which explains what it expected).
 */
export function recognizeReference(bytes: Buffer): ReferenceKind | 'unknown' | null {
  // A ZIP is a workbook, unless it holds a Gazetteer file.
  if (bytes.length >= 2 && bytes[0] === 0x50 && bytes[1] === 0x4b) return gazetteerKind(bytes);
  const head = bytes
    .subarray(0, 4096)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  if (head.includes('\u0000')) return null;
  const start = head.trimStart();
  if (start.startsWith('{') && /"type"\s*:\s*"Topology"/.test(head)) return 'us-atlas-counties';
  if (start.startsWith('[') && head.includes('B03002_')) return 'acs-b03002';
  const rawFirst = start.split(/\r?\n/)[0] ?? '';
  if (isZctaCountyHeader(rawFirst)) return 'zcta-county';
  if (isGazetteerHeader(rawFirst)) return gazetteerKind(bytes);
  const firstLine = rawFirst.toLowerCase();
  const cols = firstLine.split(',').map((c) => c.replace(/"/g, '').trim());
  const lee = [
    'ori',
    'pub_agency_name',
    'state_abbr',
    'county_name',
    'agency_type_name',
    'data_year',
    'population',
  ];
  if (lee.filter((c) => cols.includes(c)).length >= 3) return 'fbi-lee';
  if (
    firstLine.includes('b03002_') ||
    firstLine.includes('estimate; total') ||
    (cols.includes('id2') && cols.includes('geography'))
  )
    return 'acs-b03002';
  // HTML and other text go to the workbook reader, which says what they are (an HTML error page, …).
  if (start.startsWith('<')) return null;
  if (start.startsWith('{') || start.startsWith('[') || firstLine.includes(',')) return 'unknown';
  return null;
}

/** The vintage of an ACS file: given by the fetch, else read from a name like `acs_2017_5yr…`. */
export function acsVintage(file: string, given?: string | null): string {
  if (given) return given;
  const m = /acs[_-]?(\d{4})|(\d{4})[_-]?5yr|\/(\d{4})\/acs/i.exec(file);
  return m?.[1] ?? m?.[2] ?? m?.[3] ?? 'unknown';
}

export interface ReferenceInput {
  bytes: Buffer;
  file: string;
  sha256: string;
  vintage?: string | null;
}

export interface ReferenceResult {
  kind: ReferenceKind;
  vintage: string;
  rows: number;
  problems: ReferenceProblem[];
  status: 'new' | 'unchanged';
}

/** What a reference file holds, read, ready to store: its vintage, row count, row problems and its rows' writer. */
interface ReadReference {
  vintage: string;
  rows: number;
  problems: ReferenceProblem[];
  /** The rows read, as they will be stored. */
  records: readonly object[];
  /** Replaces the reference table's rows with the file's (after the file is recorded). */
  write: (tx: Db, sha256: string) => Promise<void>;
}

/** Reads a reference file of a known kind (throws InputError, naming file, row and field, if it cannot be read). */
function readReference(input: ReferenceInput, kind: ReferenceKind): ReadReference {
  if (kind === 'us-atlas-counties') {
    const counties = parseCountyTopology(input.bytes, input.file);
    return {
      vintage: input.vintage ?? 'unknown',
      rows: counties.length,
      problems: [],
      records: counties,
      write: (tx, sha256) => replaceCounties(tx, counties, sha256),
    };
  }
  if (kind === 'fbi-lee') {
    const r = readLeeCsv(input.bytes, input.file);
    if (r.agencies.length === 0) throw new InputError(input.file, 'the FBI agency table has no agency rows');
    return {
      vintage: input.vintage ?? r.vintage,
      rows: r.rows,
      problems: r.problems.slice(0, 200),
      records: r.agencies,
      write: (tx, sha256) => replaceFbiAgencies(tx, r.agencies, sha256),
    };
  }
  if (kind === 'zcta-county') {
    const r = readZctaCounty(input.bytes, input.file);
    return {
      vintage: input.vintage ?? '2020',
      rows: r.rows,
      problems: r.problems.slice(0, 200),
      records: r.parts,
      write: (tx, sha256) => replaceZctaCounties(tx, r.parts, sha256),
    };
  }
  if (kind === 'gazetteer-places' || kind === 'gazetteer-cousubs') {
    const r = readGazetteer(input.bytes, input.file);
    const want = kind === 'gazetteer-places' ? 'place' : 'cousub';
    if (r.layer !== want) throw new InputError(input.file, `expected a Gazetteer file of ${want}s`);
    return {
      vintage: input.vintage ?? /(\d{4})_Gaz_/.exec(input.file)?.[1] ?? 'unknown',
      rows: r.rows,
      problems: r.problems.slice(0, 200),
      records: r.places,
      write: (tx, sha256) => replacePlaces(tx, r.layer, r.places, sha256),
    };
  }
  const r = readB03002(input.bytes, input.file);
  if (r.counties.length === 0) throw new InputError(input.file, 'the ACS table has no county rows');
  const vintage = acsVintage(input.file, input.vintage);
  return {
    vintage,
    rows: r.rows,
    problems: r.problems.slice(0, 200),
    records: r.counties,
    write: (tx, sha256) => replacePopulation(tx, vintage, r.counties, sha256),
  };
}

/** Parses and stores one reference file (throws InputError, naming file, row and field, if it cannot be read). */
export async function storeReference(
  tx: Db,
  raw: RawStore,
  input: ReferenceInput,
  kind: ReferenceKind,
  runId: number,
  at: string,
): Promise<ReferenceResult> {
  const existing = await referenceFile(tx, input.sha256);
  // Known bytes repair their raw copy if it was damaged or deleted.
  if (existing) await raw.putAsync(input.sha256, input.bytes);
  if (existing)
    return {
      kind,
      vintage: existing.vintage,
      rows: existing.rows,
      problems: existing.problems,
      status: 'unchanged',
    };
  const sha256 = input.sha256;
  const read = readReference(input, kind);
  checkRecords(input.file, read.records);
  checkRecords(input.file, read.problems, 'problem');
  const { vintage, rows, problems } = read;
  // The raw bytes, the raw-file record and the reference-file record first, then the parsed rows.
  await raw.putAsync(sha256, input.bytes);
  await insertRawFile(tx, sha256, input.bytes.length, MEDIA[kind], at);
  await insertReferenceFile(tx, { sha256, kind, vintage, file: input.file, rows, problems, runId, at });
  await read.write(tx, sha256);
  return { kind, vintage, rows, problems, status: 'new' };
}

/**
 * The county shapes shipped with the `us-atlas` package (a dependency, so present offline). The recorded file name
 * is the package path, never the absolute path on this machine (which would leak into the API and change with the
 * checkout's location).
 */
export function bundledCounties(): { bytes: Buffer; file: string; vintage: string; url: string } {
  const require = createRequire(import.meta.url);
  const path = require.resolve('us-atlas/counties-10m.json');
  const version = (require('us-atlas/package.json') as { version: string }).version;
  return {
    bytes: readFileSync(path),
    file: 'us-atlas/counties-10m.json',
    vintage: `2017 boundaries (us-atlas ${version})`,
    url: `npm:us-atlas@${version}/counties-10m.json`,
  };
}
