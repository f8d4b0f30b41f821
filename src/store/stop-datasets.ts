/**
 * Stop datasets in the ledger (issue 17): the runs of stop commands, the raw file's record, each dataset's
 * metadata (source, licence, location, centre point and time zone, period, row counts, quarantine, problems) and
 * the list behind `reassess stops list`. The rows themselves are in DuckDB (src/store/stops/).
 */
import type { Db } from './db.ts';

export interface StopDatasetRecord {
  datasetId: string;
  name: string;
  file: string;
  sha256: string;
  size: number;
  mediaType: string;
  source: string;
  licence: string;
  location: string;
  state: string | null;
  countyFips: string | null;
  agencyId: string | null;
  centre: { lat: number; lng: number } | null;
  timeZone: string | null;
  period: { from: string | null; to: string | null };
  rows: { read: number; loaded: number; quarantined: number };
  quarantine: { reason: string; rows: number }[];
  problems: string[];
  columns: { name: string; type: string }[];
  duckTable: string;
  mapping: string | null;
  runId: number;
  ingestedAt: string;
}

export async function startStopRun(db: Db, command: string, at: string): Promise<number> {
  const r = await db
    .insertInto('stop_runs')
    .values({ command, started_at: at })
    .returning('run_id')
    .executeTakeFirstOrThrow();
  return r.run_id;
}

export async function finishStopRun(db: Db, runId: number, at: string, report: Record<string, unknown>) {
  await db
    .updateTable('stop_runs')
    .set({ finished_at: at, report: JSON.stringify(report) })
    .where('run_id', '=', runId)
    .execute();
}

/** The latest stop run id (0 when none): a finished analysis changes what the pages and the API show. */
export async function latestStopRunId(db: Db): Promise<number> {
  const r = await db
    .selectFrom('stop_runs')
    .select((eb) => eb.fn.max('run_id').as('v'))
    .executeTakeFirst();
  return Number(r?.v ?? 0);
}

/** The raw file's record (once per sha256, as every input of the ledger). */
export async function recordStopRawFile(db: Db, sha256: string, size: number, mediaType: string, at: string) {
  if (size > 2_147_483_647)
    throw new Error(
      `a stop file of ${size} bytes is larger than the ledger's raw-file record holds (2 GiB): zip it first (OPP publishes .csv.zip)`,
    );
  await db
    .insertInto('raw_files')
    .values({ sha256, size, media_type: mediaType, first_seen: at })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

const toRow = (d: StopDatasetRecord) => ({
  dataset_id: d.datasetId,
  name: d.name,
  file: d.file,
  sha256: d.sha256,
  size: d.size,
  media_type: d.mediaType,
  source: d.source,
  licence: d.licence,
  location: d.location,
  state: d.state,
  county_fips: d.countyFips,
  agency_id: d.agencyId,
  centre_lat: d.centre?.lat ?? null,
  centre_lng: d.centre?.lng ?? null,
  time_zone: d.timeZone,
  period_from: d.period.from,
  period_to: d.period.to,
  rows_read: d.rows.read,
  rows_loaded: d.rows.loaded,
  rows_quarantined: d.rows.quarantined,
  quarantine: JSON.stringify(d.quarantine),
  problems: JSON.stringify(d.problems),
  columns: JSON.stringify(d.columns),
  duck_table: d.duckTable,
  mapping: d.mapping,
  run_id: d.runId,
  ingested_at: d.ingestedAt,
});

/** Inserts or replaces a dataset's metadata (a re-ingest under the same name replaces it). */
export async function saveStopDataset(db: Db, d: StopDatasetRecord): Promise<void> {
  const row = toRow(d);
  const { dataset_id: _id, ...rest } = row;
  await db
    .insertInto('stop_datasets')
    .values(row)
    .onConflict((oc) => oc.column('dataset_id').doUpdateSet(rest))
    .execute();
}

type DatasetRow = Awaited<ReturnType<typeof selectDatasets>>[number];

function selectDatasets(db: Db, id?: string) {
  let q = db.selectFrom('stop_datasets').selectAll().orderBy('dataset_id');
  if (id !== undefined) q = q.where('dataset_id', '=', id);
  return q.execute();
}

const fromRow = (r: DatasetRow): StopDatasetRecord => ({
  datasetId: r.dataset_id,
  name: r.name,
  file: r.file,
  sha256: r.sha256,
  size: Number(r.size),
  mediaType: r.media_type,
  source: r.source,
  licence: r.licence,
  location: r.location,
  state: r.state,
  countyFips: r.county_fips,
  agencyId: r.agency_id,
  centre:
    r.centre_lat !== null && r.centre_lng !== null
      ? { lat: Number(r.centre_lat), lng: Number(r.centre_lng) }
      : null,
  timeZone: r.time_zone,
  period: { from: r.period_from, to: r.period_to },
  rows: { read: r.rows_read, loaded: r.rows_loaded, quarantined: r.rows_quarantined },
  quarantine: r.quarantine,
  problems: r.problems,
  columns: r.columns,
  duckTable: r.duck_table,
  mapping: r.mapping,
  runId: r.run_id,
  ingestedAt: r.ingested_at,
});

export async function listStopDatasets(db: Db): Promise<StopDatasetRecord[]> {
  return (await selectDatasets(db)).map(fromRow);
}

export async function getStopDataset(db: Db, id: string): Promise<StopDatasetRecord | null> {
  const [r] = await selectDatasets(db, id);
  return r ? fromRow(r) : null;
}

export interface AgencyMatch {
  agencyId: string;
  name: string;
  state: string;
  ori: string | null;
  countyFips: string[];
}

/** Agencies matching an ID or a name (any name the agency was listed under, case-insensitive). */
export async function findAgencies(db: Db, idOrName: string, state?: string): Promise<AgencyMatch[]> {
  const byName = db
    .selectFrom('agency_names')
    .select('agency_id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', idOrName.toLowerCase()));
  let q = db
    .selectFrom('agencies as a')
    .leftJoin('placements as p', 'p.agency_id', 'a.agency_id')
    .select(['a.agency_id', 'a.first_name', 'a.state', 'p.name', 'p.ori', 'p.county_fips'])
    .where((eb) => eb.or([eb('a.agency_id', '=', idOrName), eb('a.agency_id', 'in', byName)]))
    .where('a.merged_into', 'is', null);
  if (state) q = q.where('a.state', '=', state);
  const rows = await q.orderBy('a.agency_id').execute();
  return rows.map((r) => ({
    agencyId: r.agency_id,
    name: r.name ?? r.first_name,
    state: r.state,
    ori: r.ori ?? null,
    countyFips: r.county_fips ?? [],
  }));
}
