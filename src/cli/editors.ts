/**
 * `reassess editors audit-log [--since DATE] [--format csv|json]`: the editors' audit log (issue 18), oldest first —
 * who changed what, when, with the state before and after. The same export the admins' page offers. (It was
 * `reassess audit` until the identity audit took that name, issue 14.)
 */
import { UsageError } from '../domain/errors.ts';
import { auditCsv } from '../editors/audit-export.ts';
import { listAudit } from '../store/audit.ts';
import { type Context, isDate, table, withLedger } from './context.ts';

export async function run(ctx: Context): Promise<number> {
  if (ctx.args[0] !== 'audit-log' || ctx.args.length > 1)
    throw new UsageError('usage: reassess editors audit-log [--since D] [--format csv|json]');
  const since = typeof ctx.flags.since === 'string' ? ctx.flags.since : undefined;
  if (since !== undefined && !isDate(since))
    throw new UsageError(`--since must be a date (YYYY-MM-DD), not "${since}"`);
  const format = ctx.json ? 'json' : ctx.flags.format;
  if (format !== undefined && format !== 'csv' && format !== 'json')
    throw new UsageError('--format must be csv or json');
  const rows = await withLedger(ctx, (l) => listAudit(l.db, since ? { since: `${since}T00:00:00Z` } : {}));
  if (format === 'json') ctx.out(JSON.stringify(rows, null, 1));
  else if (format === 'csv') ctx.out(auditCsv(rows).trimEnd());
  else
    ctx.out(
      table(
        rows.map((r) => ({ id: r.auditId, at: r.at, actor: r.actor, action: r.action, entity: r.entity })),
        ['id', 'at', 'actor', 'action', 'entity'],
      ),
    );
  return 0;
}
