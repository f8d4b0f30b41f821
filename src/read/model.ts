/**
 * The read model: everything the API, the pages, the feeds, the downloads and the static export show for one
 * ledger version — publications, agreements, events, every agency's summary and detail, placements, counties,
 * the search index, county figures and coverage by date, and the pages' data — built once per version from the
 * rows of a handful of bulk reads (rows.ts), instead of querying per request. `LedgerViews` (model-cache.ts)
 * keeps the current one.
 */
import type { Coverage, Placement } from '../domain/geography.ts';
import type { Reconciliation } from '../history/reconcile.ts';
import type { Db } from '../store/db.ts';
import { type AgencyDetail, agencyDetail } from './agencies.ts';
import { agencyViews, type CountyInfo } from './agency-views.ts';
import { type AnalysesView, loadAnalyses } from './analyses.ts';
import { agencyEventModels } from './event-models.ts';
import { type EvidenceIndex, loadPublicEvidence } from './evidence.ts';
import { type StoredFile, storedFiles } from './files.ts';
import { type CountyFiguresResult, countyFigures, coverage, describeCounties } from './geography.ts';
import { lazy } from './lazy.ts';
import { agenciesByCounty, loadPlaceData, type PlaceData } from './places.ts';
import { agreementRecords, eventRecords, publicationRecords } from './record-lists.ts';
import type {
  AgencyDetailRecord,
  AgencySummaryRecord,
  AgreementRecord,
  EventRecord,
  PublicationRecord,
} from './records.ts';
import { type RetiredRecord, resolveRetired } from './retired.ts';
import { type LedgerRows, loadRows, loadSiteRows } from './rows.ts';
import { SearchIndex } from './search.ts';
import { searchEntries } from './search-entries.ts';
import { buildSiteData, type SiteData, type SiteRows } from './site-data.ts';
import { ledgerVersion } from './version.ts';

export type { CountyInfo } from './agency-views.ts';

export interface Sightings {
  participating: { id: number; date: string } | null;
  pending: { id: number; date: string } | null;
}

export interface LedgerView {
  /** The ledger version it was built from (read/version.ts): any run makes a new one. */
  version: string;
  /** Active agreements against ICE's rows on the latest participating list (issue 14). */
  reconciliation: Reconciliation | null;
  /** When the latest run finished (ISO), or null for an empty ledger. */
  lastUpdated: string | null;
  sightings: Sightings;
  /** Newest first. */
  publications: PublicationRecord[];
  publicationById: Map<number, PublicationRecord>;
  /** By state, name, id. */
  agencies: AgencySummaryRecord[];
  /** By agency id, merged ids included. */
  details: Map<string, AgencyDetailRecord>;
  /** By state, name, model, id. */
  agreements: AgreementRecord[];
  /** By agreement id. */
  agreementById: Map<string, AgreementRecord>;
  /** Agreement IDs that no longer name an agreement → where they resolve now (read/retired.ts). */
  retired: Map<string, RetiredRecord>;
  /** Newest first. */
  events: EventRecord[];
  /** Events without a model (about the agency itself) → the models its agency held that day (event-models.ts). */
  eventModels: Map<string, string[]>;
  placements: Map<string, Placement>;
  counties: Map<string, CountyInfo>;
  /** County FIPS → the agencies placed in it. */
  countyAgencies: Map<string, string[]>;
  /** ZIP codes' counties and agencies' Gazetteer points (read on first use). */
  places(): Promise<PlaceData>;
  /** Every stored file with its retrievals (read on first use). */
  files(): Promise<StoredFile[]>;
  search: SearchIndex;
  /** Per-county figures on a date (default: the latest), memoized. */
  figures(on?: string): Promise<CountyFiguresResult>;
  coverage(on?: string): Promise<Coverage>;
  /** What the pages show (built on first use, from the same rows). */
  site(): Promise<SiteData>;
  /** One agency as its page shows it (read when asked), or undefined. */
  agencyPage(agencyId: string): Promise<AgencyDetail | undefined>;
  /** Published (and retracted) evidence records (issue 18). */
  evidence: EvidenceIndex;
  /** Stop datasets and their published analyses (read on first use). */
  analyses(): Promise<AnalysesView>;
}

