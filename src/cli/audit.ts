/**
 * `reassess audit [--json]`: the identity audit (issue 14, history/audit.ts) — what looks wrong in the history,
 * each entry with its evidence, a suggested fix, and what resolved it (a rule or a reviewed file) or why it stays
 * open. (The editors' audit log is `reassess editors audit-log`.)
 */
import { AUDIT_KINDS, type AuditEntry, identityAudit } from '../history/audit.ts';
import { aliasEntries } from '../identify/aliases.ts';
import { documentUses } from '../ingest/document-uses.ts';
import { listAgreements, listChanges } from '../store/agreements.ts';
import { listPlacements } from '../store/placements.ts';
import { auditPublications } from '../store/publications.ts';
import { type Context, withLedger } from './context.ts';

/** Entries by kind: open and resolved. */
export function auditCounts(entries: AuditEntry[]): Record<string, { open: number; resolved: number }> {
  const out: Record<string, { open: number; resolved: number }> = {};
  for (const k of AUDIT_KINDS) out[k] = { open: 0, resolved: 0 };
  for (const e of entries) {
    const c = out[e.kind] as { open: number; resolved: number };
    if (e.resolvedBy) c.resolved++;
    else c.open++;
  }
  return out;
}

export async function run(ctx: Context): Promise<number> {
  const entries = await withLedger(ctx, async (l) =>
    identityAudit({
      agreements: await listAgreements(l.db),
      events: await listChanges(l.db, '0001-01-01'),
      publications: await auditPublications(l.db),
      placements: await listPlacements(l.db),
      aliases: aliasEntries(),
      documents: await documentUses(l.db),
    }),
  );
  const counts = auditCounts(entries);
  if (ctx.json) {
    ctx.out(JSON.stringify({ counts, entries }, null, 1));
    return 0;
  }
  for (const e of entries) {
    ctx.out(`${e.kind}  ${e.state ?? '--'}  ${e.subjects.join(' ')}`);
    ctx.out(`  evidence: ${e.evidence}`);
    ctx.out(
      e.resolvedBy ? `  resolved by ${e.resolvedBy}` : `  open: ${e.reason}; suggested: ${e.suggestion}`,
    );
  }
  for (const [k, c] of Object.entries(counts)) ctx.out(`${k}: ${c.open} open, ${c.resolved} resolved`);
  return 0;
}
