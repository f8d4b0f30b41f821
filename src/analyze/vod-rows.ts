/**
 * The veil-of-darkness rows of one query: a first pass whose year counts feed the min_stops_vod gate, and a
 * second pass without the years that gate excludes (only when it excludes any).
 */
import { type VodCell, type VodQuery, type VodSummary, vodCells } from '../store/stops/vod-query.ts';
import type { DatasetContext } from './dataset-context.ts';
import { minStopsVodGate } from './gates.ts';
import type { Gate } from './method-result.ts';

export interface VodRun {
  query: VodQuery;
  summary: VodSummary;
  cells: VodCell[];
  rowsIn: number;
  yearsGate: Gate;
}

/** The rows: a first pass for the min_stops_vod gate, a second without the years it excludes. */
export async function vodRows(ctx: DatasetContext, query: VodQuery): Promise<VodRun> {
  const first = await vodCells(ctx.deps.duck, query);
  const yearsGate = minStopsVodGate(first.summary.years, ['white', query.minority]);
  if (yearsGate.excluded.length === 0)
    return { query, ...first, rowsIn: first.summary.pairStopsWithTime, yearsGate };
  const q2 = { ...query, excludedYears: [...query.excludedYears, ...yearsGate.excluded.map(Number)] };
  const second = await vodCells(ctx.deps.duck, q2);
  return { query: q2, ...second, rowsIn: first.summary.pairStopsWithTime, yearsGate };
}
