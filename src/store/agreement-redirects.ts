/**
 * Agreement IDs that no longer name an agreement (issue 14; migration 013): each with the agreement that holds its
 * listings now (null: gone), the kind, the reason and the date. Written by the history update after the derived
 * tables; never cleared by a rebuild (a published ID keeps resolving), except for an ID that names an agreement
 * again.
 */
import type { RetiredAgreement } from '../domain/agreement.ts';
import type { CompactRefs } from '../domain/listing-refs.ts';
import { unpackRefs } from '../domain/listing-refs.ts';
import type { Db } from './db.ts';

/** Stores retired IDs (a later verdict on an ID replaces the earlier one), then drops those that exist again. */
export async function writeRedirects(
  db: Db,
  retired: readonly RetiredAgreement[],
  runId: number,
): Promise<void> {
  for (const r of retired) {
    const row = { into_id: r.into, kind: r.kind, reason: r.reason, date: r.date, run_id: runId };
    await db
      .insertInto('agreement_redirects')
      .values({ agreement_id: r.agreementId, ...row })
      .onConflict((oc) => oc.column('agreement_id').doUpdateSet(row))
      .execute();
  }
  await db
    .deleteFrom('agreement_redirects')
    .where('agreement_id', 'in', db.selectFrom('agreements').select('agreement_id'))
    .execute();
}

/** Every stored redirect, by agreement ID. */
export async function readRedirects(db: Db): Promise<RetiredAgreement[]> {
  const rows = await db.selectFrom('agreement_redirects').selectAll().orderBy('agreement_id').execute();
  return rows.map((r) => ({
    agreementId: r.agreement_id,
    into: r.into_id,
    kind: r.kind as RetiredAgreement['kind'],
    reason: r.reason,
    date: String(r.date).slice(0, 10),
  }));
}

/** The agreements stored now (before a rebuild replaces them): ID → agency ID. */
export async function storedAgreementAgencies(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('agreements').select(['agreement_id', 'agency_id']).execute();
  return new Map(rows.map((r) => [r.agreement_id, r.agency_id]));
}

/** The stored listing refs of the publications that list one of `agencies` (before a rebuild replaces them). */
export async function storedRefsListing(
  db: Db,
  agencies: ReadonlySet<string>,
): Promise<Map<number, CompactRefs>> {
  const out = new Map<number, CompactRefs>();
  const rows = await db
    .selectFrom('listing_refs')
    .select(['publication_id', 'refs', 'refs_packed'])
    .execute();
  for (const r of rows) {
    const c = unpackRefs(r);
    if (c?.agencies.some(([id]) => agencies.has(id))) out.set(r.publication_id, c);
  }
  return out;
}
