/**
 * What every method starts from: the dataset's ledger record, the columns it has, its reviewed location, the
 * agency it stands for, the provenance every result carries, the date window and vehicular filter (with their
 * gates), and the month gates computed from DuckDB's month profile.
 */
import { UsageError } from '../domain/errors.ts';
import { type Caveat, loadCaveats } from '../reference/stops.ts';
import { subgeographyColumn } from '../sources/opp-stops/schema.ts';
import { findAgencies, getStopDataset, type StopDatasetRecord } from '../store/stop-datasets.ts';
import { type MonthProfile, monthProfile } from '../store/stops/profile.ts';
import type { StopScope } from '../store/stops/scope.ts';
import type { AnalyzeDeps } from './deps.ts';
import {
  type CoverageColumn,
  columnCoverageGate,
  monthRaceCoverageGate,
  monthVolumeGate,
  vehicularGate,
  windowGate,
} from './gates.ts';
import type { AgencyRef, Gate, MethodResult } from './method-result.ts';

export interface WindowOptions {
  from?: string;
  to?: string;
}

export interface DatasetContext {
  deps: AnalyzeDeps;
  dataset: StopDatasetRecord;
  columns: Set<string>;
  subgeo: string | null;
  agency: AgencyRef;
  provenance: MethodResult['provenance'];
  period: { from: string; to: string };
  /** Window and vehicular filter, no month excluded yet. */
  baseScope: StopScope;
  baseGates: Gate[];
}

async function agencyRef(deps: AnalyzeDeps, d: StopDatasetRecord): Promise<AgencyRef> {
  const found = d.agencyId ? await findAgencies(deps.ledger.db, d.agencyId) : [];
  const a = found[0];
  return {
    name: a?.name ?? d.location,
    state: a?.state ?? d.state,
    fips: d.countyFips,
    ori: a?.ori ?? null,
  };
}

export async function openDataset(
  deps: AnalyzeDeps,
  id: string,
  w: WindowOptions = {},
): Promise<DatasetContext> {
  const dataset = await getStopDataset(deps.ledger.db, id);
  if (!dataset) throw new UsageError(`no stop dataset "${id}" (reassess stops list shows them)`);
  if (!dataset.period.from || !dataset.period.to)
    throw new UsageError(`stop dataset "${id}" has no dated rows`);
  const columns = new Set(dataset.columns.map((c) => c.name));
  const from = w.from ?? dataset.period.from;
  const to = w.to ?? dataset.period.to;
  if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  const hasType = columns.has('type');
  return {
    deps,
    dataset,
    columns,
    subgeo: subgeographyColumn([...columns]),
    agency: await agencyRef(deps, dataset),
    provenance: {
      source: dataset.source,
      licence: dataset.licence,
      retrieved: dataset.ingestedAt.slice(0, 10),
      sha256: dataset.sha256,
    },
    period: { from, to },
    baseScope: { table: dataset.duckTable, from, to, vehicularOnly: hasType, excludedMonths: [] },
    baseGates: [vehicularGate(hasType), windowGate(from, to, !!(w.from || w.to))],
  };
}

export interface MonthGates {
  profile: MonthProfile[];
  gates: Gate[];
  scope: StopScope;
}

/** month_volume, month_race_coverage and the column coverage a test needs; the scope without their months. */
export async function monthGates(ctx: DatasetContext, needs: CoverageColumn[]): Promise<MonthGates> {
  const has = (c: string) => ctx.columns.has(c);
  const profile = await monthProfile(ctx.deps.duck, ctx.baseScope, {
    time: has('time'),
    search: has('search_conducted'),
    contraband: has('contraband_found'),
    basis: has('search_basis'),
    subgeo: ctx.subgeo,
  });
  const present: Record<CoverageColumn, boolean> = {
    time: has('time'),
    search_conducted: has('search_conducted'),
    contraband_found: has('contraband_found'),
    subgeography: ctx.subgeo !== null,
  };
  const gates = [
    monthVolumeGate(profile, ctx.period),
    monthRaceCoverageGate(profile),
    ...needs.map((c) => columnCoverageGate(profile, c, present[c])),
  ];
  const excludedMonths = [...new Set(gates.flatMap((g) => g.excluded))].sort();
  return { profile, gates, scope: { ...ctx.baseScope, excludedMonths } };
}

export function caveatsFor(ctx: DatasetContext, method: string): { id: string; text: string }[] {
  return loadCaveats(ctx.deps.referenceDir)
    .filter((c: Caveat) => c.method === method)
    .map((c) => ({ id: c.id, text: c.text }));
}
