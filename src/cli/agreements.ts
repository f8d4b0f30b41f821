/** `reassess agreements [--active-on DATE] [--state XX] [--status S] [--json]`. */
import { UsageError } from '../domain/errors.ts';
import { normalizeState } from '../normalize/state.ts';
import { listAgreements } from '../store/agreements.ts';
import { type Context, isDate, table, withLedger } from './context.ts';

export async function run(ctx: Context): Promise<number> {
  const on = ctx.flags['active-on'];
  if (on !== undefined && (typeof on !== 'string' || !isDate(on)))
    throw new UsageError('--active-on needs a date YYYY-MM-DD');
  let state: string | undefined;
  if (typeof ctx.flags.state === 'string') {
    const s = normalizeState(ctx.flags.state).code;
    if (!s) throw new UsageError(`--state: not a U.S. state or territory: ${ctx.flags.state}`);
    state = s;
  }
  const status = typeof ctx.flags.status === 'string' ? ctx.flags.status : undefined;
  const rows = await withLedger(ctx, (l) =>
    listAgreements(l.db, { activeOn: on as string | undefined, state, status }),
  );
  if (ctx.json) ctx.out(JSON.stringify(rows, null, 2));
  else {
    ctx.out(
      table(rows, ['state', 'name', 'model', 'status', 'signed', 'firstListed', 'lastListed', 'agreementId']),
    );
    ctx.out(`${rows.length} agreement(s)`);
  }
  return 0;
}
