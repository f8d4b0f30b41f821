/**
 * What the pages show, part of the read model of one ledger version (model.ts: built on the pages' first use,
 * from the model's rows) and shared by every page until the next version. Agency pages read their own detail.
 */
import type { CountyFigure, Coverage, Placement } from '../domain/geography.ts';
import { isSheriffOrJail } from '../geography/figures.ts';
import { agencyEventModels } from './event-models.ts';
import type { AgencyRow, AgreementRow, ChangeRow, LedgerRows, SnapshotRow } from './rows.ts';

/** The shared rows the pages' data is built from. */
export type SiteRows = Pick<
  LedgerRows,
  'snapshots' | 'placements' | 'figures' | 'agencies' | 'agreements' | 'changes'
>;

import { buildTimeline, MODELS, type Model, statusOn, type TimelineJson } from './timeline.ts';

export type { AgencyRow, AgreementRow, ChangeRow } from './rows.ts';

export interface AgencyView extends AgencyRow {
  /** `sheriff` for a sheriff or county jail, else the placement's level ('' when not placed). */
  level: string;
  countyFips: string[];
  placement: Placement | null;
  /** Active only by agreements missing from ICE's latest list, inside the grace rule (issue 14). */
  notOnLatestList: boolean;
}

export interface PublicationRef {
  id: number;
  date: string;
  kind: string;
  label: string | null;
  status: string;
}

export interface Freshness {
  participating: { date: string; label: string | null; publication: number } | null;
  pending: { date: string; label: string | null; publication: number } | null;
  /** When the ledger last changed (the last finished run), ISO instant. */
  updated: string | null;
}

export interface GrowthPoint {
  date: string;
  JEM: number;
  WSO: number;
  TFM: number;
}

export interface SiteData {
  version: string;
  generatedAt: string;
  fresh: Freshness;
  snapshots: SnapshotRow[];
  publications: Map<number, PublicationRef>;
  agreements: AgreementRow[];
  agencies: AgencyView[];
  agencyById: Map<string, AgencyView>;
  /** Merged agency ID → the agency it now resolves to. */
  merged: Map<string, string>;
  /** Newest first. */
  changes: ChangeRow[];
  /** Events without a model (about the agency itself) → the models its agency held that day (event-models.ts). */
  eventModels: Map<string, string[]>;
  counties: Map<string, CountyFigure>;
  coverage: Coverage | null;
  geographyAvailable: boolean;
  timeline: TimelineJson;
  growth: GrowthPoint[];
}

/** Merged agency ID → the agency it now resolves to (following merges to an agency that is listed). */
function mergedMap(rows: SiteRows, agencyById: Map<string, AgencyView>): Map<string, string> {
  const mergedRows = rows.agencies.filter((a) => a.merged_into !== null);
  const merged = new Map<string, string>();
  for (const r of mergedRows) {
    let to = r.merged_into as string;
    for (let i = 0; i < 10 && !agencyById.has(to); i++) {
      const next = mergedRows.find((m) => m.agency_id === to)?.merged_into;
      if (!next) break;
      to = next;
    }
    merged.set(r.agency_id, to);
  }
  return merged;
}

function freshness(snapshots: SnapshotRow[], latestFinish: unknown): Freshness {
  const latest = (kind: string) => {
    const s = [...snapshots].reverse().find((x) => x.kind === kind && x.status !== 'quarantined');
    return s ? { date: s.date, label: s.label, publication: s.publication } : null;
  };
  return {
    participating: latest('participating'),
    pending: latest('pending'),
    updated: latestFinish ? new Date(String(latestFinish)).toISOString() : null,
  };
}

function timelineOf(
  rows: SiteRows,
  agencies: AgencyView[],
  merged: Map<string, string>,
  counties: Map<string, CountyFigure>,
  applied: SnapshotRow[],
): TimelineJson {
  const pop: Record<string, [number, number]> = {};
  const countyNames: Record<string, [string, string]> = {};
  for (const c of counties.values()) {
    if (c.population) pop[c.fips] = [c.population.total, c.population.hispanic];
    countyNames[c.fips] = [c.name, c.state];
  }
  return buildTimeline(
    applied.map((s) => s.date),
    agencies.map((a) => ({
      agencyId: a.agencyId,
      name: a.name,
      state: a.state,
      level: a.level,
      countyFips: a.countyFips,
    })),
    rows.agreements.map((a) => ({
      agencyId: merged.get(a.agencyId) ?? a.agencyId,
      model: a.model,
      intervals: a.intervals.map((i) => ({ list: i.list, from: i.from, to: i.to, open: i.open })),
    })),
    pop,
    countyNames,
  );
}

/** Growth: agreements in force on each participating list. */
function growthOf(timeline: TimelineJson, applied: SnapshotRow[]): GrowthPoint[] {
  const growth: GrowthPoint[] = [];
  const pDates = [...new Set(applied.filter((s) => s.kind === 'participating').map((s) => s.date))].sort();
  const idx = new Map(timeline.dates.map((d, i) => [d, i]));
  for (const date of pDates) {
    const d = idx.get(date) ?? 0;
    const point: GrowthPoint = { date, JEM: 0, WSO: 0, TFM: 0 };
    for (const [, model, intervals] of timeline.agreements)
      if (MODELS.includes(model as Model) && statusOn(intervals, d) === 'active') point[model as Model]++;
    growth.push(point);
  }
  return growth;
}

/** The pages' data, from the read model's rows, what only the pages read, and the latest coverage. */
export function buildSiteData(
  rows: SiteRows,
  site: { latestFinish: unknown; agencyList: AgencyRow[] },
  m: { version: string; now: () => Date; coverage: Coverage | null },
): SiteData {
  const snapshots = rows.snapshots;
  const publications = new Map<number, PublicationRef>(
    snapshots.map((s) => [
      s.publication,
      { id: s.publication, date: s.date, kind: s.kind, label: s.label, status: s.status },
    ]),
  );
  const placements = new Map(rows.placements.map((p) => [p.agencyId, p]));
  const counties = new Map(rows.figures.counties.map((c) => [c.fips, c]));
  const onList = new Set<string>();
  const inGrace = new Set<string>();
  for (const g of rows.agreements)
    if (g.status === 'active') (g.notOnLatestList ? inGrace : onList).add(g.agencyId);
  const agencies: AgencyView[] = site.agencyList.map((a) => {
    const p = placements.get(a.agencyId) ?? null;
    return {
      ...a,
      notOnLatestList: inGrace.has(a.agencyId) && !onList.has(a.agencyId),
      level: p ? (isSheriffOrJail(p) ? 'sheriff' : p.level) : '',
      countyFips: p?.countyFips ?? [],
      placement: p,
    };
  });
  const agencyById = new Map(agencies.map((a) => [a.agencyId, a]));
  const merged = mergedMap(rows, agencyById);
  const applied = snapshots.filter((s) => s.status !== 'quarantined');
  const timeline = timelineOf(rows, agencies, merged, counties, applied);
  return {
    version: m.version,
    generatedAt: m.now().toISOString(),
    fresh: freshness(snapshots, site.latestFinish),
    snapshots,
    publications,
    agreements: rows.agreements,
    agencies,
    agencyById,
    merged,
    changes: [...rows.changes].reverse(),
    eventModels: agencyEventModels(rows.changes, rows.agreements),
    counties,
    coverage: m.coverage,
    geographyAvailable: rows.placements.length > 0 || rows.figures.counties.length > 0,
    timeline,
    growth: growthOf(timeline, applied),
  };
}
