/** `reassess review [--json]`: the identity decisions waiting for a person (see src/reference/agency-aliases.csv). */
import { reviewQueue } from '../ingest/review-queue.ts';
import { type Context, table, withLedger } from './context.ts';

export async function run(ctx: Context): Promise<number> {
  const rows = await withLedger(ctx, (l) => reviewQueue(l.db));
  if (ctx.json) ctx.out(JSON.stringify(rows, null, 2));
  else {
    ctx.out(table(rows, ['state', 'name', 'method', 'agencyId', 'candidateId', 'explanation']));
    ctx.out(
      `${rows.length} decision(s) to review. Record verdicts in src/reference/agency-aliases.csv (same / distinct, with evidence).`,
    );
  }
  return 0;
}
