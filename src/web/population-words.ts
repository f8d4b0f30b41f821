/** How pages name the population figures' source: the ACS table, its 5-year span, and that they cover whole counties. */
import type { Translate } from './i18n.ts';

/** `2017` → `ACS 2013–2017 5-year estimates` (in the page's language); a vintage that is not a year as it is. */
export function acsEstimates(t: Translate, vintage: string | null): string {
  if (!vintage) return t('acsUnknown');
  const y = Number(vintage);
  if (!Number.isInteger(y)) return t('acsEstimates', { from: vintage, to: vintage });
  return t('acsEstimates', { from: String(y - 4), to: String(y) });
}

/** The source line of a population figure: "U.S. Census Bureau, ACS 2013–2017 5-year estimates, whole counties". */
export function populationSource(t: Translate, vintage: string | null): string {
  return t('populationSource', { estimates: acsEstimates(t, vintage) });
}
