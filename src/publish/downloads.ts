/**
 * Bulk downloads: agencies, agreements, events, publications and the archived MOA documents as CSV and JSON (the
 * same columns in both),
 * agencies as GeoJSON points (the centroid of the counties each agency is placed in), the full history as one
 * JSON file, and a Frictionless `datapackage.json` describing every file. Columns are declared once below, so
 * CSV headers, JSON records and the data package's schemas cannot drift apart; a column of a record field takes
 * its description (and type) from the field's schema in src/api/schemas.ts, as the OpenAPI document does.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { z } from '@hono/zod-openapi';
import { geoCentroid } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { ICE_PAGE, LICENCE } from '../api/envelope.ts';
import {
  AgencySummary,
  Agreement,
  type ColumnDoc,
  columnDocs,
  Event,
  Publication,
  type TAgencySummary,
  type TAgreement,
  type TEvent,
  type TPublication,
} from '../api/schemas.ts';
import { toCsv as csvOf } from '../domain/csv.ts';
import { type DocumentSummary, listDocuments } from '../read/documents.ts';
import { buildView, type LedgerView } from '../read/model.ts';
import type { Db } from '../store/db.ts';

export interface DownloadFile {
  path: string;
  contentType: string;
  body: string;
}

type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'object';
type Cell = string | number | boolean | null | Record<string, unknown>;

interface Column<T> {
  name: string;
  type: FieldType;
  description: string;
  value: (row: T) => Cell;
}

const LIST_SEP = '; ';
const list = (xs: readonly string[]) => xs.join(LIST_SEP);

/** A field's column type: a date as its description says, else as its schema says (text unless told). */
function fieldType(schema: z.ZodType, doc: ColumnDoc): FieldType {
  if (doc.type) return doc.type;
  let t: z.core.$ZodType = schema;
  while (t._zod.def.type === 'nullable') t = (t._zod.def as z.core.$ZodNullableDef).innerType;
  if (t._zod.def.type === 'number') return (t as z.ZodNumber).format === 'safeint' ? 'integer' : 'number';
  if (t._zod.def.type === 'boolean') return 'boolean';
  if (t._zod.def.type === 'record') return 'object';
  return 'string';
}

/** A column of a record field: its description and type from the field's schema (src/api/schemas.ts). */
function field<T>(name: string, schema: z.ZodType, value: (row: T) => Cell): Column<T> {
  const doc = columnDocs.get(schema);
  if (!doc) throw new Error(`the schema of download column ${name} has no description`);
  return { name, type: fieldType(schema, doc), description: doc.description, value };
}

/** A column of a list field: its items joined by LIST_SEP. */
function listField<T>(name: string, schema: z.ZodType, value: (row: T) => readonly string[]): Column<T> {
  const c = field<T>(name, schema, (r) => list(value(r)));
  return { ...c, description: `${c.description}, separated by "${LIST_SEP}"` };
}

function agencyColumns(view: LedgerView): Column<TAgencySummary>[] {
  const A = AgencySummary.shape;
  const countyLabels = (a: TAgencySummary) => list(a.countyFips.map((f) => view.counties.get(f)?.label ?? f));
  return [
    field('agency_id', A.agencyId, (a) => a.agencyId),
    field('name', A.name, (a) => a.name),
    field('state', A.state, (a) => a.state),
    field('status', A.status, (a) => a.status),
    listField('models', A.models, (a) => a.models),
    listField('pending_models', A.pendingModels, (a) => a.pendingModels),
    field('level', A.level, (a) => a.level),
    listField('county_fips', A.countyFips, (a) => a.countyFips),
    {
      name: 'counties',
      type: 'string',
      description: `Names of those counties, separated by "${LIST_SEP}"`,
      value: countyLabels,
    },
    field('place', A.place, (a) => a.place),
    field('ori', A.ori, (a) => a.ori),
    field('first_seen', A.firstSeen, (a) => a.firstSeen),
    field('last_seen', A.lastSeen, (a) => a.lastSeen),
    listField('names', A.names, (a) => a.names),
    field('active_agreements', A.agreements.shape.active, (a) => a.agreements.active),
    field('pending_agreements', A.agreements.shape.pending, (a) => a.agreements.pending),
    field('total_agreements', A.agreements.shape.total, (a) => a.agreements.total),
  ];
}

