/** `reassess changes --since DATE [--kind K] [--state XX] [--json]`. */
import { UsageError } from '../domain/errors.ts';
import { normalizeState } from '../normalize/state.ts';
import { listChanges } from '../store/agreements.ts';
import { type Context, isDate, table, withLedger } from './context.ts';

export async function run(ctx: Context): Promise<number> {
  const since = ctx.flags.since;
  if (typeof since !== 'string' || !isDate(since)) throw new UsageError('changes needs --since YYYY-MM-DD');
  const kind = typeof ctx.flags.kind === 'string' ? ctx.flags.kind : undefined;
  const state =
    typeof ctx.flags.state === 'string' ? (normalizeState(ctx.flags.state).code ?? undefined) : undefined;
  const rows = await withLedger(ctx, (l) => listChanges(l.db, since, kind, state));
  if (ctx.json) ctx.out(JSON.stringify(rows, null, 2));
  else {
    ctx.out(table(rows, ['date', 'kind', 'list', 'state', 'name', 'model', 'details']));
    ctx.out(`${rows.length} event(s) since ${since}`);
  }
  return 0;
}
