/**
 * Where agencies are: the placements table (one row per agency, rebuilt or updated in every ingest), the
 * placement_state row (the hash of what the placements were computed from), the signal_rows table (the distinct
 * rows placement reads, with their agency keys, kept beside the row versions); and the reads of placements, whole
 * or in the lite form the county figures use.
 */

import { sql } from 'kysely';
import type { Level, OriStatus, Placement } from '../domain/geography.ts';
import type { RowFields, RowSignal } from '../geography/signals.ts';
import type { Db } from './db.ts';
import { insertJson } from './insert-json.ts';
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

const SIGNAL_FIELDS = sql`cells->'STATE'->>'v' as state, cells->'LAW ENFORCEMENT AGENCY'->>'v' as name,
  cells->'COUNTY'->>'v' as county, cells->'COUNTY'->>'t' as "countyType", cells->'TYPE'->>'v' as type`;

/** Every distinct row of the ledger, in the fields placement reads (a scan of every stored row version). */
export async function allRowFields(db: Db): Promise<RowFields[]> {
  return selectJson(db, sql<RowFields>`select distinct ${SIGNAL_FIELDS} from row_versions`);
}

/**
 * The distinct rows of some row versions (an incremental update: the versions the new lists brought), read a
 * thousand versions at a time: a row may come back once per chunk.
 */
export async function versionRowFields(db: Db, hashes: string[]): Promise<RowFields[]> {
  const out: RowFields[] = [];
  for (let i = 0; i < hashes.length; i += 1000)
    out.push(
      ...(await selectJson(
        db,
        sql<RowFields>`select distinct ${SIGNAL_FIELDS} from row_versions
          where hash in (${sql.join(hashes.slice(i, i + 1000))})`,
      )),
    );
  return out;
}

function signalRow(r: RowSignal) {
  return {
    key: r.key,
    state: r.state,
    name: r.name,
    county: r.county,
    county_type: r.countyType,
    type: r.type,
  };
}

/** Whether signal_rows holds any row (it is empty until a full placement pass fills it). */
export async function hasSignalRows(db: Db): Promise<boolean> {
  return !!(await db.selectFrom('signal_rows').select('key').limit(1).executeTakeFirst());
}

/** Rewrites the distinct rows placement reads (a full pass); rows without a key belong to no agency. */
export async function replaceSignalRows(db: Db, rows: RowSignal[]): Promise<void> {
  await db.deleteFrom('signal_rows').execute();
  await insertJson(db, 'signal_rows', rows.filter((r) => r.key !== null).map(signalRow));
}

/** Adds distinct rows placement reads. */
export async function insertSignalRows(db: Db, rows: RowSignal[]): Promise<void> {
  await insertJson(db, 'signal_rows', rows.map(signalRow));
}

/** The stored rows of some agency keys. */
export async function signalRowsOf(db: Db, keys: string[]): Promise<RowSignal[]> {
  if (keys.length === 0) return [];
  return selectJson(
    db,
    db
      .selectFrom('signal_rows')
      .select(['key', 'state', 'name', 'county', 'county_type as countyType', 'type'])
      .where('key', 'in', keys),
  );
}

/** The hash of the inputs the stored placements were computed from (undefined before the first pass). */
export async function placementReferenceHash(db: Db): Promise<string | undefined> {
  const s = await db.selectFrom('placement_state').select('reference_hash').executeTakeFirst();
  return s?.reference_hash;
}

/** A stored placement, in the fields an incremental update compares. */
export interface StoredPlacement {
  agency_id: string;
  state: string;
  name: string;
  signals_hash: string;
  ori: string | null;
  ori_candidates: string[];
}

export async function storedPlacements(db: Db): Promise<StoredPlacement[]> {
  return selectJson(
    db,
    db
      .selectFrom('placements')
      .select(['agency_id', 'state', 'name', 'signals_hash', 'ori', 'ori_candidates']),
  );
}

/** Deletes the placements of some agencies (500 per statement). */
export async function deletePlacements(db: Db, agencies: string[]): Promise<void> {
  for (let i = 0; i < agencies.length; i += 500)
    await db
      .deleteFrom('placements')
      .where('agency_id', 'in', agencies.slice(i, i + 500))
      .execute();
}

export async function deleteAllPlacements(db: Db): Promise<void> {
  await db.deleteFrom('placements').execute();
}

/** Stores placements, each with the hash of the signals it was made from (`hashes`, by agency). */
export async function insertPlacements(
  db: Db,
  placements: Placement[],
  hashes: ReadonlyMap<string, string>,
): Promise<void> {
  await insertJson(
    db,
    'placements',
    placements.map((p) => ({
      agency_id: p.agencyId,
      state: p.state,
      name: p.name,
      level: p.level,
      role: p.role,
      county_fips: JSON.stringify(p.countyFips),
      place: p.place,
      ori: p.ori,
      ori_status: p.oriStatus,
      ori_candidates: JSON.stringify(p.oriCandidates),
      method: p.method,
      rule: p.rule,
      confidence: p.confidence,
      inputs: JSON.stringify(p.inputs),
      reason: p.reason,
      signals_hash: hashes.get(p.agencyId) ?? '',
    })),
    { json: ['county_fips', 'ori_candidates', 'inputs'] },
  );
}

/** Records the hash of the inputs the placements were computed from. */
export async function setPlacementReferenceHash(db: Db, hash: string): Promise<void> {
  await db.deleteFrom('placement_state').execute();
  await db.insertInto('placement_state').values({ id: 1, reference_hash: hash }).execute();
}

/** The placements of one level (for the run report: the multi-county bodies, placed or not, with reasons). */
export async function placementsOfLevel(
  db: Db,
  level: string,
): Promise<
  {
    agency_id: string;
    state: string;
    name: string;
    county_fips: string[];
    rule: string;
    reason: string | null;
  }[]
> {
  return selectJson(
    db,
    db
      .selectFrom('placements')
      .select(['agency_id', 'state', 'name', 'county_fips', 'rule', 'reason'])
      .where('level', '=', level)
      .orderBy('state')
      .orderBy('name'),
  );
}

/** How many placements there are of each level, method and ORI status (counted by the database). */
export async function placementCounts(
  db: Db,
): Promise<{ level: string; method: string; ori_status: string; n: string }[]> {
  return db
    .selectFrom('placements')
    .select(['level', 'method', 'ori_status', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy(['level', 'method', 'ori_status'])
    .execute();
}
