/**
 * The agreement registry the before/after designs need (issue 17, §8), read in ONE function from the ledger's
 * agreements and placements: per agreement its agency, state, counties (FIPS), signed date, model, and the
 * agency's level and role in its jurisdiction. The designs take this small typed input, so the restructure of
 * the read side does not touch them.
 */
import type { Db } from './db.ts';

export interface RegistryEntry {
  agreementId: string;
  agencyId: string;
  agencyName: string;
  state: string;
  countyFips: string[];
  /** The signed date (corrected where the ledger corrected it), or null when unknown. */
  signed: string | null;
  model: string;
  status: string;
  /** Placement level (county, municipal, state, …) and role (sheriff, jail, police, …); null when unplaced. */
  level: string | null;
  role: string | null;
}

export type AgreementRegistry = RegistryEntry[];

export async function loadAgreementRegistry(
  db: Db,
  opts: { state?: string } = {},
): Promise<AgreementRegistry> {
  let q = db
    .selectFrom('agreements as a')
    .leftJoin('placements as p', 'p.agency_id', 'a.agency_id')
    .select([
      'a.agreement_id',
      'a.agency_id',
      'a.name',
      'a.state',
      'a.signed',
      'a.signed_published',
      'a.model',
      'a.status',
      'p.county_fips',
      'p.level',
      'p.role',
    ])
    .orderBy('a.agreement_id');
  if (opts.state) q = q.where('a.state', '=', opts.state);
  const rows = await q.execute();
  return rows.map((r) => ({
    agreementId: r.agreement_id,
    agencyId: r.agency_id,
    agencyName: r.name,
    state: r.state,
    countyFips: r.county_fips ?? [],
    signed: r.signed ?? r.signed_published ?? null,
    model: r.model,
    status: r.status,
    level: r.level ?? null,
    role: r.role ?? null,
  }));
}
