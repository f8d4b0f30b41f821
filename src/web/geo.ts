/**
 * The geography the pages need — where each agency is (placements), county figures (names, population) and
 * coverage — from src/geography/queries.ts. A ledger whose reference files (county shapes, FBI table, ACS table)
 * were never ingested has no placements and no counties: the pages then say so and draw agencies at their state.
 */
import type { Kysely } from 'kysely';
import { countyFigures, coverage, listPlacements } from '../geography/queries.ts';
import type { CountyFigure, Coverage, Placement } from '../geography/types.ts';
import type { Database } from '../store/schema.ts';

type Db = Kysely<Database>;

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
