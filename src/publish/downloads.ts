/**
 * Bulk downloads: agencies, agreements, events and publications as CSV and JSON (the same columns in both),
 * agencies as GeoJSON points (the centroid of the counties each agency is placed in), the full history as one
 * JSON file, and a Frictionless `datapackage.json` describing every file. Columns are declared once below, so
 * CSV headers, JSON records and the data package's schemas cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { stringify } from 'csv-stringify/sync';
import { geoCentroid } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { ICE_PAGE, LICENCE } from '../api/envelope.ts';
import type { TAgencySummary, TAgreement, TEvent, TPublication } from '../api/schemas.ts';
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

function agencyColumns(view: LedgerView): Column<TAgencySummary>[] {
  const countyLabels = (a: TAgencySummary) => list(a.countyFips.map((f) => view.counties.get(f)?.label ?? f));
  return [
    { name: 'agency_id', type: 'string', description: 'Stable agency ID (agy-…)', value: (a) => a.agencyId },
    { name: 'name', type: 'string', description: 'Latest name as listed by ICE', value: (a) => a.name },
    { name: 'state', type: 'string', description: 'USPS state code', value: (a) => a.state },
    {
      name: 'status',
      type: 'string',
      description: 'active (an agreement in force), pending, or removed',
      value: (a) => a.status,
    },
    {
      name: 'models',
      type: 'string',
      description: `Models of the agreements in force (JEM, WSO, TFM), separated by "${LIST_SEP}"`,
      value: (a) => list(a.models),
    },
    {
      name: 'pending_models',
      type: 'string',
      description: `Models of pending agreements, separated by "${LIST_SEP}"`,
      value: (a) => list(a.pendingModels),
    },
    {
      name: 'level',
      type: 'string',
      description:
        'Level of government: state, county, municipal, campus, district, regional, port, facility, other',
      value: (a) => a.level,
    },
    {
      name: 'county_fips',
      type: 'string',
      description: `5-digit FIPS codes of the counties the agency is placed in, separated by "${LIST_SEP}"`,
      value: (a) => list(a.countyFips),
    },
    {
      name: 'counties',
      type: 'string',
      description: `Names of those counties, separated by "${LIST_SEP}"`,
      value: countyLabels,
    },
    {
      name: 'place',
      type: 'string',
      description: 'City or town of a municipal agency',
      value: (a) => a.place,
    },
    { name: 'ori', type: 'string', description: 'FBI ORI code, when one matched', value: (a) => a.ori },
    { name: 'first_seen', type: 'date', description: 'First listed by ICE', value: (a) => a.firstSeen },
    { name: 'last_seen', type: 'date', description: 'Last listed by ICE', value: (a) => a.lastSeen },
    {
      name: 'names',
      type: 'string',
      description: `Every name the agency was listed under, separated by "${LIST_SEP}"`,
      value: (a) => list(a.names),
    },
    {
      name: 'active_agreements',
      type: 'integer',
      description: 'Agreements in force',
      value: (a) => a.agreements.active,
    },
    {
      name: 'pending_agreements',
      type: 'integer',
      description: 'Pending agreements',
      value: (a) => a.agreements.pending,
    },
    {
      name: 'total_agreements',
      type: 'integer',
      description: 'Agreements ever listed',
      value: (a) => a.agreements.total,
    },
  ];
}

const AGREEMENT_COLUMNS: Column<TAgreement>[] = [
  {
    name: 'agreement_id',
    type: 'string',
    description: 'Stable agreement ID (agr-…)',
    value: (a) => a.agreementId,
  },
  { name: 'agency_id', type: 'string', description: 'Agency ID (agy-…)', value: (a) => a.agencyId },
  { name: 'state', type: 'string', description: 'USPS state code', value: (a) => a.state },
  {
    name: 'name',
    type: 'string',
    description: 'Agency name as listed with this agreement',
    value: (a) => a.name,
  },
  { name: 'model', type: 'string', description: 'JEM, WSO or TFM', value: (a) => a.model },
  {
    name: 'status',
    type: 'string',
    description: 'active, pending, removed or superseded (replaced by a re-signing)',
    value: (a) => a.status,
  },
  { name: 'signed', type: 'date', description: 'Signed date, corrected', value: (a) => a.signed },
  {
    name: 'signed_published',
    type: 'date',
    description: 'Signed date as published by ICE',
    value: (a) => a.signedPublished,
  },
  {
    name: 'signed_rule',
    type: 'string',
    description: 'How the published signed date was read or corrected',
    value: (a) => a.signedRule,
  },
  {
    name: 'first_listed',
    type: 'date',
    description: 'First listed (either list)',
    value: (a) => a.firstListed,
  },
  { name: 'last_listed', type: 'date', description: 'Last listed (either list)', value: (a) => a.lastListed },
  {
    name: 'first_publication',
    type: 'integer',
    description: 'Publication ID of the first listing',
    value: (a) => a.firstPublication,
  },
  {
    name: 'last_publication',
    type: 'integer',
    description: 'Publication ID of the last listing',
    value: (a) => a.lastPublication,
  },
  {
    name: 'first_pending',
    type: 'date',
    description: 'First on the pending list',
    value: (a) => a.firstPending,
  },
  {
    name: 'first_participating',
    type: 'date',
    description: 'First on the participating list',
    value: (a) => a.firstParticipating,
  },
  {
    name: 'days_pending_to_signed',
    type: 'integer',
    description: 'Days from the first pending listing to the signed date',
    value: (a) => a.daysPendingToSigned,
  },
  {
    name: 'moa_url',
    type: 'string',
    description: 'Memorandum of agreement (as linked by ICE)',
    value: (a) => a.moaUrl,
  },
  {
    name: 'addendum_url',
    type: 'string',
    description: 'Addendum (as linked by ICE)',
    value: (a) => a.addendumUrl,
  },
  {
    name: 'secondary_only',
    type: 'boolean',
    description: "Known only from the html-era tables (not ICE's own spreadsheets)",
    value: (a) => a.secondaryOnly,
  },
  {
    name: 'supersedes',
    type: 'string',
    description: 'Agreement this one replaced',
    value: (a) => a.supersedes,
  },
  {
    name: 'superseded_by',
    type: 'string',
    description: 'Agreement that replaced this one',
    value: (a) => a.supersededBy,
  },
  {
    name: 'intervals',
    type: 'string',
    description: `Listing intervals as "list from..to", separated by "${LIST_SEP}" (full detail in history.json)`,
    value: (a) => list(a.intervals.map((i) => `${i.list} ${i.from}..${i.to}`)),
  },
];

const EVENT_COLUMNS: Column<TEvent>[] = [
  { name: 'event_id', type: 'string', description: 'Stable event ID (evt-…)', value: (e) => e.eventId },
  {
    name: 'date',
    type: 'date',
    description: 'Date of the publication that showed the change',
    value: (e) => e.date,
  },
  {
    name: 'kind',
    type: 'string',
    description:
      'added, removed, returned, pending-to-signed, model-added, signed-date-changed, renamed or moved',
    value: (e) => e.kind,
  },
  { name: 'list', type: 'string', description: 'participating or pending', value: (e) => e.list },
  { name: 'agency_id', type: 'string', description: 'Agency ID', value: (e) => e.agencyId },
  {
    name: 'agreement_id',
    type: 'string',
    description: 'Agreement ID (agreement events)',
    value: (e) => e.agreementId,
  },
  { name: 'state', type: 'string', description: 'USPS state code', value: (e) => e.state },
  { name: 'name', type: 'string', description: 'Agency name', value: (e) => e.name },
  { name: 'model', type: 'string', description: 'JEM, WSO or TFM (agreement events)', value: (e) => e.model },
  {
    name: 'publication_id',
    type: 'integer',
    description: 'Publication that showed the change',
    value: (e) => e.publication,
  },
  { name: 'title', type: 'string', description: 'The event in plain English', value: (e) => e.title },
  {
    name: 'details',
    type: 'object',
    description: 'Kind-specific details (JSON object: from/to names, dates, states...)',
    value: (e) => e.details,
  },
];

const PUBLICATION_COLUMNS: Column<TPublication>[] = [
  { name: 'publication_id', type: 'integer', description: 'Publication ID', value: (p) => p.publicationId },
  { name: 'kind', type: 'string', description: 'participating or pending', value: (p) => p.kind },
  {
    name: 'date',
    type: 'date',
    description: 'As-of date (when ICE last saved the workbook)',
    value: (p) => p.date,
  },
  { name: 'as_of', type: 'datetime', description: 'As-of instant', value: (p) => p.asOf },
  { name: 'source', type: 'string', description: 'Where the bytes come from', value: (p) => p.source },
  { name: 'era', type: 'string', description: 'Column layout era (see MANIFEST)', value: (p) => p.era },
  { name: 'label', type: 'string', description: "ICE's file label", value: (p) => p.label },
  { name: 'sha256', type: 'string', description: 'SHA-256 of the file as published', value: (p) => p.sha256 },
  { name: 'rows', type: 'integer', description: 'Data rows', value: (p) => p.rows },
  {
    name: 'agreements',
    type: 'integer',
    description: 'Distinct agreements listed',
    value: (p) => p.agreements,
  },
  { name: 'jem', type: 'integer', description: 'JEM rows', value: (p) => p.models.JEM ?? 0 },
  { name: 'wso', type: 'integer', description: 'WSO rows', value: (p) => p.models.WSO ?? 0 },
  { name: 'tfm', type: 'integer', description: 'TFM rows', value: (p) => p.models.TFM ?? 0 },
  { name: 'states', type: 'integer', description: 'States listed', value: (p) => p.states },
  {
    name: 'hidden_rows',
    type: 'integer',
    description: 'Rows hidden in the workbook',
    value: (p) => p.hiddenRows,
  },
  {
    name: 'status',
    type: 'string',
    description: 'ok, duplicate-content (a re-save) or quarantined (not applied)',
    value: (p) => p.status,
  },
  { name: 'status_reason', type: 'string', description: 'Why, when not ok', value: (p) => p.statusReason },
];

function record<T>(cols: Column<T>[], row: T): Record<string, Cell> {
  const out: Record<string, Cell> = {};
  for (const c of cols) out[c.name] = c.value(row);
  return out;
}

function toCsv<T>(cols: Column<T>[], rows: readonly T[]): string {
  return stringify(
    rows.map((r) =>
      cols.map((c) => {
        const v = c.value(r);
        if (v === null) return '';
        if (typeof v === 'object') return JSON.stringify(v);
        if (typeof v === 'boolean') return v ? 'true' : 'false';
        return v;
      }),
    ),
    { header: true, columns: cols.map((c) => c.name) },
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

export async function buildDownloads(db: Db, now: () => Date, view?: LedgerView): Promise<DownloadFile[]> {
  const v = view ?? (await buildView(db));
  const agencyCols = agencyColumns(v);
  const tables = [
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
  ];
  const files: DownloadFile[] = [];
  const resources: Record<string, unknown>[] = [];
  for (const t of tables) {
    const schema = {
      fields: t.cols.map((c) => ({ name: c.name, type: c.type, description: c.description })),
      missingValues: [''],
    };
    files.push({ path: `downloads/${t.name}.csv`, contentType: CSV, body: toCsv(t.cols, t.rows) });
    files.push({
      path: `downloads/${t.name}.json`,
      contentType: JSON_TYPE,
      body: json(t.rows.map((r) => record(t.cols, r))),
    });
    resources.push(
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
    );
  }

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
  files.push({ path: 'downloads/agencies.geojson', contentType: 'application/geo+json', body: json(geo) });
  resources.push({
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
  });

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
  files.push({ path: 'downloads/history.json', contentType: JSON_TYPE, body: json(history) });
  resources.push({
    name: 'history',
    title: 'Full history',
    description:
      'Publications, agencies (with every name and when it was listed), agreements (with listing intervals and ' +
      'every published signed date) and events, oldest first: everything the tables above flatten.',
    path: 'history.json',
    format: 'json',
    mediatype: 'application/json',
    encoding: 'utf-8',
  });

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
  files.push({ path: 'downloads/datapackage.json', contentType: JSON_TYPE, body: json(datapackage) });
  return files;
}
