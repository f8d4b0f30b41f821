/**
 * Loads the reviewed data files that hold human judgement (corrections, aliases, known-bad publications).
 * Every entry carries its evidence and review date; a file with a bad shape is refused with file and line.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { ReferenceFileError } from '../domain/errors.ts';
import { LEVELS } from '../domain/geography.ts';

export const REFERENCE_DIR = fileURLToPath(new URL('.', import.meta.url));

export interface ReferenceSpec {
  file: string;
  columns: readonly string[];
  /** Columns that must be non-empty on every row. */
  required: readonly string[];
  /** Allowed values per column. */
  allowed?: Record<string, readonly string[]>;
}

export const SPECS = {
  stateCorrections: {
    file: 'state-corrections.csv',
    columns: ['wrong', 'correct', 'evidence', 'reviewed'],
    required: ['wrong', 'correct', 'evidence', 'reviewed'],
  },
  nameAbbreviations: {
    file: 'name-abbreviations.csv',
    columns: ['abbreviation', 'expansion', 'evidence', 'reviewed'],
    required: ['abbreviation', 'expansion', 'evidence', 'reviewed'],
  },
  agencyAliases: {
    file: 'agency-aliases.csv',
    columns: ['verdict', 'state_a', 'name_a', 'state_b', 'name_b', 'evidence', 'reviewed'],
    required: ['verdict', 'state_a', 'name_a', 'state_b', 'name_b', 'evidence', 'reviewed'],
    allowed: { verdict: ['same', 'distinct'] },
  },
  knownBadPublications: {
    file: 'known-bad-publications.csv',
    columns: ['sha256', 'verdict', 'reason', 'evidence', 'reviewed'],
    required: ['sha256', 'verdict', 'reason', 'evidence', 'reviewed'],
    allowed: { verdict: ['quarantine', 'release'] },
  },
  signedDateCorrections: {
    file: 'signed-date-corrections.csv',
    columns: ['state', 'agency', 'model', 'published', 'corrected', 'evidence', 'reviewed'],
    required: ['state', 'agency', 'model', 'published', 'corrected', 'evidence', 'reviewed'],
    allowed: { model: ['JEM', 'WSO', 'TFM'] },
  },
  countyCorrections: {
    file: 'county-corrections.csv',
    columns: ['state', 'wrong', 'correct', 'evidence', 'reviewed'],
    required: ['state', 'wrong', 'correct', 'evidence', 'reviewed'],
  },
  publicationDatePolicy: {
    file: 'publication-date-policy.csv',
    columns: ['rule', 'value', 'evidence', 'reviewed'],
    required: ['rule', 'value', 'evidence', 'reviewed'],
    allowed: { rule: ['first_list', 'future_skew_days'] },
  },
  geographyOverrides: {
    file: 'geography-overrides.csv',
    columns: ['agency_id', 'state', 'name', 'level', 'county_fips', 'place', 'evidence', 'reviewed'],
    required: ['agency_id', 'state', 'name', 'level', 'evidence', 'reviewed'],
    allowed: { level: LEVELS },
  },
  multiCountyMembers: {
    file: 'multi-county-members.csv',
    columns: [
      'agency_id',
      'state',
      'name',
      'kind',
      'county_fips',
      'evidence_kind',
      'evidence_url',
      'evidence',
      'reviewed',
    ],
    required: [
      'agency_id',
      'state',
      'name',
      'kind',
      'county_fips',
      'evidence_kind',
      'evidence_url',
      'evidence',
      'reviewed',
    ],
    allowed: {
      kind: ['jail-authority', 'judicial-circuit', 'task-force'],
      evidence_kind: ['statute', 'own-site', 'official-site'],
    },
  },
} as const satisfies Record<string, ReferenceSpec>;

export type ReferenceName = keyof typeof SPECS;
export type ReferenceRow<N extends ReferenceName> = Record<(typeof SPECS)[N]['columns'][number], string>;

/** Parses and checks one reviewed CSV. Exposed for the shape tests and for alternative directories. */
export function parseReference(spec: ReferenceSpec, text: string): Record<string, string>[] {
  const records = parse(text, {
    columns: false,
    skip_empty_lines: true,
    relax_column_count: true,
  }) as string[][];
  const [header, ...rows] = records;
  if (!header || header.join(',') !== spec.columns.join(','))
    throw new ReferenceFileError(spec.file, 1, `header must be: ${spec.columns.join(',')}`);
  return rows.map((cells, i) => {
    const line = i + 2;
    if (cells.length !== spec.columns.length)
      throw new ReferenceFileError(
        spec.file,
        line,
        `expected ${spec.columns.length} fields, found ${cells.length}`,
      );
    const row: Record<string, string> = {};
    spec.columns.forEach((c, j) => {
      row[c] = (cells[j] ?? '').trim();
    });
    for (const c of spec.required)
      if (!row[c]) throw new ReferenceFileError(spec.file, line, `${c} is empty`);
    for (const [c, ok] of Object.entries(spec.allowed ?? {}))
      if (!ok.includes(row[c] ?? ''))
        throw new ReferenceFileError(spec.file, line, `${c} must be one of ${ok.join('/')}`);
    if (row.reviewed !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(row.reviewed))
      throw new ReferenceFileError(spec.file, line, 'reviewed must be a YYYY-MM-DD date');
    return row;
  });
}

const cache = new Map<string, Record<string, string>[]>();

export function loadReference<N extends ReferenceName>(name: N, dir = REFERENCE_DIR): ReferenceRow<N>[] {
  const spec = SPECS[name];
  const key = `${dir}\0${spec.file}`;
  let rows = cache.get(key);
  if (!rows) {
    rows = parseReference(spec, readFileSync(`${dir}/${spec.file}`, 'utf8'));
    cache.set(key, rows);
  }
  return rows as ReferenceRow<N>[];
}
