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
import { type GeographyOverride, type Membership, placeAgency } from '../geography/place.ts';
import {
  type AgencyNameRow,
  type AgencySignals,
  buildSignals,
  distinctKeyedRows,
  keyRows,
  latestNames,
  type Owners,
  ownerOf,
  rowIdentity,
} from '../geography/signals.ts';
import {
  type MultiCountyReport,
  multiCountyReport,
  type PlacementSummary,
  summarize,
} from '../geography/summary.ts';
import { loadReference, REFERENCE_DIR, SPECS } from '../reference/load.ts';
import { loadMembers } from '../reference/multi-county.ts';
import { readAgencyNames } from '../store/agencies.ts';
import type { Db } from '../store/db.ts';
import { decisionKeysOfRun, readOwners } from '../store/identity.ts';
import {
  allRowFields,
  deleteAllPlacements,
  deletePlacements,
  hasSignalRows,
  insertPlacements,
  insertSignalRows,
  placementCounts,
  placementReferenceHash,
  placementsOfLevel,
  replaceSignalRows,
  type StoredPlacement,
  setPlacementReferenceHash,
  signalRowsOf,
  storedPlacements,
  versionRowFields,
} from '../store/placements.ts';
import { latestPlacementReferences, readCounties, readFbiAgencies } from '../store/references.ts';

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

/**
 * The multi-county bodies' members (multi-county-members.csv) for the agencies of this ledger; a FIPS code the
 * county shapes do not hold is refused with the file, the line and the field.
 */
function members(known: Set<string>, fips: Set<string>): Map<string, Membership> {
  const out = new Map<string, Membership>();
  for (const e of loadMembers()) {
    for (const f of e.countyFips)
      if (fips.size > 0 && !fips.has(f))
        throw new ReferenceFileError(
          SPECS.multiCountyMembers.file,
          e.line,
          `county_fips: ${f} is not a county FIPS code`,
        );
    if (!known.has(e.agencyId)) continue;
    out.set(e.agencyId, {
      agencyId: e.agencyId,
      kind: e.kind,
      countyFips: e.countyFips,
      evidenceUrl: e.evidenceUrl,
      evidenceQuote: e.evidenceQuote,
    });
  }
  return out;
}

/** A hash of the reviewed files placement reads, stored with the placements so a change triggers a recompute. */
export function geographyReferenceHash(dir = REFERENCE_DIR): string {
  const h = createHash('sha256');
  for (const spec of [
    SPECS.countyCorrections,
    SPECS.geographyOverrides,
    SPECS.nameAbbreviations,
    SPECS.multiCountyMembers,
  ])
    h.update(readFileSync(`${dir}/${spec.file}`));
  return h.digest('hex');
}

/** `known`: every agency of the ledger (an override for any other agency does not apply). */
async function placeDeps(db: Db, known: Set<string>, states?: string[]) {
  const counties = new CountyIndex(await readCounties(db));
  // The FBI table, or only the rows of some states (an incremental update needs only theirs).
  const fbi = new FbiIndex(await readFbiAgencies(db, states));
  const fips = new Set(counties.byFips.keys());
  return {
    counties,
    fbi,
    corrections: loadReference('countyCorrections'),
    overrides: overrides(known, fips),
    members: members(known, fips),
  };
}

async function placeAll(db: Db, signals: AgencySignals[]) {
  const deps = await placeDeps(db, new Set(signals.map((s) => s.agencyId)));
  return { drafts: signals.map((s) => placeAgency(s, deps)), fbi: deps.fbi, counties: deps.counties };
}

/** Computes every placement (without storing them). */
export async function computePlacements(db: Db): Promise<Placement[]> {
  const signals = buildSignals(
    keyRows(await allRowFields(db)),
    await readOwners(db),
    await readAgencyNames(db),
  );
  const { drafts, fbi, counties } = await placeAll(db, signals);
  return linkOris(drafts, fbi, counties);
}

export function signalsHash(s: AgencySignals): string {
  return createHash('sha1').update(JSON.stringify(s)).digest('hex');
}

/** Bump when the rules change, so stored placements are recomputed. */
const PLACEMENT_RULES = 'rules-2';

/** What placements depend on besides the agencies: the reviewed files, the county shapes and the FBI table. */
export async function inputsHash(db: Db): Promise<string> {
  const latest = await latestPlacementReferences(db);
  return createHash('sha256')
    .update(geographyReferenceHash())
    .update(`|${latest.get('us-atlas-counties') ?? ''}|${latest.get('fbi-lee') ?? ''}|${PLACEMENT_RULES}`)
    .digest('hex');
}

/** The single ORI an agency holds or would hold (a link flagged only because another agency takes it too). */
function singleOri(p: { ori: string | null; ori_candidates: string[] }): string | null {
  return p.ori ?? (p.ori_candidates.length === 1 ? (p.ori_candidates[0] ?? null) : null);
}

