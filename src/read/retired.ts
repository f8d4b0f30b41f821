/**
 * Retired agreement IDs as the API and the downloads answer them (issue 14): each followed through later
 * redirects to the agreement that holds its listings now, or gone (no successor, or a successor that no longer
 * exists). Pure.
 */
import type { RetiredAgreement } from '../domain/agreement.ts';

export interface RetiredRecord {
  agreementId: string;
  /** The agreement that holds its listings now (redirects followed); null when gone. */
  into: string | null;
  kind: RetiredAgreement['kind'];
  reason: string;
  date: string;
}

/** Retired ID → where it resolves now. `exists`: whether an ID names an agreement of the ledger. */
export function resolveRetired(
  redirects: readonly RetiredAgreement[],
  exists: (id: string) => boolean,
): Map<string, RetiredRecord> {
  const byId = new Map(redirects.map((r) => [r.agreementId, r]));
  const out = new Map<string, RetiredRecord>();
  for (const r of redirects) {
    if (exists(r.agreementId)) continue;
    let to = r.into;
    for (let i = 0; i < 10 && to !== null && !exists(to); i++) to = byId.get(to)?.into ?? null;
    const into = to !== null && exists(to) ? to : null;
    out.set(r.agreementId, { ...r, kind: into === null ? 'gone' : r.kind, into });
  }
  return out;
}

/** The retired IDs that resolve to each agreement (for its `formerIds`). */
export function formerIds(retired: ReadonlyMap<string, RetiredRecord>): Map<string, RetiredRecord[]> {
  const out = new Map<string, RetiredRecord[]>();
  for (const r of retired.values()) {
    if (r.into === null) continue;
    const list = out.get(r.into) ?? [];
    list.push(r);
    out.set(r.into, list);
  }
  return out;
}
