/**
 * How a search hit is shown and where it leads; shared by the search page (server) and the search island, so
 * both say the same thing — a county with no agreement says so plainly.
 */
import type { SearchEntry } from '../read/search.ts';
import type { Lang } from './i18n.ts';
import { MODEL_LABEL, STATUS_LABEL, translator } from './i18n.ts';
import { pagePaths } from './paths.ts';

/** Language-free page path of a hit. */
export function hitPath(h: Pick<SearchEntry, 'type' | 'id' | 'state'>): string {
  if (h.type === 'agency') return pagePaths.agency(h.id);
  if (h.type === 'state') return pagePaths.state(h.id);
  return pagePaths.county(h.id);
}

export function hitType(lang: Lang, h: Pick<SearchEntry, 'type'>): string {
  const t = translator(lang);
  return h.type === 'agency' ? t('typeAgency') : h.type === 'county' ? t('typeCounty') : t('typeState');
}

/** One plain sentence about the hit's agreements. */
export function hitSummary(
  lang: Lang,
  h: Pick<SearchEntry, 'type' | 'status' | 'models' | 'hasAgreement'>,
): string {
  const t = translator(lang);
  const models = h.models.map((m) => `${m} (${MODEL_LABEL[lang][m] ?? m})`).join(', ');
  if (h.type === 'agency') {
    const status = STATUS_LABEL[lang][h.status ?? ''] ?? h.status ?? '';
    return models ? `${status} — ${models}` : status;
  }
  if (!h.hasAgreement) return h.type === 'county' ? t('searchCountyNone') : t('searchStateNone');
  return t('searchCountyHas', { models });
}
