/**
 * `reassess stops ingest`: a stop file into the ledger and DuckDB. The raw file is streamed into the raw store
 * (by sha256), a zip's CSV extracted to a scratch file, the header read by name, the rows loaded with every
 * column typed (OPP schema) or through a reviewed mapping, failures quarantined by reason, and the dataset's
 * metadata saved with its row counts and problems. One run record (stop_runs) holds the report.
 */
import { basename, join } from 'node:path';
import { loadStopLocations } from '../reference/stops.ts';
import { datasetId } from '../sources/opp-stops/file-name.ts';
import { parseHeaderLine } from '../sources/opp-stops/header.ts';
import { type ColumnMapping, parseMapping } from '../sources/opp-stops/mapping.ts';
import { LEGACY_VALUES, typedColumns, VOCABULARIES } from '../sources/opp-stops/schema.ts';
import {
  finishStopRun,
  recordStopRawFile,
  type StopDatasetRecord,
  saveStopDataset,
  startStopRun,
} from '../store/stop-datasets.ts';
import type { LoadResult } from '../store/stops/load-csv.ts';
import { loadTypedCsv } from '../store/stops/load-csv.ts';
import { loadMappedCsv } from '../store/stops/load-mapped.ts';
import { tablePeriod } from '../store/stops/profile.ts';
import { readHead, readText, removeFile, storeRawFile } from '../store/stops/raw-file.ts';
import { extractCsvEntry } from '../store/stops/zip-entry.ts';
import { datasetMetadata, type MetadataOverrides } from './dataset-metadata.ts';
import { type AnalyzeDeps, isoNow, today } from './deps.ts';
import { resolveAgency } from './resolve-agency.ts';

export interface IngestStopsOptions extends MetadataOverrides {
  file: string;
  name?: string;
  agency?: string;
  mapping?: string;
}

export interface IngestStopsReport {
  dataset: StopDatasetRecord;
  newRawFile: boolean;
  examples: LoadResult['examples'];
}

const ZIP = 'application/zip';

async function loadRows(
  deps: AnalyzeDeps,
  csvPath: string,
  table: string,
  label: string,
  mapping: ColumnMapping | null,
): Promise<{ load: LoadResult; columns: { name: string; type: string }[] }> {
  const header = parseHeaderLine((await readHead(csvPath)).toString('utf8'), label);
  const dates = { from: '1970-01-01', to: today(deps) };
  if (mapping) {
    for (const c of mapping.columns)
      if (!header.includes(c.source))
        throw new Error(`${mapping.file}: ${label} has no column "${c.source}" (for ${c.target})`);
    const load = await loadMappedCsv(deps.duck, { csvPath, table, header, columns: mapping.columns, dates });
    return { load, columns: mapping.columns.map((c) => ({ name: c.target, type: c.type })) };
  }
  const columns = typedColumns(header, label);
  const load = await loadTypedCsv(deps.duck, {
    csvPath,
    table,
    columns,
    vocabularies: VOCABULARIES,
    legacy: LEGACY_VALUES,
    dates,
  });
  return { load, columns };
}

/** Where DuckDB reads the rows from: the stored file itself, or its zip's CSV extracted to scratch. */
async function csvSource(deps: AnalyzeDeps, stored: { path: string; size: number; sha256: string }) {
  const zipped = (await readHead(stored.path, 4)).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  if (!zipped) return { csvPath: stored.path, scratch: null, mediaType: 'text/csv' };
  const scratch = join(deps.scratchDir ?? deps.ledger.home, `stops-${stored.sha256.slice(0, 16)}.csv`);
  await extractCsvEntry(stored.path, stored.size, scratch);
  return { csvPath: scratch, scratch, mediaType: ZIP };
}

export async function ingestStops(deps: AnalyzeDeps, opts: IngestStopsOptions): Promise<IngestStopsReport> {
  const { db } = deps.ledger;
  const started = isoNow(deps);
  const runId = await startStopRun(db, 'stops ingest', started);
  const label = basename(opts.file);
  const mapping = opts.mapping ? parseMapping(await readText(opts.mapping), opts.mapping) : null;
  deps.log(`stops ingest: storing ${label}`);
  const stored = await storeRawFile(deps.ledger.raw, opts.file);
  const src = await csvSource(deps, stored);
  try {
    const id = datasetId(opts.name ?? label);
    const table = `stops_${id}`;
    deps.log(`stops ingest: loading rows into DuckDB table ${table}`);
    const { load, columns } = await loadRows(deps, src.csvPath, table, label, mapping);
    const meta = datasetMetadata(label, loadStopLocations(deps.referenceDir), mapping, opts);
    const agency = opts.agency ? await resolveAgency(db, opts.agency, meta.state) : null;
    const period = await tablePeriod(deps.duck, table);
    const dataset: StopDatasetRecord = {
      datasetId: id,
      name: opts.name ?? label,
      file: label,
      sha256: stored.sha256,
      size: stored.size,
      mediaType: src.mediaType,
      source: meta.source,
      licence: meta.licence,
      location: meta.location,
      state: meta.state,
      countyFips: meta.countyFips ?? agency?.countyFips[0] ?? null,
      agencyId: agency?.agencyId ?? null,
      centre: meta.centre,
      timeZone: meta.timeZone,
      period: { from: period.from, to: period.to },
      rows: { read: load.rowsRead, loaded: load.rowsLoaded, quarantined: load.rowsRead - load.rowsLoaded },
      quarantine: load.quarantine,
      problems: [
        ...meta.problems,
        ...load.flags.map((f) => `${f.rows} rows with a ${f.flag} (mapped to unknown)`),
      ],
      columns,
      duckTable: table,
      mapping: mapping ? basename(mapping.file) : null,
      runId,
      ingestedAt: isoNow(deps),
    };
    await recordStopRawFile(db, stored.sha256, stored.size, src.mediaType, started);
    await saveStopDataset(db, dataset);
    await finishStopRun(db, runId, isoNow(deps), {
      inputs: [{ role: 'stops', file: label, sha256: stored.sha256, size: stored.size }],
      dataset: id,
      rows: dataset.rows,
      quarantine: load.quarantine,
    });
    return { dataset, newRawFile: stored.isNew, examples: load.examples };
  } finally {
    if (src.scratch) await removeFile(src.scratch);
  }
}