/** What an incremental history update brought: the row versions it wrote, and its run. */
export interface NewLists {
  rowVersions: string[];
  runId: number;
  /** The identity tables as the history update left them (else read from the ledger). */
  owners?: Owners | undefined;
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
  const fresh = distinctKeyedRows(await versionRowFields(tx, lists.rowVersions));
  const keys = [...new Set(fresh.flatMap((r) => (r.key === null ? [] : [r.key])))];
  const known = new Set((await signalRowsOf(tx, keys)).map(rowIdentity));
  // Rows without a state or a name belong to no agency and are not kept.
  const added = fresh.filter((r) => r.key !== null && !known.has(rowIdentity(r)));
  await insertSignalRows(tx, added);
  const candidates = new Set<string>();
  const hold = (key: string | null) => {
    const id = ownerOf(owners, key);
    if (id && agencies.has(id)) candidates.add(id);
  };
  for (const r of added) hold(r.key);
  for (const key of await decisionKeysOfRun(tx, lists.runId)) hold(key);
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

/** The candidates' signals, and how to get the signals of other agencies (see touchedSignals). */
async function candidateSignals(
  tx: Db,
  sameRefs: boolean,
  lists: NewLists | undefined,
  owners: Owners,
  names: AgencyNameRow[],
  storedBy: Map<string, StoredPlacement>,
  agencies: Set<string>,
): Promise<{ signalsOf: (ids: Set<string>) => Promise<AgencySignals[]>; candidates: AgencySignals[] }> {
  if (sameRefs && lists && (await hasSignalRows(tx))) {
    const touched = await touchedSignals(tx, lists, owners, names, storedBy, agencies);
    return { signalsOf: touched.signals, candidates: await touched.signals(touched.candidates) };
  }
  const rows = keyRows(await allRowFields(tx));
  await replaceSignalRows(tx, rows);
  const all = buildSignals(rows, owners, names);
  const byId = new Map(all.map((s) => [s.agencyId, s]));
  return { signalsOf: async (ids) => [...ids].flatMap((id) => byId.get(id) ?? []), candidates: all };
}

/** What an incremental placement pass works from. */
interface Changes {
  changed: AgencySignals[];
  removed: string[];
  stored: StoredPlacement[];
  storedBy: Map<string, StoredPlacement>;
  agencies: Set<string>;
  signalsOf: (ids: Set<string>) => Promise<AgencySignals[]>;
  /** Signal hashes by agency (the neighbours' are added). */
  hashes: Map<string, string>;
}

/**
 * Places the changed agencies again, with the agencies that share an ORI with them, and deletes the placements
 * they replace (and those of agencies gone); returns the new placements.
 */
async function placeChanged(tx: Db, c: Changes, log: (m: string) => void): Promise<Placement[]> {
  const { changed, stored, storedBy, agencies } = c;
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
  const neighbours = await c.signalsOf(neighbourIds);
  for (const s of neighbours) c.hashes.set(s.agencyId, signalsHash(s));
  const todo = [...changed, ...neighbours];
  const placements = linkOris(
    [...drafts, ...neighbours.map((s) => placeAgency(s, deps))],
    deps.fbi,
    deps.counties,
  );
  await deletePlacements(tx, [...todo.map((s) => s.agencyId), ...c.removed]);
  return placements;
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
): Promise<PlacementSummary & { mode: string; placedNow: number; multiCounty: MultiCountyReport }> {
  const hash = await inputsHash(tx);
  const stateHash = await placementReferenceHash(tx);
  const owners = lists?.owners ?? (await readOwners(tx));
  const names = await readAgencyNames(tx);
  const agencies = new Set([...latestNames(names).keys()].filter((id) => !owners.merged.get(id)));
  let mode = 'full';
  let placements: Placement[];
  const hashes = new Map<string, string>();
  const sameRefs = stateHash === hash;
  const stored = sameRefs ? await storedPlacements(tx) : [];
  const storedBy = new Map(stored.map((p) => [p.agency_id, p]));
  const { signalsOf, candidates } = await candidateSignals(
    tx,
    sameRefs,
    lists,
    owners,
    names,
    storedBy,
    agencies,
  );
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
    placements = await placeChanged(
      tx,
      { changed, removed, stored, storedBy, agencies, signalsOf, hashes },
      log,
    );
  } else {
    const all = await placeAll(tx, candidates);
    placements = linkOris(all.drafts, all.fbi, all.counties);
    await deleteAllPlacements(tx);
  }
  log('placements: placed');
  await insertPlacements(tx, placements, hashes);
  await setPlacementReferenceHash(tx, hash);
  return { ...(await storedSummary(tx)), mode, placedNow: placements.length };
}

async function storedSummary(db: Db): Promise<PlacementSummary & { multiCounty: MultiCountyReport }> {
  // Counted by the database (one row per kind, not per agency).
  const rows = await placementCounts(db);
  const multiCounty = multiCountyReport(await placementsOfLevel(db, 'multi-county'));
  const summary = summarize(
    rows.flatMap((r) =>
      Array.from({ length: Number(r.n) }, () => ({
        level: r.level as Level,
        method: r.method as Placement['method'],
        oriStatus: r.ori_status as OriStatus,
      })),
    ),
  );
  return { ...summary, multiCounty };
}
