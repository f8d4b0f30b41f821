/**
 * Recomputes every agency's placement from the ledger (agencies, their listed rows) and the current reference
 * data, and stores it (replacing the previous placements: they are derived, rebuilt in every ingest's
 * transaction). Reviewed files: county-corrections.csv (typos in ICE's COUNTY column, keyed on the wrong value)
 * and geography-overrides.csv (placements the rules cannot make).
 */

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ReferenceFileError } from '../domain/errors.ts';
import type { Level, OriStatus, Placement } from '../domain/geography.ts';
import { CountyIndex } from '../geography/counties.ts';
import { FbiIndex } from '../geography/fbi-index.ts';
import { linkOris } from '../geography/ori.ts';
import { type GeographyOverride, placeAgency } from '../geography/place.ts';
import {
  type AgencyNameRow,
  type AgencySignals,
  allRowSignals,
  buildSignals,
  gatherSignals,
  latestNames,
  type Owners,
  ownerOf,
  type RowSignal,
  readAgencyNames,
  readOwners,
  rowIdentity,
  versionRowSignals,
} from '../geography/signals.ts';
import { loadReference, REFERENCE_DIR, SPECS } from '../reference/load.ts';
import type { Db } from '../store/db.ts';
import { insertJson } from '../store/insert-json.ts';
import { selectJson } from '../store/select-json.ts';

export interface PlacementSummary {
  agencies: number;
  placed: number;
  unplaced: number;
  byLevel: Record<string, { agencies: number; placed: number }>;
  ori: { matched: number; ambiguous: number; none: number };
}

function overrides(known: Set<string>, fips: Set<string>): Map<string, GeographyOverride> {
  const out = new Map<string, GeographyOverride>();
  loadReference('geographyOverrides').forEach((r, i) => {
    const line = i + 2;
    if (!/^agy-[0-9a-z]{10}$/.test(r.agency_id))
      throw new ReferenceFileError(
        'geography-overrides.csv',
        line,
        `agency_id ${r.agency_id} is not an agency ID`,
      );
    // An override for an agency this ledger does not hold (a partial or test ledger) does not apply.
    if (!known.has(r.agency_id)) return;
    const countyFips = r.county_fips ? r.county_fips.split(/[;\s]+/).filter(Boolean) : [];
    for (const f of countyFips)
      if (fips.size > 0 && !fips.has(f))
        throw new ReferenceFileError(
          'geography-overrides.csv',
          line,
          `county_fips ${f} is not a county FIPS code`,
        );
    out.set(r.agency_id, {
      agencyId: r.agency_id,
      level: r.level as Level,
      countyFips,
      place: r.place || null,
      evidence: r.evidence,
    });
  });
  return out;
}

/** A hash of the reviewed files placement reads, stored with the placements so a change triggers a recompute. */
export function geographyReferenceHash(dir = REFERENCE_DIR): string {
  const h = createHash('sha256');
  for (const spec of [SPECS.countyCorrections, SPECS.geographyOverrides, SPECS.nameAbbreviations])
    h.update(readFileSync(`${dir}/${spec.file}`));
  return h.digest('hex');
}

async function countyIndex(db: Db): Promise<CountyIndex> {
  const rows = await selectJson(db, db.selectFrom('ref_counties').select(['fips', 'state', 'name', 'city']));
  return new CountyIndex(rows.map((c) => ({ ...c, city: Boolean(c.city) })));
}

/** The FBI table, or only the rows of some states (an incremental update needs only theirs). */
async function fbiIndex(db: Db, states?: string[]): Promise<FbiIndex> {
  let q = db
    .selectFrom('ref_fbi_agencies')
    .select(['ori', 'year', 'name', 'state', 'counties', 'type', 'population']);
  if (states) q = q.where('state', 'in', states.length > 0 ? states : ['']);
  return new FbiIndex(await selectJson(db, q));
}

/** `known`: every agency of the ledger (an override for any other agency does not apply). */
async function placeDeps(db: Db, known: Set<string>, states?: string[]) {
  const counties = await countyIndex(db);
  const fbi = await fbiIndex(db, states);
  return {
    counties,
    fbi,
    corrections: loadReference('countyCorrections'),
    overrides: overrides(known, new Set(counties.byFips.keys())),
  };
}

async function placeAll(db: Db, signals: AgencySignals[]) {
  const deps = await placeDeps(db, new Set(signals.map((s) => s.agencyId)));
  return { drafts: signals.map((s) => placeAgency(s, deps)), fbi: deps.fbi, counties: deps.counties };
}

/** Computes every placement (without storing them). */
export async function computePlacements(db: Db): Promise<Placement[]> {
  const signals = await gatherSignals(db);
  const { drafts, fbi, counties } = await placeAll(db, signals);
  return linkOris(drafts, fbi, counties);
}

export function signalsHash(s: AgencySignals): string {
  return createHash('sha1').update(JSON.stringify(s)).digest('hex');
}

