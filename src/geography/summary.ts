/** Placement figures for a run's report: how many agencies are placed, by level, and how their ORIs matched. */
import type { Placement } from '../domain/geography.ts';

export interface PlacementSummary {
  agencies: number;
  placed: number;
  unplaced: number;
  byLevel: Record<string, { agencies: number; placed: number }>;
  ori: { matched: number; ambiguous: number; none: number };
}

export function summarize(
  placements: readonly Pick<Placement, 'level' | 'method' | 'oriStatus'>[],
): PlacementSummary {
  const byLevel: PlacementSummary['byLevel'] = {};
  const ori = { matched: 0, ambiguous: 0, none: 0 };
  let placed = 0;
  for (const p of placements) {
    const ok = p.method !== 'unplaced';
    if (ok) placed++;
    const l = byLevel[p.level] ?? { agencies: 0, placed: 0 };
    l.agencies++;
    if (ok) l.placed++;
    byLevel[p.level] = l;
    ori[p.oriStatus]++;
  }
  return { agencies: placements.length, placed, unplaced: placements.length - placed, byLevel, ori };
}
