/**
 * The placement stage of an ingest: the agencies' placements are brought up to date (update-placements.ts) when
 * new publications, a history update or new reference files may have changed them, or the reviewed geography
 * files did.
 */
import { placementReferenceHash } from '../store/placements.ts';
import type { FoldedHistory } from './fold-history.ts';
import type { RunContext } from './run-context.ts';
import type { RunReport } from './types.ts';
import { inputsHash, updatePlacements } from './update-placements.ts';

/** True when the reviewed geography files changed since the placements were computed. */
async function placementsStale(ctx: RunContext): Promise<boolean> {
  return (await placementReferenceHash(ctx.tx)) !== (await inputsHash(ctx.tx));
}

export interface PlacementInputs {
  /** How many publications were stored in this run. */
  newPublications: number;
  history: FoldedHistory | null;
  /** Whether a reference file new to the ledger was stored. */
  referencesChanged: boolean;
  /** Row versions written in this run. */
  rowVersions: string[];
}

/** Updates the placements when due; null when they were left as they were. */
export async function placeAgencies(ctx: RunContext, p: PlacementInputs): Promise<RunReport['geography']> {
  // A history rebuilt without new lists (an edited reviewed file: merges, renames) changes agencies too. After
  // an incremental history update, placement reads only the rows of the agencies the new lists touched.
  const due =
    p.newPublications > 0 || p.history !== null || p.referencesChanged || (await placementsStale(ctx));
  if (!due) return null;
  return updatePlacements(
    ctx.tx,
    ctx.log,
    p.history?.report.mode === 'incremental'
      ? { rowVersions: p.rowVersions, runId: ctx.runId, owners: p.history.owners }
      : undefined,
  );
}

export function logPlacements(ctx: RunContext, g: RunReport['geography']): void {
  if (g) ctx.log(`placements ${g.mode} (${g.placedNow} placed now; ${g.placed} of ${g.agencies} placed)`);
}
