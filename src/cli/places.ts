/**
 * `reassess places [--unplaced] [--state XX]`: every agency with its jurisdiction and how it was placed; with
 * `--unplaced`, the review list (agencies the rules could not place, and ORI links left ambiguous), with reasons.
 */
import { listPlacements } from '../read/geography.ts';
import { type Context, stateFlag, table, withLedger } from './context.ts';

export async function run(ctx: Context): Promise<number> {
  const state = stateFlag(ctx);
  const unplacedOnly = ctx.flags.unplaced === true;
  const all = await withLedger(ctx, (l) => listPlacements(l.db));
  let rows = state ? all.filter((p) => p.state === state) : all;
  if (unplacedOnly) rows = rows.filter((p) => p.method === 'unplaced' || p.oriStatus === 'ambiguous');
  if (ctx.json) {
    ctx.out(JSON.stringify(rows, null, 2));
    return 0;
  }
  if (all.length === 0) {
    ctx.out('no placements yet: ingest ICE lists first (reassess ingest or reassess sync)');
    return 0;
  }
  ctx.out(
    table(
      rows.map((p) => ({
        agency: p.agencyId,
        state: p.state,
        name: p.name,
        level: p.level,
        counties: p.countyFips.join(' '),
        place: p.place,
        how: p.method === 'override' ? 'override' : p.rule,
        confidence: p.confidence.toFixed(2),
        ori: p.ori ?? (p.oriStatus === 'ambiguous' ? `? ${p.oriCandidates.join(' ')}` : ''),
        ...(unplacedOnly ? { reason: p.reason ?? String(p.inputs.oriNote ?? '') } : {}),
      })),
      [
        'agency',
        'state',
        'name',
        'level',
        'counties',
        'place',
        'how',
        'confidence',
        'ori',
        ...(unplacedOnly ? ['reason'] : []),
      ],
    ),
  );
  const unplaced = all.filter((p) => p.method === 'unplaced').length;
  ctx.out(`\n${all.length - unplaced} of ${all.length} agencies placed; ${unplaced} unplaced`);
  return 0;
}
