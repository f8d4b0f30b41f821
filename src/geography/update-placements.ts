/**
 * Recomputes every agency's placement from the ledger (agencies, their listed rows) and the current reference
 * data, and stores it (replacing the previous placements: they are derived, rebuilt in every ingest's
 * transaction). Reviewed files: county-corrections.csv (typos in ICE's COUNTY column, keyed on the wrong value)
 * and geography-overrides.csv (placements the rules cannot make).
 */

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Kysely, Transaction } from 'kysely';
import { ReferenceFileError } from '../errors.ts';
import { loadReference, REFERENCE_DIR, SPECS } from '../reference/load.ts';
import type { Database } from '../store/schema.ts';
import { insertBatched } from '../store/write.ts';
import { CountyIndex } from './counties.ts';
import { FbiIndex } from './fbi-index.ts';
import { linkOris } from './ori.ts';
import { type GeographyOverride, placeAgency } from './place.ts';
import { gatherSignals } from './signals.ts';
import type { Level, Placement } from './types.ts';

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

/** Computes the placements (without storing them). */
export async function computePlacements(db: Kysely<Database>): Promise<Placement[]> {
  const counties = new CountyIndex(
    (await db.selectFrom('ref_counties').select(['fips', 'state', 'name', 'city']).execute()).map((c) => ({
      ...c,
      city: Boolean(c.city),
    })),
  );
  const fbi = new FbiIndex(
    (await db.selectFrom('ref_fbi_agencies').selectAll().execute()).map((a) => ({
      ori: a.ori,
      year: a.year,
      name: a.name,
      state: a.state,
      counties: a.counties,
      type: a.type,
      population: a.population,
    })),
  );
  const signals = await gatherSignals(db);
  const deps = {
    counties,
    fbi,
    corrections: loadReference('countyCorrections'),
    overrides: overrides(new Set(signals.map((s) => s.agencyId)), new Set(counties.byFips.keys())),
  };
  return linkOris(
    signals.map((s) => placeAgency(s, deps)),
    fbi,
    counties,
  );
}

export function summarize(placements: readonly Placement[]): PlacementSummary {
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

export async function updatePlacements(
  tx: Transaction<Database> | Kysely<Database>,
): Promise<PlacementSummary> {
  const placements = await computePlacements(tx);
  await tx.deleteFrom('placements').execute();
  await insertBatched(
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
    })),
  );
  await tx.deleteFrom('placement_state').execute();
  await tx
    .insertInto('placement_state')
    .values({ id: 1, reference_hash: geographyReferenceHash() })
    .execute();
  return summarize(placements);
}
