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

/**
 * The multi-county bodies of a run (for its report and the audit): those placed, with their counties and the rule
 * (the membership file or the counties their name lists), and those left unplaced, with the reason.
 */
export interface MultiCountyReport {
  placed: { agencyId: string; state: string; name: string; counties: string[]; rule: string }[];
  unplaced: { agencyId: string; state: string; name: string; reason: string }[];
}

export function multiCountyReport(
  rows: readonly {
    agency_id: string;
    state: string;
    name: string;
    county_fips: string[];
    rule: string;
    reason: string | null;
  }[],
): MultiCountyReport {
  const out: MultiCountyReport = { placed: [], unplaced: [] };
  for (const r of rows) {
    if (r.county_fips.length > 0)
      out.placed.push({
        agencyId: r.agency_id,
        state: r.state,
        name: r.name,
        counties: r.county_fips,
        rule: r.rule,
      });
    else out.unplaced.push({ agencyId: r.agency_id, state: r.state, name: r.name, reason: r.reason ?? '' });
  }
  return out;
}
