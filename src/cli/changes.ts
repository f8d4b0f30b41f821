/** `reassess changes --since DATE [--kind K] [--state XX] [--json]`. */
import { UsageError } from '../domain/errors.ts';
import { EVENT_KINDS } from '../domain/event.ts';
import { listChanges } from '../store/agreements.ts';
import { type Context, choiceFlag, isDate, stateFlag, table, withLedger } from './context.ts';

export async function run(ctx: Context): Promise<number> {
  const since = ctx.flags.since;
  if (typeof since !== 'string' || !isDate(since)) throw new UsageError('changes needs --since YYYY-MM-DD');
  const kind = choiceFlag(ctx, 'kind', EVENT_KINDS);
  const state = stateFlag(ctx);
  const rows = await withLedger(ctx, (l) => listChanges(l.db, since, kind, state));
  if (ctx.json) ctx.out(JSON.stringify(rows, null, 2));
  else {
    ctx.out(table(rows, ['date', 'kind', 'list', 'state', 'name', 'model', 'details']));
    ctx.out(`${rows.length} event(s) since ${since}`);
  }
  return 0;
}