/** Bump when the rules change, so stored placements are recomputed. */
const PLACEMENT_RULES = 'rules-1';

/** What placements depend on besides the agencies: the reviewed files, the county shapes and the FBI table. */
export async function inputsHash(db: Db): Promise<string> {
  const refs = await db
    .selectFrom('reference_files')
    .select(['kind', 'sha256', 'ingested_at'])
    .where('kind', 'in', ['us-atlas-counties', 'fbi-lee'])
    .orderBy('ingested_at')
    .execute();
  const latest = new Map(refs.map((r) => [r.kind, r.sha256]));
  return createHash('sha256')
    .update(geographyReferenceHash())
    .update(`|${latest.get('us-atlas-counties') ?? ''}|${latest.get('fbi-lee') ?? ''}|${PLACEMENT_RULES}`)
    .digest('hex');
}

/** The single ORI an agency holds or would hold (a link flagged only because another agency takes it too). */
function singleOri(p: { ori: string | null; ori_candidates: string[] }): string | null {
  return p.ori ?? (p.ori_candidates.length === 1 ? (p.ori_candidates[0] ?? null) : null);
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

/** What an incremental history update brought: the row versions it wrote, and its run. */
export interface NewLists {
  rowVersions: string[];
  runId: number;
  /** The identity tables as the history update left them (else read from the ledger). */
  owners?: Owners | undefined;
}

type StoredPlacement = {
  agency_id: string;
  state: string;
  name: string;
  signals_hash: string;
  ori: string | null;
  ori_candidates: string[];
};

/** Rewrites the distinct rows placement reads (a full pass). */
async function replaceSignalRows(tx: Db, rows: RowSignal[]): Promise<void> {
  await tx.deleteFrom('signal_rows').execute();
  await insertJson(tx, 'signal_rows', rows.filter((r) => r.key !== null).map(signalRow));
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

async function signalRowsOf(tx: Db, keys: string[]): Promise<RowSignal[]> {
  if (keys.length === 0) return [];
  return selectJson(
    tx,
    tx
      .selectFrom('signal_rows')
      .select(['key', 'state', 'name', 'county', 'county_type as countyType', 'type'])
      .where('key', 'in', keys),
  );
}

/**
 * The agencies whose signals a new list may have changed, and their signals: the holders of rows never seen
 * before and of names decided in this run, agencies without a placement, and agencies whose latest state or name
 * differs from their placement's. Only their rows are read (from `signal_rows`, which gains the new rows here).
 * Every other agency's rows and names are as they were, so its signals are too.
 */
async function touchedSignals(
  tx: Db,
  lists: NewLists,
  owners: Owners,
  names: AgencyNameRow[],
  stored: Map<string, StoredPlacement>,
  agencies: Set<string>,
): Promise<{ signals: (ids: Set<string>) => Promise<AgencySignals[]>; candidates: Set<string> }> {
  // A row version stored before this run has its rows in signal_rows already.
  const fresh = await versionRowSignals(tx, lists.rowVersions);
  const keys = [...new Set(fresh.flatMap((r) => (r.key === null ? [] : [r.key])))];
  const known = new Set((await signalRowsOf(tx, keys)).map(rowIdentity));
  // Rows without a state or a name belong to no agency and are not kept.
  const added = fresh.filter((r) => r.key !== null && !known.has(rowIdentity(r)));
  await insertJson(tx, 'signal_rows', added.map(signalRow));
  const candidates = new Set<string>();
  const hold = (key: string | null) => {
    const id = ownerOf(owners, key);
    if (id && agencies.has(id)) candidates.add(id);
  };
  for (const r of added) hold(r.key);
  for (const d of await tx
    .selectFrom('identity_decisions')
    .select(['state', 'name_key'])
    .where('run_id', '=', lists.runId)
    .execute())
    hold(`${d.state}|${d.name_key}`);
  for (const [id, l] of latestNames(names)) {
    if (!agencies.has(id)) continue;
    const p = stored.get(id);
    if (!p || p.state !== l.state || p.name !== l.name) candidates.add(id);
  }
  const keysOf = new Map<string, string[]>();
  for (const key of owners.agencyOf.keys()) {
    const id = ownerOf(owners, key);
    if (id) keysOf.set(id, [...(keysOf.get(id) ?? []), key]);
  }
  const signals = async (ids: Set<string>) =>
    buildSignals(
      await signalRowsOf(
        tx,
        [...ids].flatMap((id) => keysOf.get(id) ?? []),
      ),
      owners,
      names,
      ids,
    );
  return { signals, candidates };
}

/**
 * Brings the stored placements up to date. When the reviewed files, the county shapes or the FBI table changed,
 * or the history was rebuilt in full, every agency is placed again from every stored row (`full`); otherwise
 * only the agencies whose signals changed, with the agencies that share an ORI with them (`incremental`), or none
 * (`unchanged`). With `lists` (an incremental history update), only the rows of the agencies the new lists
 * touched are read; without it, every row.
 */
export async function updatePlacements(
  tx: Db,
  log: (m: string) => void = () => {},
  lists?: NewLists,
): Promise<PlacementSummary & { mode: string; placedNow: number }> {
  const hash = await inputsHash(tx);
  const state = await tx.selectFrom('placement_state').select('reference_hash').executeTakeFirst();
  const owners = lists?.owners ?? (await readOwners(tx));
  const names = await readAgencyNames(tx);
  const agencies = new Set([...latestNames(names).keys()].filter((id) => !owners.merged.get(id)));
  let mode = 'full';
  let placements: Placement[];
  const hashes = new Map<string, string>();
  const sameRefs = state?.reference_hash === hash;
  const stored = sameRefs
    ? await selectJson(
        tx,
        tx
          .selectFrom('placements')
          .select(['agency_id', 'state', 'name', 'signals_hash', 'ori', 'ori_candidates']),
      )
    : [];
  const storedBy = new Map(stored.map((p) => [p.agency_id, p]));
  let signalsOf: (ids: Set<string>) => Promise<AgencySignals[]>;
  let candidates: AgencySignals[];
  if (sameRefs && lists && (await tx.selectFrom('signal_rows').select('key').limit(1).executeTakeFirst())) {
    const touched = await touchedSignals(tx, lists, owners, names, storedBy, agencies);
    signalsOf = touched.signals;
    candidates = await signalsOf(touched.candidates);
  } else {
    const rows = await allRowSignals(tx);
    await replaceSignalRows(tx, rows);
    const all = buildSignals(rows, owners, names);
    const byId = new Map(all.map((s) => [s.agencyId, s]));
    signalsOf = async (ids) => [...ids].flatMap((id) => byId.get(id) ?? []);
    candidates = all;
  }
  log('placements: signals gathered');
  for (const s of candidates) hashes.set(s.agencyId, signalsHash(s));
  if (sameRefs) {
    const changed = candidates.filter(
      (s) => storedBy.get(s.agencyId)?.signals_hash !== hashes.get(s.agencyId),
    );
    const removed = stored.filter((p) => !agencies.has(p.agency_id)).map((p) => p.agency_id);
    if (changed.length + removed.length === 0)
      return { ...(await storedSummary(tx)), mode: 'unchanged', placedNow: 0 };
    mode = 'incremental';
    // ORIs begin with the state code, so the FBI rows of the changed agencies' states cover their neighbours too.
    const deps = await placeDeps(tx, agencies, [...new Set(changed.map((s) => s.state))]);
    log(`placements: ${changed.length} changed, reference data loaded`);
    const drafts = changed.map((s) => placeAgency(s, deps));
    // Agencies whose ORI link depends on a changed one (they share, or shared, its ORI) are linked again with it.
    const oris = new Set<string>();
    for (const p of linkOris(drafts, deps.fbi, deps.counties)) {
      const o = singleOri({ ori: p.ori, ori_candidates: p.oriCandidates });
      if (o) oris.add(o);
    }
    for (const s of changed) {
      const o = storedBy.get(s.agencyId);
      const old = o ? singleOri(o) : null;
      if (old) oris.add(old);
    }
    const changedIds = new Set(changed.map((s) => s.agencyId));
    const neighbourIds = new Set(
      stored
        .filter(
          (p) => !changedIds.has(p.agency_id) && agencies.has(p.agency_id) && oris.has(singleOri(p) ?? ''),
        )
        .map((p) => p.agency_id),
    );
    const neighbours = await signalsOf(neighbourIds);
    for (const s of neighbours) hashes.set(s.agencyId, signalsHash(s));
    const todo = [...changed, ...neighbours];
    placements = linkOris(
      [...drafts, ...neighbours.map((s) => placeAgency(s, deps))],
      deps.fbi,
      deps.counties,
    );
    const gone = [...todo.map((s) => s.agencyId), ...removed];
    for (let i = 0; i < gone.length; i += 500)
      await tx
        .deleteFrom('placements')
        .where('agency_id', 'in', gone.slice(i, i + 500))
        .execute();
  } else {
    const all = await placeAll(tx, candidates);
    placements = linkOris(all.drafts, all.fbi, all.counties);
    await tx.deleteFrom('placements').execute();
  }
  log('placements: placed');
  await insertJson(
    tx,
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
  await tx.deleteFrom('placement_state').execute();
  await tx.insertInto('placement_state').values({ id: 1, reference_hash: hash }).execute();
  return { ...(await storedSummary(tx)), mode, placedNow: placements.length };
}

async function storedSummary(db: Db): Promise<PlacementSummary> {
  // Counted by the database (one row per kind, not per agency).
  const rows = await db
    .selectFrom('placements')
    .select(['level', 'method', 'ori_status', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy(['level', 'method', 'ori_status'])
    .execute();
  return summarize(
    rows.flatMap((r) =>
      Array.from({ length: Number(r.n) }, () => ({
        level: r.level as Level,
        method: r.method as Placement['method'],
        oriStatus: r.ori_status as OriStatus,
      })),
    ),
  );
}
