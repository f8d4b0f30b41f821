/**
 * What the pages show, read from the ledger once per ledger version (a new run — sync, ingest, backfill — makes a
 * new version) and shared by every page until then. Agency pages read their own detail per request.
 */
import type { CountyFigure, Coverage, Placement } from '../domain/geography.ts';
import { isSheriffOrJail } from '../geography/figures.ts';
import type { Db } from '../store/db.ts';
import {
  listAgencies,
  listAgreements,
  listChanges,
  listSnapshots,
  type SnapshotRow,
} from '../store/queries.ts';
import { loadGeography } from './site-geography.ts';
import { buildTimeline, MODELS, type Model, statusOn, type TimelineJson } from './timeline.ts';

export type AgreementRow = Awaited<ReturnType<typeof listAgreements>>[number];
export type ChangeRow = Awaited<ReturnType<typeof listChanges>>[number];
export type AgencyRow = Awaited<ReturnType<typeof listAgencies>>[number];

export interface AgencyView extends AgencyRow {
  /** `sheriff` for a sheriff or county jail, else the placement's level ('' when not placed). */
  level: string;
  countyFips: string[];
  placement: Placement | null;
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
  counties: Map<string, CountyFigure>;
  coverage: Coverage | null;
  geographyAvailable: boolean;
  timeline: TimelineJson;
  growth: GrowthPoint[];
}

/** Changes whenever a run finishes (sync, ingest, backfill), so cached pages know to refresh. */
export async function ledgerVersion(db: Db): Promise<string> {
  const r = await db
    .selectFrom('runs')
    .select((eb) => [
      eb.fn.max('run_id').as('run'),
      eb.fn.max('finished_at').as('finished'),
      eb.fn.countAll().as('n'),
    ])
    .executeTakeFirst();
  return `${r?.run ?? 0}|${r?.finished ?? ''}|${r?.n ?? 0}`;
}

export async function loadSiteData(db: Db, now: () => Date): Promise<SiteData> {
  const version = await ledgerVersion(db);
  const snapshots = await listSnapshots(db);
  const publications = new Map<number, PublicationRef>(
    snapshots.map((s) => [
      s.publication,
      { id: s.publication, date: s.date, kind: s.kind, label: s.label, status: s.status },
    ]),
  );
  const latest = (kind: string) => {
    const s = [...snapshots].reverse().find((x) => x.kind === kind && x.status !== 'quarantined');
    return s ? { date: s.date, label: s.label, publication: s.publication } : null;
  };
  const lastRun = await db
    .selectFrom('runs')
    .select((eb) => eb.fn.max('finished_at').as('finished'))
    .executeTakeFirst();
  const fresh: Freshness = {
    participating: latest('participating'),
    pending: latest('pending'),
    updated: lastRun?.finished ? new Date(String(lastRun.finished)).toISOString() : null,
  };
  const agreements = await listAgreements(db);
  const geo = await loadGeography(db);
  const agencies: AgencyView[] = (await listAgencies(db)).map((a) => {
    const p = geo.placements.get(a.agencyId) ?? null;
    return {
      ...a,
      level: p ? (isSheriffOrJail(p) ? 'sheriff' : p.level) : '',
      countyFips: p?.countyFips ?? [],
      placement: p,
    };
  });
  const agencyById = new Map(agencies.map((a) => [a.agencyId, a]));
  const mergedRows = await db
    .selectFrom('agencies')
    .select(['agency_id', 'merged_into'])
    .where('merged_into', 'is not', null)
    .execute();
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
  const changes = (await listChanges(db, '1900-01-01')).reverse();
  const pop: Record<string, [number, number]> = {};
  const countyNames: Record<string, [string, string]> = {};
  for (const c of geo.counties.values()) {
    if (c.population) pop[c.fips] = [c.population.total, c.population.hispanic];
    countyNames[c.fips] = [c.name, c.state];
  }
  const applied = snapshots.filter((s) => s.status !== 'quarantined');
  const timeline = buildTimeline(
    applied.map((s) => s.date),
    agencies.map((a) => ({
      agencyId: a.agencyId,
      name: a.name,
      state: a.state,
      level: a.level,
      countyFips: a.countyFips,
    })),
    agreements.map((a) => ({
      agencyId: merged.get(a.agencyId) ?? a.agencyId,
      model: a.model,
      intervals: a.intervals.map((i) => ({ list: i.list, from: i.from, to: i.to, open: i.open })),
    })),
    pop,
    countyNames,
  );
  // Growth: agreements in force on each participating list.
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
  return {
    version,
    generatedAt: now().toISOString(),
    fresh,
    snapshots,
    publications,
    agreements,
    agencies,
    agencyById,
    merged,
    changes,
    counties: geo.counties,
    coverage: geo.coverage,
    geographyAvailable: geo.available,
    timeline,
    growth,
  };
}
