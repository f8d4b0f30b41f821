/** `reassess counties [--on DATE] [--state XX]`: per-county figures (agreements by model, sheriff, population). */
import { UsageError } from '../domain/errors.ts';
import { countyFigures } from '../read/geography.ts';
import { type Context, isDate, stateFlag, table, withLedger } from './context.ts';

export async function run(ctx: Context): Promise<number> {
  const on = typeof ctx.flags.on === 'string' ? ctx.flags.on : undefined;
  if (on !== undefined && !isDate(on)) throw new UsageError(`--on must be a date (YYYY-MM-DD), got "${on}"`);
  const state = stateFlag(ctx);
  const vintage = ctx.env.REASSESS_ACS_VINTAGE || undefined;
  const r = await withLedger(ctx, (l) => countyFigures(l.db, { on, vintage }));
  const counties = state ? r.counties.filter((c) => c.state === state) : r.counties;
  if (ctx.json) {
    ctx.out(JSON.stringify({ date: r.date, counties, sources: r.sources }, null, 2));
    return 0;
  }
  const shown = counties.filter((c) => c.agencies.length > 0);
  ctx.out(`counties with an agreement in force on ${r.date}: ${shown.length} of ${counties.length}`);
  ctx.out(
    table(
      shown.map((c) => ({
        fips: c.fips,
        state: c.state,
        county: c.name,
        JEM: c.agreements.JEM,
        WSO: c.agreements.WSO,
        TFM: c.agreements.TFM,
        sheriff: c.sheriff.holds ? c.sheriff.models.join(' ') : '',
        population: c.population?.total ?? '',
        hispanic: c.population?.hispanic ?? '',
      })),
      ['fips', 'state', 'county', 'JEM', 'WSO', 'TFM', 'sheriff', 'population', 'hispanic'],
    ),
  );
  ctx.out(`sources: ${r.sources.map((s) => `${s.kind} ${s.vintage}`).join('; ')}`);
  return 0;
}