/** Sort keys: plain code-unit comparison, so cursors compare the same way everywhere. */
export const sortKey = {
  agency: (a: { state: string; name: string; agencyId: string }) =>
    `${a.state}\u0000${a.name.toLowerCase()}\u0000${a.agencyId}`,
  agreement: (a: { state: string; name: string; model: string; agreementId: string }) =>
    `${a.state}\u0000${a.name.toLowerCase()}\u0000${a.model}\u0000${a.agreementId}`,
  /** Descending. */
  event: (e: { date: string; eventId: string }) => `${e.date}\u0000${e.eventId}`,
  /** Descending. */
  publication: (p: { asOf: string; publicationId: number }) =>
    `${p.asOf}\u0000${String(p.publicationId).padStart(12, '0')}`,
  county: (c: { fips: string }) => c.fips,
};

function memoByDate<T>(fn: (on?: string) => Promise<T>): (on?: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (on?: string) => {
    const k = on ?? '';
    let p = cache.get(k);
    if (!p) {
      p = fn(on);
      p.catch(() => cache.delete(k));
      if (cache.size >= 64) cache.delete(cache.keys().next().value as string);
      cache.set(k, p);
    }
    return p;
  };
}

export interface BuildOptions {
  /** The version the rows are read for (default: read now). */
  version?: string;
  /** The clock of the pages' data (`generatedAt`). */
  now?: () => Date;
}

/** The archived copies beside each agreement of the agency pages (issue 15); agreements without any stay as they are. */
function withDocuments(details: Map<string, AgencyDetailRecord>, docs: LedgerRows['documents']): void {
  if (docs.size === 0) return;
  for (const d of new Set(details.values()))
    d.agreements = d.agreements.map((a) => {
      const found = docs.get(a.agreementId);
      return found ? { ...a, documents: found } : a;
    });
}

/** Builds the read model of the ledger as it is now. */
export async function buildView(db: Db, options: BuildOptions = {}): Promise<LedgerView> {
  const version = options.version ?? (await ledgerVersion(db));
  const rows = await loadRows(db);
  const evidence = await loadPublicEvidence(db);
  return assemble(db, version, rows, options.now ?? (() => new Date()), evidence);
}

function assemble(
  db: Db,
  version: string,
  rows: LedgerRows,
  now: () => Date,
  evidence: EvidenceIndex,
): LedgerView {
  const { participating, pending } = rows.sightings;
  const publications = publicationRecords(rows.snapshots, sortKey.publication);
  const publicationById = new Map(publications.map((p) => [p.publicationId, p]));
  const agreements = agreementRecords(rows.agreements, sortKey.agreement);
  const agreementById = new Map(agreements.map((a) => [a.agreementId, a]));
  const retired = resolveRetired(rows.redirects, (id) => agreementById.has(id));
  const events = eventRecords(rows.changes, sortKey.event);
  const placements = new Map(rows.placements.map((p) => [p.agencyId, p]));
  const counties = describeCounties(rows.counties, rows.figures);
  const { agencies, details } = agencyViews(
    { rows, agreements, events, publicationById, placements, counties, sources: rows.figures.sources },
    sortKey.agency,
  );
  withDocuments(details, rows.documents);
  const search = new SearchIndex(
    searchEntries(agencies, counties, rows.figures, agreements),
    rows.abbreviations,
  );
  // The closures below keep only what they use (the rest of the rows is dropped once the model is built).
  const placementList = rows.placements;
  const latest = rows.figures;
  const figures = memoByDate((on) => (on === undefined ? Promise.resolve(latest) : countyFigures(db, on)));
  const cover = memoByDate((on) => coverage(db, on));
  const siteRows: SiteRows = {
    snapshots: rows.snapshots,
    placements: rows.placements,
    figures: latest,
    agencies: rows.agencies,
    agreements: rows.agreements,
    changes: rows.changes,
  };
  return {
    version,
    reconciliation: rows.reconciliation,
    lastUpdated: rows.lastFinished ?? null,
    sightings: { participating, pending },
    publications,
    publicationById,
    agencies,
    details,
    agreements,
    agreementById,
    retired,
    events,
    eventModels: agencyEventModels(rows.changes, rows.agreements),
    placements,
    counties,
    countyAgencies: agenciesByCounty(placements.values()),
    places: lazy(() => loadPlaceData(db, placementList)),
    files: lazy(() => storedFiles(db)),
    search,
    figures,
    coverage: cover,
    site: lazy(async () =>
      buildSiteData(siteRows, await loadSiteRows(db), {
        version,
        now,
        coverage: latest.counties.length > 0 ? await cover() : null,
      }),
    ),
    agencyPage: (agencyId) => agencyDetail(db, agencyId),
    evidence,
    analyses: lazy(() => loadAnalyses(db)),
  };
}

/** The pages' data of the ledger as it is now (a read model built for it alone). */
export async function loadSiteData(db: Db, now: () => Date): Promise<SiteData> {
  return (await buildView(db, { now })).site();
}
