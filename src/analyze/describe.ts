/**
 * Numbers in words (§9): rates with 3 decimals, ratios and odds ratios with 2, log-odds with 3 and their SE,
 * p-values with 2 significant figures, the direction stated in words and never "significant" without the
 * interval. A withheld result says why instead of showing numbers.
 */
import type { MethodResult } from './method-result.ts';

export const raceLabel = (r: string) =>
  r === 'asian/pacific islander' ? 'Asian/Pacific Islander' : r.charAt(0).toUpperCase() + r.slice(1);

export const fmtRate = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
export const fmtRatio = (x: number | null) => (x === null ? 'n/a' : x.toFixed(2));
export const fmtCi = (ci: [number, number] | null, f: (x: number) => string) =>
  ci ? `${f(ci[0])}–${f(ci[1])}` : 'n/a';

export function fmtP(p: number | null): string {
  if (p === null) return 'n/a';
  if (p < 1e-15) return '< 1e-15';
  return p >= 0.001 ? String(Number(p.toPrecision(2))) : p.toExponential(1);
}

export function fmtLogOdds(beta: number | null, se: number | null): string {
  return beta === null ? 'n/a' : `${beta.toFixed(3)} (SE ${se === null ? 'n/a' : se.toFixed(3)})`;
}

export function withheldText(r: MethodResult): string {
  const reason = r.diagnostics.withheld_reason ?? 'a blocking gate failed';
  return `${r.method} (${raceLabel(r.contrast.group)} vs White): withheld — ${reason}`;
}

/** The veil-of-darkness sentence: direction, odds ratio with interval, and what it means for this test. */
export function vodSentence(r: MethodResult): string {
  if (r.status === 'withheld') return withheldText(r);
  const g = raceLabel(r.contrast.group);
  const b = r.effect.estimate as number;
  const or = Math.exp(b);
  const ci = r.effect.ci ? ([Math.exp(r.effect.ci[0]), Math.exp(r.effect.ci[1])] as [number, number]) : null;
  const nums = `odds ratio ${fmtRatio(or)}, 95% CI ${fmtCi(ci, (x) => x.toFixed(2))}`;
  if (b >= 0)
    return `After dark, ${g} drivers made up a larger share of stops (${nums}); this test gives no evidence of profiling against ${g} drivers.`;
  if (ci && ci[1] < 1)
    return `After dark, ${g} drivers made up a smaller share of stops (${nums}); this is consistent with profiling against ${g} drivers, within the caveats below.`;
  return `After dark, ${g} drivers made up a slightly smaller share of stops (${nums}); the interval includes no difference, so this test gives no clear evidence either way.`;
}
