/**
 * The words of an analysis on its page: the method's name, the group compared, and the estimate in one line with
 * its interval on the scale it was estimated on (odds ratios for log-odds, as §9 prescribes).
 */
import type { EffectView } from '../../../read/analyses.ts';
import type { RenderCtx } from '../../context.ts';
import type { MessageKey } from '../../i18n.ts';
import { formatNumber } from '../../i18n.ts';

const METHOD_KEYS = new Set([
  'stop_rate',
  'search_rate',
  'outcome',
  'vod',
  'threshold',
  'before_after_did',
  'before_after_event',
  'before_after_spillover',
]);

export function methodName(ctx: RenderCtx, method: string): string {
  return METHOD_KEYS.has(method) ? ctx.t(`anMethod_${method}` as MessageKey) : method;
}

export function groupName(ctx: RenderCtx, group: string): string {
  if (group === 'black') return ctx.t('anRaceBlack');
  if (group === 'hispanic') return ctx.t('anRaceHispanic');
  if (group === 'asian/pacific islander') return ctx.t('anRaceAsian');
  return ctx.t('anRaceOther', { group });
}

/** An effect shown on its natural scale: log-odds as odds ratios, the rest as estimated. */
export function shown(e: EffectView): {
  estimate: number | null;
  ci: [number, number] | null;
  digits: number;
} {
  if (e.scale === 'log_odds')
    return {
      estimate: e.estimate === null ? null : Math.exp(e.estimate),
      ci: e.ci ? [Math.exp(e.ci[0]), Math.exp(e.ci[1])] : null,
      digits: 2,
    };
  const digits = e.scale === 'rate' || e.scale === 'probability' ? 3 : 2;
  return { estimate: e.estimate, ci: e.ci, digits };
}

export function num(ctx: RenderCtx, x: number | null, digits: number): string {
  if (x === null) return '—';
  return new Intl.NumberFormat(ctx.lang === 'es' ? 'es-US' : 'en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(x);
}

export function pValue(p: number | null): string {
  if (p === null) return '—';
  if (p < 1e-15) return '< 1e-15';
  return p >= 0.001 ? String(Number(p.toPrecision(2))) : p.toExponential(1);
}

export const count = (ctx: RenderCtx, n: number) => formatNumber(ctx.lang, n);
