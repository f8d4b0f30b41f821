/** Reads of placements: where each agency is (level, counties, place, ORI), whole or in the lite form figures use. */
import type { Level, OriStatus, Placement } from '../domain/geography.ts';
import type { Db } from './db.ts';
import { selectJson } from './select-json.ts';

export async function listPlacements(db: Db): Promise<Placement[]> {
  const rows = await db.selectFrom('placements').selectAll().orderBy('state').orderBy('name').execute();
  return rows.map((r) => ({
    agencyId: r.agency_id,
    state: r.state,
    name: r.name,
    level: r.level as Level,
    role: r.role,
    countyFips: r.county_fips,
    place: r.place,
    ori: r.ori,
    oriStatus: r.ori_status as OriStatus,
    oriCandidates: r.ori_candidates,
    method: r.method as Placement['method'],
    rule: r.rule,
    confidence: r.confidence,
    inputs: r.inputs,
    reason: r.reason,
  }));
}

/** Each placement's agency, state, level, role and counties (what county figures need). */
export async function placementsLite(
  db: Db,
): Promise<Pick<Placement, 'agencyId' | 'state' | 'level' | 'role' | 'countyFips'>[]> {
  const rows = await selectJson(
    db,
    db.selectFrom('placements').select(['agency_id', 'state', 'level', 'role', 'county_fips']),
  );
  return rows.map((r) => ({
    agencyId: r.agency_id,
    state: r.state,
    level: r.level as Level,
    role: r.role,
    countyFips: r.county_fips,
  }));
}
