/** `reassess snapshots [--kind K] [--json]`: one line (object) per publication. */
import { listSnapshots } from '../store/publications.ts';
import { type Context, choiceFlag, table, withLedger } from './context.ts';

export async function run(ctx: Context): Promise<number> {
  const kind = choiceFlag(ctx, 'kind', ['participating', 'pending']);
  const rows = await withLedger(ctx, (l) => listSnapshots(l.db, kind));
  if (ctx.json) ctx.out(JSON.stringify(rows, null, 2));
  else
    ctx.out(
      table(
        rows.map((r) => ({ ...r, models: `JEM ${r.models.JEM} WSO ${r.models.WSO} TFM ${r.models.TFM}` })),
        ['date', 'kind', 'source', 'rows', 'agreements', 'models', 'states', 'status', 'statusReason'],
      ),
    );
  return 0;
}
