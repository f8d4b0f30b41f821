/** `reassess diff DATE_A DATE_B [--kind participating|pending] [--json]`. */
import { UsageError } from '../domain/errors.ts';
import { diffPublications } from '../store/publications.ts';
import { type Context, isDate, table, withLedger } from './context.ts';

export async function run(ctx: Context): Promise<number> {
  const [a, b] = ctx.args;
  if (!isDate(a) || !isDate(b))
    throw new UsageError('diff needs two dates: reassess diff YYYY-MM-DD YYYY-MM-DD');
  const kind = typeof ctx.flags.kind === 'string' ? ctx.flags.kind : 'participating';
  if (kind !== 'participating' && kind !== 'pending')
    throw new UsageError('--kind must be participating or pending');
  const d = await withLedger(ctx, (l) => diffPublications(l.db, kind, a, b));
  if (typeof d === 'string') {
    ctx.err(d);
    return 1;
  }
  if (ctx.json) ctx.out(JSON.stringify(d, null, 2));
  else {
    ctx.out(
      `${kind}: ${d.from.date} → ${d.to.date}: ${d.added.length} added, ${d.removed.length} removed, ${d.renamed.length} renamed`,
    );
    if (d.added.length)
      ctx.out(`\nadded\n${table(d.added as never, ['state', 'name', 'model', 'agreementId'])}`);
    if (d.removed.length)
      ctx.out(`\nremoved\n${table(d.removed as never, ['state', 'name', 'model', 'agreementId'])}`);
    if (d.renamed.length)
      ctx.out(`\nrenamed\n${table(d.renamed as never, ['state', 'from', 'to', 'agencyId'])}`);
  }
  return 0;
}
