/**
 * The search_reliability gate of a dataset (§2) for one method: blocking when the reviewed list names the
 * location for that method (Hartford, with OPP's evidence), else a non-blocking review flag on implausible
 * overall search or hit rates (counted here, never reported when the gate blocks).
 */
import { loadSearchReliability } from '../reference/stops.ts';
import type { StopScope } from '../store/stops/scope.ts';
import { preparedSearchCells, searchCounts } from '../store/stops/search-query.ts';
import type { DatasetContext } from './dataset-context.ts';
import { searchReliabilityGate } from './gates.ts';
import type { Gate } from './method-result.ts';

export async function reliabilityGate(ctx: DatasetContext, scope: StopScope, method: string): Promise<Gate> {
  const list = loadSearchReliability(ctx.deps.referenceDir);
  if (list.some((l) => l.location === ctx.dataset.location && l.scope.includes(method)))
    return searchReliabilityGate(ctx.dataset.location, method, list, { searchRate: null, hitRate: null });
  const s = await searchCounts(ctx.deps.duck, scope, { subgeo: null, discretionaryOnly: false });
  const stops = s.reduce((a, c) => a + c.stops, 0);
  const searches = s.reduce((a, c) => a + c.searches, 0);
  let hitRate: number | null = null;
  if (ctx.columns.has('contraband_found')) {
    const p = await preparedSearchCells(ctx.deps.duck, scope, { subgeo: null, discretionaryOnly: false });
    const sr = p.cells.reduce((a, c) => a + c.searches, 0);
    hitRate = sr > 0 ? p.cells.reduce((a, c) => a + c.hits, 0) / sr : null;
  }
  return searchReliabilityGate(ctx.dataset.location, method, list, {
    searchRate: stops > 0 ? searches / stops : null,
    hitRate,
  });
}