const G = Agreement.shape;
const AGREEMENT_COLUMNS: Column<TAgreement>[] = [
  field('agreement_id', G.agreementId, (a) => a.agreementId),
  field('agency_id', G.agencyId, (a) => a.agencyId),
  field('state', G.state, (a) => a.state),
  field('name', G.name, (a) => a.name),
  field('model', G.model, (a) => a.model),
  field('status', G.status, (a) => a.status),
  field('signed', G.signed, (a) => a.signed),
  field('signed_published', G.signedPublished, (a) => a.signedPublished),
  field('signed_rule', G.signedRule, (a) => a.signedRule),
  field('first_listed', G.firstListed, (a) => a.firstListed),
  field('last_listed', G.lastListed, (a) => a.lastListed),
  field('first_publication', G.firstPublication, (a) => a.firstPublication),
  field('last_publication', G.lastPublication, (a) => a.lastPublication),
  field('first_pending', G.firstPending, (a) => a.firstPending),
  field('first_participating', G.firstParticipating, (a) => a.firstParticipating),
  field('days_pending_to_signed', G.daysPendingToSigned, (a) => a.daysPendingToSigned),
  field('moa_url', G.moaUrl, (a) => a.moaUrl),
  field('addendum_url', G.addendumUrl, (a) => a.addendumUrl),
  field('secondary_only', G.secondaryOnly, (a) => a.secondaryOnly),
  field('supersedes', G.supersedes, (a) => a.supersedes),
  field('superseded_by', G.supersededBy, (a) => a.supersededBy),
  field('not_on_latest_list', G.notOnLatestList, (a) => a.notOnLatestList),
  {
    name: 'intervals',
    type: 'string',
    description: `Listing intervals as "list from..to", separated by "${LIST_SEP}" (full detail in history.json)`,
    value: (a) => list(a.intervals.map((i) => `${i.list} ${i.from}..${i.to}`)),
  },
];

const E = Event.shape;
const EVENT_COLUMNS: Column<TEvent>[] = [
  field('event_id', E.eventId, (e) => e.eventId),
  field('date', E.date, (e) => e.date),
  field('kind', E.kind, (e) => e.kind),
  field('list', E.list, (e) => e.list),
  field('agency_id', E.agencyId, (e) => e.agencyId),
  field('agreement_id', E.agreementId, (e) => e.agreementId),
  field('state', E.state, (e) => e.state),
  field('name', E.name, (e) => e.name),
  field('model', E.model, (e) => e.model),
  field('publication_id', E.publication, (e) => e.publication),
  field('title', E.title, (e) => e.title),
  field('details', E.details, (e) => e.details),
];

const P = Publication.shape;
/** A model's rows in a publication (the `models` field, one column per model). */
const modelRows = (m: 'JEM' | 'WSO' | 'TFM'): Column<TPublication> => ({
  name: m.toLowerCase(),
  type: 'integer',
  description: `${m} rows`,
  value: (p) => p.models[m] ?? 0,
});
const PUBLICATION_COLUMNS: Column<TPublication>[] = [
  field('publication_id', P.publicationId, (p) => p.publicationId),
  field('kind', P.kind, (p) => p.kind),
  field('date', P.date, (p) => p.date),
  field('as_of', P.asOf, (p) => p.asOf),
  field('source', P.source, (p) => p.source),
  field('era', P.era, (p) => p.era),
  field('label', P.label, (p) => p.label),
  field('sha256', P.sha256, (p) => p.sha256),
  field('rows', P.rows, (p) => p.rows),
  field('agreements', P.agreements, (p) => p.agreements),
  modelRows('JEM'),
  modelRows('WSO'),
  modelRows('TFM'),
  field('states', P.states, (p) => p.states),
  field('hidden_rows', P.hiddenRows, (p) => p.hiddenRows),
  field('status', P.status, (p) => p.status),
  field('status_reason', P.statusReason, (p) => p.statusReason),
];

function record<T>(cols: Column<T>[], row: T): Record<string, Cell> {
  const out: Record<string, Cell> = {};
  for (const c of cols) out[c.name] = c.value(row);
  return out;
}

