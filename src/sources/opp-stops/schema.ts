/**
 * The Open Policing Project's standardized stop schema (§1): each known column's type by name (the DuckDB type
 * the typed ingest reads it as; unknown columns, e.g. `raw_*`, are text), the vocabularies of the enumerated
 * columns, and the legacy values mapped with a flag instead of quarantined.
 */

export const RACES = ['asian/pacific islander', 'black', 'hispanic', 'white', 'other', 'unknown'] as const;
export type Race = (typeof RACES)[number];
export type Flag = boolean | null;

/** DuckDB column types used by the typed ingest. */
export type ColumnType = 'VARCHAR' | 'DATE' | 'TIME' | 'DOUBLE' | 'BOOLEAN';

export const BOOLEAN_COLUMNS = [
  'arrest_made',
  'citation_issued',
  'warning_issued',
  'frisk_performed',
  'search_conducted',
  'search_person',
  'search_vehicle',
  'contraband_found',
  'contraband_drugs',
  'contraband_weapons',
  'contraband_alcohol',
  'contraband_other',
] as const;

const TYPED: Record<string, ColumnType> = {
  date: 'DATE',
  time: 'TIME',
  lat: 'DOUBLE',
  lng: 'DOUBLE',
  subject_age: 'DOUBLE',
  ...Object.fromEntries(BOOLEAN_COLUMNS.map((c) => [c, 'BOOLEAN' as const])),
};

/** Allowed values of the enumerated columns. */
export const VOCABULARIES: Record<string, readonly string[]> = {
  subject_race: RACES,
  officer_race: RACES,
  subject_sex: ['male', 'female'],
  type: ['vehicular', 'pedestrian'],
  outcome: ['warning', 'citation', 'summons', 'arrest'],
  search_basis: ['k9', 'plain view', 'consent', 'probable cause', 'other'],
};

/** Legacy values accepted and rewritten (with a count in the dataset's problems), per column. */
export const LEGACY_VALUES: Record<string, Record<string, string>> = {
  subject_race: { 'other/unknown': 'unknown' },
  officer_race: { 'other/unknown': 'unknown' },
};

/** Columns every stop file must have. */
export const REQUIRED_COLUMNS = ['date', 'subject_race'] as const;

/** Subgeography columns, in the order they are preferred (§1: first group state data, second cities). */
export const SUBGEOGRAPHY_COLUMNS = [
  'district',
  'precinct',
  'beat',
  'zone',
  'region',
  'sector',
  'service_area',
];

export interface TypedColumn {
  name: string;
  type: ColumnType;
}

/** The type of one column by name. */
export function columnType(name: string): ColumnType {
  return TYPED[name] ?? 'VARCHAR';
}

/**
 * The typed columns of a header, in file order. Refuses a header with a duplicate or empty name, or without a
 * required column, naming the file.
 */
export function typedColumns(header: string[], file: string): TypedColumn[] {
  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (name.trim() === '') throw new Error(`${file}: header column ${i + 1} has no name`);
    if (seen.has(name)) throw new Error(`${file}: header names column "${name}" twice`);
    seen.add(name);
  });
  for (const c of REQUIRED_COLUMNS)
    if (!seen.has(c))
      throw new Error(`${file}: the header has no "${c}" column (OPP standardized schema expected)`);
  return header.map((name) => ({ name, type: columnType(name) }));
}

/** The first subgeography column present in a header, if any. */
export function subgeographyColumn(columns: string[]): string | null {
  return SUBGEOGRAPHY_COLUMNS.find((c) => columns.includes(c)) ?? null;
}
