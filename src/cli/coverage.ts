/** `reassess coverage [--on DATE]`: residents of counties whose sheriff holds an agreement, nationally and by state. */
import { UsageError } from '../domain/errors.ts';
import { coverage } from '../read/geography.ts';
import { type Context, isDate, table, withLedger } from './context.ts';

export async function run(ctx: Context): Promise<number> {
  const on = typeof ctx.flags.on === 'string' ? ctx.flags.on : undefined;
  if (on !== undefined && !isDate(on)) throw new UsageError(`--on must be a date (YYYY-MM-DD), got "${on}"`);
  const vintage = ctx.env.REASSESS_ACS_VINTAGE || undefined;
  const c = await withLedger(ctx, (l) => coverage(l.db, { on, vintage }));
  if (ctx.json) {
    ctx.out(JSON.stringify(c, null, 2));
    return 0;
  }
  const n = c.national;
  const fmt = (x: number) => x.toLocaleString('en-US');
  ctx.out(
    `coverage on ${c.date}: ${n.agreements.total} agreements in force (JEM ${n.agreements.JEM}, WSO ${n.agreements.WSO}, TFM ${n.agreements.TFM})`,
  );
  ctx.out(
    `  counties whose sheriff or jail holds an agreement: ${n.sheriffCounties.counties}, ${fmt(n.sheriffCounties.residents)} residents, ${fmt(n.sheriffCounties.hispanic)} Hispanic`,
  );
  ctx.out(
    `  counties with any agreement: ${n.anyAgreementCounties.counties}, ${fmt(n.anyAgreementCounties.residents)} residents, ${fmt(n.anyAgreementCounties.hispanic)} Hispanic`,
  );
  if (n.countiesWithoutPopulation > 0)
    ctx.out(
      `  ${n.countiesWithoutPopulation} counties with an agreement have no population figure in the ACS vintage used`,
    );
  ctx.out(
    table(
      c.states.map((s) => ({
        state: s.state,
        agreements: s.agreements.total,
        sheriffCounties: s.sheriffCounties.counties,
        residents: s.sheriffCounties.residents,
        hispanic: s.sheriffCounties.hispanic,
        anyCounties: s.anyAgreementCounties.counties,
        anyResidents: s.anyAgreementCounties.residents,
      })),
      ['state', 'agreements', 'sheriffCounties', 'residents', 'hispanic', 'anyCounties', 'anyResidents'],
    ),
  );
  ctx.out(`sources: ${c.sources.map((s) => `${s.kind} ${s.vintage}`).join('; ')}`);
  return 0;
}
