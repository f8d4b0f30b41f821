/**
 * The geography the pages need — where each agency is (placements), county figures (names, population) and
 * coverage — from src/read/geography.ts. A ledger whose reference files (county shapes, FBI table, ACS table)
 * were never ingested has no placements and no counties: the pages then say so and draw agencies at their state.
 */
import type { CountyFigure, Coverage, Placement } from '../domain/geography.ts';
import type { Db } from '../store/db.ts';
import { countyFigures, coverage, listPlacements } from './geography.ts';

export interface Geography {
  placements: Map<string, Placement>;
  counties: Map<string, CountyFigure>;
  coverage: Coverage | null;
  /** False when no county shapes and no placements are in the ledger. */
  available: boolean;
}

export async function loadGeography(db: Db): Promise<Geography> {
  const placements = await listPlacements(db);
  const figures = await countyFigures(db);
  const cov = figures.counties.length > 0 ? await coverage(db) : null;
  return {
    placements: new Map(placements.map((p) => [p.agencyId, p])),
    counties: new Map(figures.counties.map((c) => [c.fips, c])),
    coverage: cov,
    available: placements.length > 0 || figures.counties.length > 0,
  };
}
