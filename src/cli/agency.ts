/** `reassess agency ID_OR_NAME [--state XX] [--json]`. */
import { UsageError } from '../domain/errors.ts';
import { agencyDetail, findAgencies } from '../read/agencies.ts';
import { type Context, stateFlag, table, withLedger } from './context.ts';

export async function run(ctx: Context): Promise<number> {
  const q = ctx.args.join(' ').trim();
  if (!q) throw new UsageError('agency needs an agency ID or a name');
  const state = stateFlag(ctx);
  return withLedger(ctx, async (l) => {
    const ids = await findAgencies(l.db, q, state);
    if (ids.length === 0) {
      ctx.err(`no agency matches "${q}"`);
      return 1;
    }
    const details = [];
    for (const id of ids.slice(0, 20)) details.push(await agencyDetail(l.db, id));
    if (ctx.json) {
      ctx.out(JSON.stringify(ids.length === 1 ? details[0] : details, null, 2));
      return 0;
    }
    if (ids.length > 1) {
      ctx.out(
        table(
          details.map((d) => ({ agencyId: d?.agencyId, state: d?.state, name: d?.name, status: d?.status })),
          ['agencyId', 'state', 'name', 'status'],
        ),
      );
      ctx.out(`${ids.length} agencies match; ask for one by ID`);
      return 0;
    }
    const d = details[0];
    if (!d) return 1;
    ctx.out(`${d.name} (${d.state}) — ${d.agencyId} — ${d.status}, first seen ${d.firstSeen}`);
    ctx.out(`\nnames\n${table(d.names as never, ['state', 'name', 'first_seen', 'last_seen'])}`);
    ctx.out(
      `\nagreements\n${table(d.agreements as never, ['model', 'status', 'signed', 'signedPublished', 'firstPending', 'firstParticipating', 'lastListed', 'moaUrl'])}`,
    );
    ctx.out(`\nevents\n${table(d.events as never, ['date', 'kind', 'list', 'details'])}`);
    return 0;
  });
}
