/**
 * The stop-rate benchmark of §3: annual stops per resident by race, the ratio to White, and its uncertainty.
 * annual_r = 12 · (mean over ALL months of the window of c_{r,m}, zeros counted); OPP's compatible variant
 * averages only over the months where race r has stops, as a GROUP BY does. var = rate(1 − rate)/pop and
 * SE(ln ratio) = √(var_r/rate_r² + var_w/rate_w²). A rate above 1 (more stops than residents) gets a null SE and
 * a flag; a missing or zero population gives a null rate, never Infinity.
 */
import { Z95 } from './intervals.ts';

export interface StopRateRow {
  race: string;
  n_stops: number;
  months: number;
  annual_stops: number;
  population: number | null;
  stop_rate: number | null;
  se: number | null;
  ratio_vs_white: number | null;
  se_log_ratio: number | null;
  ci_lo: number | null;
  ci_hi: number | null;
  flag: string | null;
}

export interface StopRateInput {
  counts: { month: string; race: string; stops: number }[];
  /** The months of the window that count (after gates and partial edge months). */
  months: string[];
  population: Record<string, number | null>;
  races: string[];
  oppCompatible?: boolean;
}

function annual(input: StopRateInput, race: string): { n: number; months: number; annual: number } {
  const mine = input.counts.filter((c) => c.race === race && input.months.includes(c.month));
  const n = mine.reduce((s, c) => s + c.stops, 0);
  const months = input.oppCompatible ? mine.filter((c) => c.stops > 0).length : input.months.length;
  return { n, months, annual: months > 0 ? (12 * n) / months : 0 };
}

function rateOf(annualStops: number, pop: number | null) {
  if (pop === null || !(pop > 0)) return { rate: null, variance: null, flag: 'no population' };
  const rate = annualStops / pop;
  if (rate > 1)
    return {
      rate,
      variance: null,
      flag: 'more stops than residents: the residential benchmark does not fit',
    };
  return { rate, variance: (rate * (1 - rate)) / pop, flag: null };
}

export function stopRates(input: StopRateInput): StopRateRow[] {
  const base = input.races.map((race) => {
    const a = annual(input, race);
    const pop = input.population[race] ?? null;
    return { race, a, pop, ...rateOf(a.annual, pop) };
  });
  const white = base.find((b) => b.race === 'white');
  return base.map((b) => {
    const ok = white && white.rate !== null && white.rate > 0 && b.rate !== null;
    const ratio = ok ? (b.rate as number) / (white.rate as number) : null;
    const seLog =
      ok && b.variance !== null && white.variance !== null && (b.rate as number) > 0
        ? Math.sqrt(b.variance / (b.rate as number) ** 2 + white.variance / (white.rate as number) ** 2)
        : null;
    return {
      race: b.race,
      n_stops: b.a.n,
      months: b.a.months,
      annual_stops: b.a.annual,
      population: b.pop,
      stop_rate: b.rate,
      se: b.variance === null ? null : Math.sqrt(b.variance),
      ratio_vs_white: ratio,
      se_log_ratio: seLog,
      ci_lo: ratio !== null && seLog !== null ? ratio * Math.exp(-Z95 * seLog) : null,
      ci_hi: ratio !== null && seLog !== null ? ratio * Math.exp(Z95 * seLog) : null,
      flag: b.flag,
    };
  });
}

/** OPP's aggregate SE of a mean of L location rates: √(Σ p_l(1 − p_l)/n_l)/L. */
export function meanRateSe(rates: { p: number; n: number }[]): number | null {
  if (rates.length === 0 || rates.some((r) => !(r.n > 0))) return null;
  return Math.sqrt(rates.reduce((s, r) => s + (r.p * (1 - r.p)) / r.n, 0)) / rates.length;
}
