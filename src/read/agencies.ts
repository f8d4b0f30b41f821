/** Finding agencies by what a user typed: an agency ID, or a name (in a state, when given). */
import { agencyKey } from '../normalize/agency-name.ts';
import { normalizeState } from '../normalize/state.ts';
import { findAgencyIds } from '../store/agencies.ts';
import type { Db } from '../store/db.ts';

/** Agencies by ID, or by name (exact matching key first, then a substring of any name it was listed under). */
export async function findAgencies(db: Db, idOrName: string, state?: string): Promise<string[]> {
  const st = state ? (normalizeState(state).code ?? state.toUpperCase()) : undefined;
  return findAgencyIds(db, { text: idOrName, state: st, key: agencyKey(idOrName, st ?? null) });
}
