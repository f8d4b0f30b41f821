/**
 * Which MOA documents each agreement's participating rows printed, on which lists, with which signed dates: the
 * identity audit's evidence for agreements printed with two file names (history/audit.ts, `refiled-document`).
 * Reads every applied participating list back from the ledger (rows and listing refs), as a rebuild does.
 */
import type { AuditDocumentUse } from '../history/audit.ts';
import { documentName } from '../normalize/link.ts';
import type { Db } from '../store/db.ts';
import { auditPublications, refsOf } from '../store/publications.ts';
import { loadStoredPublications } from './update-history.ts';

export async function documentUses(db: Db): Promise<AuditDocumentUse[]> {
  const all = await auditPublications(db);
  const applied = new Set(all.filter((p) => p.kind === 'participating').map((p) => p.id));
  const pending = new Set(all.filter((p) => p.kind !== 'participating').map((p) => p.id));
  const pubs = (await loadStoredPublications(db, pending))
    .filter((p) => applied.has(p.id))
    .sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : a.id - b.id));
  const uses = new Map<string, AuditDocumentUse>();
  for (const p of pubs) {
    const agreementOf = new Map((await refsOf(db, p.id)).map((r) => [r.row, r.agreementId]));
    p.listings.forEach((l, i) => {
      const agreementId = agreementOf.get(p.rows[i] as number);
      const document = documentName(l.moaUrl)?.toLowerCase();
      if (!agreementId || !document) return;
      const k = `${agreementId}|${document}`;
      const u = uses.get(k) ?? {
        agreementId,
        document,
        signed: [],
        first: p.asOfDate,
        last: p.asOfDate,
        lists: 0,
      };
      uses.set(k, u);
      if (l.signed && !u.signed.includes(l.signed)) u.signed.push(l.signed);
      if (u.last !== p.asOfDate || u.lists === 0) u.lists++;
      u.last = p.asOfDate;
    });
    p.listings = [];
  }
  return [...uses.values()];
}