/** A table as CSV (domain/csv.ts: the one writer, which neutralises cells that start like a formula). */
function toCsv<T>(cols: Column<T>[], rows: readonly T[]): string {
  return csvOf(
    cols.map((c) => c.name),
    rows.map((r) =>
      cols.map((c) => {
        const v = c.value(r);
        if (v === null) return '';
        if (typeof v === 'object') return JSON.stringify(v);
        if (typeof v === 'boolean') return v ? 'true' : 'false';
        return v;
      }),
    ),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// County centroids

let centroids: Map<string, [number, number]> | null = null;
let countyFeatures: Map<string, GeoJSON.Feature> | null = null;

function countyShapes(): Map<string, GeoJSON.Feature> {
  if (!countyFeatures) {
    const require = createRequire(import.meta.url);
    const topo = JSON.parse(readFileSync(require.resolve('us-atlas/counties-10m.json'), 'utf8')) as Topology<{
      counties: GeometryCollection;
    }>;
    const fc = feature(topo, topo.objects.counties) as GeoJSON.FeatureCollection;
    countyFeatures = new Map(fc.features.map((f) => [String(f.id), f]));
  }
  return countyFeatures;
}

/** Centroid ([lon, lat], 5 decimals) of one or several counties; null when none is known. */
export function countyCentroid(fips: readonly string[]): [number, number] | null {
  centroids ??= new Map();
  const key = fips.join(',');
  const hit = centroids.get(key);
  if (hit) return hit;
  const shapes = fips.map((f) => countyShapes().get(f)).filter((f): f is GeoJSON.Feature => !!f);
  if (shapes.length === 0) return null;
  const [lon, lat] = geoCentroid({ type: 'FeatureCollection', features: shapes });
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return null;
  const c: [number, number] = [Math.round(lon * 1e5) / 1e5, Math.round(lat * 1e5) / 1e5];
  centroids.set(key, c);
  return c;
}

// ---------------------------------------------------------------------------------------------------------------

const CSV = 'text/csv; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

const json = (v: unknown) => `${JSON.stringify(v, null, 1)}\n`;

export const DATA_SOURCES = [
  {
    title: 'U.S. Immigration and Customs Enforcement, 287(g) Program (participating and pending agencies)',
    path: ICE_PAGE,
  },
  {
    title:
      'FBI Crime Data Explorer, Law Enforcement Employees (LEE) agency table (ORI codes, population served)',
    path: 'https://cde.ucr.cjis.gov/LATEST/webapp/#/pages/downloads',
  },
  {
    title:
      'U.S. Census Bureau, American Community Survey 5-year estimates, table B03002 (Hispanic or Latino origin by race)',
    path: 'https://data.census.gov/table?q=B03002',
  },
  {
    title: 'us-atlas: U.S. county shapes from the Census Bureau cartographic boundary files',
    path: 'https://github.com/topojson/us-atlas',
  },
];

interface Table {
  name: string;
  title: string;
  description: string;
  cols: Column<unknown>[];
  rows: unknown[];
}

/** A documents column, described here (the documents are not in the API's record schemas). */
function docColumn(name: string, type: FieldType, description: string, value: (d: DocumentSummary) => Cell) {
  return { name, type, description, value } as Column<unknown> & { value: (d: DocumentSummary) => Cell };
}

/** The archived MOA and addendum PDFs (issue 15): what each is, how it was read, and what it says. */
const DOCUMENT_COLUMNS = [
  docColumn(
    'sha256',
    'string',
    'SHA-256 of the PDF as archived (its identity; /documents/<sha256>.pdf)',
    (d) => d.sha256,
  ),
  docColumn('file_name', 'string', 'The file name it was retrieved under', (d) => d.fileName),
  docColumn('size', 'integer', 'Size in bytes', (d) => d.size),
  docColumn(
    'status',
    'string',
    '"read", or "refused" (a broken or hostile file: see refusal)',
    (d) => d.status,
  ),
  docColumn('refusal', 'string', 'Why the file was refused, when it was', (d) => d.refusal),
  docColumn('pages', 'integer', 'Pages in the PDF', (d) => d.pages),
  docColumn('pages_read', 'integer', 'Pages with text (text layer or OCR)', (d) => d.pagesRead),
  docColumn(
    'ocr_pages',
    'integer',
    'Pages without a usable text layer, read (or to be read) by OCR',
    (d) => d.ocrPages,
  ),
  docColumn('pending_pages', 'integer', 'Pages still waiting for OCR', (d) => d.pendingPages),
  docColumn('model', 'string', '287(g) model the document names (JEM, WSO, TFM), or empty', (d) => d.model),
  docColumn(
    'party',
    'string',
    'The agency as the parties clause names it, or empty when unreadable',
    (d) => d.party,
  ),
  docColumn(
    'template',
    'string',
    'Template (model and revision) the document is compared with',
    (d) => d.template,
  ),
  docColumn(
    'template_revision',
    'string',
    'Revision printed on the document ("unmarked" for the older ones)',
    (d) => d.templateRevision,
  ),
  docColumn('signed_on', 'date', 'Latest signature date read, or empty', (d) => d.signedOn),
  docColumn(
    'signatures',
    'string',
    `Signatories as "party: name, title, date" (empty parts unreadable), separated by "${LIST_SEP}"`,
    (d) =>
      list(d.signatures.map((x) => `${x.party}: ${[x.name ?? '', x.title ?? '', x.date ?? ''].join(', ')}`)),
  ),
  docColumn(
    'deviations',
    'integer',
    'Sections that differ from the template’s standard text (empty: no standard)',
    (d) => d.deviations,
  ),
  docColumn(
    'agreement_ids',
    'string',
    `Agreements whose list rows link the document, separated by "${LIST_SEP}"`,
    (d) => list(d.agreementIds),
  ),
  docColumn('agency_ids', 'string', `Agencies of those agreements, separated by "${LIST_SEP}"`, (d) =>
    list(d.agencyIds),
  ),
];

/** The five tables, each as CSV and JSON. */
function tables(v: LedgerView, agencyCols: Column<TAgencySummary>[], documents: DocumentSummary[]): Table[] {
  return [
    {
      name: 'agencies',
      title: 'Agencies',
      description: 'Every law enforcement agency ICE has listed, with its latest name, status and placement.',
      cols: agencyCols as Column<unknown>[],
      rows: v.agencies as unknown[],
    },
    {
      name: 'agreements',
      title: 'Agreements',
      description: '287(g) agreements: one per agency, model and generation (a re-signing starts a new one).',
      cols: AGREEMENT_COLUMNS as Column<unknown>[],
      rows: v.agreements as unknown[],
    },
    {
      name: 'events',
      title: 'Events',
      description: 'Changes between publications, newest first.',
      cols: EVENT_COLUMNS as Column<unknown>[],
      rows: v.events as unknown[],
    },
    {
      name: 'publications',
      title: 'Publications',
      description: 'Every ICE spreadsheet in the ledger, newest first.',
      cols: PUBLICATION_COLUMNS as Column<unknown>[],
      rows: v.publications as unknown[],
    },
    {
      name: 'documents',
      title: 'MOA documents',
      description:
        'The archived MOA and addendum PDFs: pages, OCR, model, party, template, signatures, deviations, linking agreements.',
      cols: DOCUMENT_COLUMNS as Column<unknown>[],
      rows: documents,
    },
  ];
}

type Resource = Record<string, unknown>;

/** A table's CSV and JSON files, and their two data package resources. */
function tableFiles(t: Table): { files: DownloadFile[]; resources: Resource[] } {
  const schema = {
    fields: t.cols.map((c) => ({ name: c.name, type: c.type, description: c.description })),
    missingValues: [''],
  };
  return {
    files: [
      { path: `downloads/${t.name}.csv`, contentType: CSV, body: toCsv(t.cols, t.rows) },
      {
        path: `downloads/${t.name}.json`,
        contentType: JSON_TYPE,
        body: json(t.rows.map((r) => record(t.cols, r))),
      },
    ],
    resources: [
      {
        name: t.name,
        title: t.title,
        description: t.description,
        path: `${t.name}.csv`,
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        profile: 'tabular-data-resource',
        schema,
      },
      {
        name: `${t.name}-json`,
        title: `${t.title} (JSON)`,
        description: `${t.description} The same records as ${t.name}.csv, as a JSON array of objects.`,
        path: `${t.name}.json`,
        format: 'json',
        mediatype: 'application/json',
        encoding: 'utf-8',
        schema,
      },
    ],
  };
}

/** Agencies as GeoJSON points, and its resource. */
function geojsonFile(v: LedgerView, agencyCols: Column<TAgencySummary>[]): [DownloadFile, Resource] {
  const geo = {
    type: 'FeatureCollection',
    features: v.agencies.map((a) => {
      const c = a.countyFips.length > 0 ? countyCentroid(a.countyFips) : null;
      return {
        type: 'Feature',
        id: a.agencyId,
        geometry: c ? { type: 'Point', coordinates: c } : null,
        properties: record(agencyCols, a),
      };
    }),
  };
  return [
    { path: 'downloads/agencies.geojson', contentType: 'application/geo+json', body: json(geo) },
    {
      name: 'agencies-geojson',
      title: 'Agencies (GeoJSON points)',
      description:
        'One point per agency at the centroid of the county (or counties) it is placed in; geometry null when ' +
        'the agency is not placed in a county. Properties: the columns of agencies.csv.',
      path: 'agencies.geojson',
      format: 'geojson',
      mediatype: 'application/geo+json',
      encoding: 'utf-8',
      schema: { fields: agencyCols.map((c) => ({ name: c.name, type: c.type, description: c.description })) },
    },
  ];
}

/** The full history as one JSON file, and its resource. */
function historyFile(v: LedgerView, now: () => Date): [DownloadFile, Resource] {
  const history = {
    generated: now().toISOString(),
    lastUpdated: v.lastUpdated,
    licence: LICENCE,
    source: ICE_PAGE,
    publications: [...v.publications].reverse(),
    agencies: v.agencies.map((a) => ({ ...a, names: v.details.get(a.agencyId)?.names ?? [] })),
    agreements: v.agreements,
    events: [...v.events].reverse(),
  };
  return [
    { path: 'downloads/history.json', contentType: JSON_TYPE, body: json(history) },
    {
      name: 'history',
      title: 'Full history',
      description:
        'Publications, agencies (with every name and when it was listed), agreements (with listing intervals and ' +
        'every published signed date) and events, oldest first: everything the tables above flatten.',
      path: 'history.json',
      format: 'json',
      mediatype: 'application/json',
      encoding: 'utf-8',
    },
  ];
}

/** Stop datasets and their published analyses (issue 17) as one JSON file, and its resource. */
async function analysesFile(v: LedgerView): Promise<[DownloadFile, Resource]> {
  const a = await v.analyses();
  return [
    {
      path: 'downloads/stop-analyses.json',
      contentType: JSON_TYPE,
      body: json({ licence: LICENCE, datasets: a.datasets, analyses: a.analyses }),
    },
    {
      name: 'stop-analyses',
      title: 'Stop-data analyses',
      description:
        'Stop datasets loaded into the ledger (source, licence, place, period, rows) and their published analyses: ' +
        'the latest result per dataset, method and contrast, with its gates, caveats, tables and the SHA-256 of ' +
        'every input; withheld results carry their reason and no estimate. The same shapes as /api/v1/analyses.',
      path: 'stop-analyses.json',
      format: 'json',
      mediatype: 'application/json',
      encoding: 'utf-8',
    },
  ];
}

/** The reviewed evidence records (issue 18): published and retracted ones, with their sources; never drafts. */
function evidenceFile(v: LedgerView, now: () => Date): [DownloadFile, Resource] {
  const body = {
    generated: now().toISOString(),
    licence: LICENCE,
    note: 'Records a second editor reviewed; retracted records stay, marked, with the reason.',
    records: v.evidence.all,
  };
  return [
    { path: 'downloads/evidence.json', contentType: JSON_TYPE, body: json(body) },
    {
      name: 'evidence',
      title: 'Evidence records',
      description:
        "Sourced records of 287(g) agencies' civil-rights history (DOJ findings, court rulings, deaths in custody, " +
        'inspections, statements...), each with its sources and the passage relied on, its editor and reviewer.',
      path: 'evidence.json',
      format: 'json',
      mediatype: 'application/json',
      encoding: 'utf-8',
    },
  ];
}

/** The Frictionless data package describing every resource. */
function datapackageFile(resources: Resource[], now: () => Date): DownloadFile {
  const datapackage = {
    profile: 'data-package',
    name: 'reassess-287g',
    title: 'Reassess: the U.S. 287(g) program ledger',
    description:
      "Every ICE 287(g) participating and pending agencies list compiled into one history with stable IDs. ICE's " +
      'lists are U.S. government works (public domain); this compilation is dedicated to the public domain (CC0-1.0).',
    homepage: ICE_PAGE,
    created: now().toISOString(),
    licenses: [
      {
        name: 'CC0-1.0',
        title:
          'CC0 1.0 Universal (the compilation; the ICE data itself is a public-domain U.S. government work)',
        path: 'https://creativecommons.org/publicdomain/zero/1.0/',
      },
    ],
    sources: DATA_SOURCES,
    resources,
  };
  return { path: 'downloads/datapackage.json', contentType: JSON_TYPE, body: json(datapackage) };
}

export async function buildDownloads(db: Db, now: () => Date, view?: LedgerView): Promise<DownloadFile[]> {
  const v = view ?? (await buildView(db));
  const agencyCols = agencyColumns(v);
  const files: DownloadFile[] = [];
  const resources: Resource[] = [];
  for (const t of tables(v, agencyCols, await listDocuments(db))) {
    const made = tableFiles(t);
    files.push(...made.files);
    resources.push(...made.resources);
  }
  const more = [geojsonFile(v, agencyCols), historyFile(v, now), await analysesFile(v), evidenceFile(v, now)];
  for (const [file, resource] of more) {
    files.push(file);
    resources.push(resource);
  }
  files.push(datapackageFile(resources, now));
  return files;
}
