/**
 * The Census Bureau's Gazetteer files of places (`2020_Gaz_place_national`: cities, towns, villages, boroughs and
 * census-designated places) and of county subdivisions (`2020_Gaz_cousubs_national`: townships and the like), as
 * published (a ZIP holding one tab-separated text file) or unzipped; read by column name. Each row gives a
 * place's internal point (INTPTLAT, INTPTLONG): a point inside it, which is where the map draws its agencies.
 * A place's GEOID has 7 digits (state + place), a county subdivision's 10 (state + county + subdivision).
 */
import { InputError } from '../../domain/errors.ts';
import { ZipArchive } from '../xlsx/zip.ts';

export type GazetteerLayer = 'place' | 'cousub';

export interface GazetteerPlace {
  layer: GazetteerLayer;
  /** USPS state code. */
  state: string;
  geoid: string;
  /** As published, with its kind word (`Camp Hill town`). */
  name: string;
  /** Without its kind word (`Camp Hill`): what agency names use. */
  baseName: string;
  lat: number;
  lon: number;
  /** County subdivisions lie in one county (its FIPS, the first five digits); places are null. */
  countyFips: string | null;
}

export interface GazetteerRead {
  layer: GazetteerLayer;
  places: GazetteerPlace[];
  rows: number;
  problems: { row: number; field: string; message: string }[];
}

const REQUIRED = ['USPS', 'GEOID', 'NAME', 'INTPTLAT', 'INTPTLONG'] as const;

/** The kind words the Census appends to names (longest first). */
const KIND_WORDS =
  /\s+(?:city and borough|consolidated government \(balance\)|metropolitan government \(balance\)|metro government \(balance\)|unified government \(balance\)|consolidated government|metropolitan government|unified government|urban county|comunidad|zona urbana|municipality|plantation|reservation|corporation|township|borough|village|city|town|CDP|charter township|gore|grant|location|purchase|district|precinct|UT|CCD|barrio-pueblo|barrio|\(balance\))$/i;

/** A Gazetteer name without its kind word(s): `Nashville-Davidson metropolitan government (balance)` → `Nashville-Davidson`. */
export function baseNameOf(name: string): string {
  let s = name.trim();
  for (let i = 0; i < 3; i++) {
    const next = s.replace(KIND_WORDS, '').trim();
    if (next === s || next === '') break;
    s = next;
  }
  return s;
}

/** Whether a header line is a Gazetteer file's (tab-separated, with USPS, GEOID and the internal point). */
export function isGazetteerHeader(line: string): boolean {
  const cols = line
    .replace(/^\uFEFF/, '')
    .split('\t')
    .map((c) => c.trim());
  return REQUIRED.every((c) => cols.includes(c));
}

/** The text of a Gazetteer file: the bytes themselves, or the one `.txt` file of a ZIP. */
export function gazetteerText(bytes: Buffer, file: string): string {
  let body = bytes;
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const zip = new ZipArchive(bytes, file);
    const name = [...zip.entries.keys()].find((n) => /\.txt$/i.test(n));
    const inner = name ? zip.read(name) : undefined;
    if (!inner) throw new InputError(file, 'the ZIP archive holds no .txt Gazetteer file');
    body = inner;
  }
  const text = body.toString('utf8');
  // Older Gazetteer files are Latin-1: decoded as UTF-8 they show replacement characters.
  return (text.includes('\uFFFD') ? body.toString('latin1') : text).replace(/^\uFEFF/, '');
}

function readRow(
  cells: string[],
  col: Record<string, number>,
  row: number,
  problems: GazetteerRead['problems'],
) {
  const get = (k: string) => (cells[col[k] as number] ?? '').trim();
  const geoid = get('GEOID');
  const state = get('USPS');
  const lat = Number(get('INTPTLAT'));
  const lon = Number(get('INTPTLONG'));
  if (!/^(\d{7}|\d{10})$/.test(geoid)) {
    problems.push({ row, field: 'GEOID', message: `not a place or county subdivision code: "${geoid}"` });
    return null;
  }
  if (!/^[A-Z]{2}$/.test(state)) {
    problems.push({ row, field: 'USPS', message: `not a state code: "${state}"` });
    return null;
  }
  if (
    !Number.isFinite(lat) ||
    !Number.isFinite(lon) ||
    Math.abs(lat) > 90 ||
    Math.abs(lon) > 180 ||
    get('INTPTLAT') === ''
  ) {
    problems.push({
      row,
      field: 'INTPTLAT',
      message: `not a coordinate: "${get('INTPTLAT')}, ${get('INTPTLONG')}"`,
    });
    return null;
  }
  const name = get('NAME');
  const layer: GazetteerLayer = geoid.length === 7 ? 'place' : 'cousub';
  return {
    layer,
    state,
    geoid,
    name,
    baseName: baseNameOf(name),
    lat,
    lon,
    countyFips: layer === 'cousub' ? geoid.slice(0, 5) : null,
  };
}

export function readGazetteer(bytes: Buffer, file: string): GazetteerRead {
  const lines = gazetteerText(bytes, file).split(/\r?\n/);
  const header = (lines[0] ?? '').split('\t').map((c) => c.trim());
  const col: Record<string, number> = {};
  for (const c of REQUIRED) {
    const i = header.indexOf(c);
    if (i < 0) throw new InputError(file, `the Gazetteer file has no column ${c}`, 1, c);
    col[c] = i;
  }
  const problems: GazetteerRead['problems'] = [];
  const places: GazetteerPlace[] = [];
  let rows = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    rows++;
    const p = readRow(line.split('\t'), col, i + 1, problems);
    if (!p) continue;
    if (places[0] && p.layer !== places[0].layer)
      throw new InputError(file, 'the Gazetteer file mixes places and county subdivisions', i + 1, 'GEOID');
    places.push(p);
  }
  const layer = places[0]?.layer;
  if (!layer) throw new InputError(file, 'the Gazetteer file has no place rows');
  return { layer, places, rows, problems };
}
