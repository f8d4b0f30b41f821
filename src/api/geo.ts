/**
 * The geography the API needs: placements, counties, per-county figures and coverage (src/read/geography.ts),
 * and the FBI rows of matched ORIs (an API-specific read of the reference tables).
 */
import type { CountyFigure, SourceRef } from '../domain/geography.ts';
import type { Db } from '../store/db.ts';

export { countyFigures, coverage, listCounties, listPlacements } from '../read/geography.ts';

export interface CountyFiguresResult {
  date: string;
  counties: CountyFigure[];
  sources: SourceRef[];
}

export interface FbiRow {
  ori: string;
  name: string;
  state: string;
  type: string;
  population: number | null;
  year: number;
}

/** FBI LEE rows of the given ORIs. */
export async function fbiRows(db: Db, oris: string[]): Promise<Map<string, FbiRow>> {
  const out = new Map<string, FbiRow>();
  for (let i = 0; i < oris.length; i += 1000) {
    const chunk = oris.slice(i, i + 1000);
    if (chunk.length === 0) break;
    const rows = await db
      .selectFrom('ref_fbi_agencies')
      .select(['ori', 'name', 'state', 'type', 'population', 'year'])
      .where('ori', 'in', chunk)
      .execute();
    for (const r of rows) out.set(r.ori, r);
  }
  return out;
}
