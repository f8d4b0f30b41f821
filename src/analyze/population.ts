/**
 * The residential population a stop-rate benchmark divides by (§3): `--population white=N,black=N,…` when given,
 * else ACS B03002 for the dataset's county from the ledger (White = not-Hispanic White alone, Black =
 * not-Hispanic Black alone, Hispanic = Hispanic or Latino of any race; the ledger's table does not keep Asian/PI
 * or other, so those have no denominator).
 */
import { UsageError } from '../domain/errors.ts';
import { RACES } from '../sources/opp-stops/schema.ts';
import { countyPopulation } from '../store/stop-population.ts';
import type { DatasetContext } from './dataset-context.ts';

export interface Population {
  byRace: Record<string, number | null>;
  source: string;
  total: number;
  input: { role: string; file: string; sha256: string } | null;
}

export function parsePopulation(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of text.split(',')) {
    const [race, n] = part.split('=');
    const r = (race ?? '').trim().toLowerCase();
    if (!(RACES as readonly string[]).includes(r) || !/^\d+$/.test((n ?? '').trim()))
      throw new UsageError(`--population: "${part}" is not RACE=N (races: ${RACES.join(', ')})`);
    out[r] = Number(n);
  }
  if (!out.white) throw new UsageError('--population needs white=N (every ratio is to White)');
  return out;
}

export async function benchmarkPopulation(
  ctx: DatasetContext,
  given?: Record<string, number>,
): Promise<Population | null> {
  if (given)
    return {
      byRace: given,
      source: 'given on the command line (--population)',
      total: Object.values(given).reduce((a, b) => a + b, 0),
      input: null,
    };
  const fips = ctx.dataset.countyFips;
  if (!fips) return null;
  const p = await countyPopulation(ctx.deps.ledger.db, fips);
  if (!p) return null;
  return {
    byRace: { white: p.whiteNh, black: p.blackNh, hispanic: p.hispanic },
    source: `county ${p.name} (${p.fips}), ACS 5-year ${p.vintage} table B03002`,
    total: p.total,
    input: { role: 'population', file: `ACS B03002 ${p.vintage}`, sha256: p.sha256 },
  };
}
