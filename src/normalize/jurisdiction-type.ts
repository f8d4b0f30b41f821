/** TYPE → county / municipality / state (ICE writes `Muncipality `, `Municipal`, `State`, `#NA`). */

import { cleanText } from '../domain/text.ts';
import type { JurisdictionType } from '../domain/types.ts';

export function normalizeJurisdictionType(raw: string | null | undefined): JurisdictionType | null {
  if (!raw) return null;
  const v = cleanText(raw).toLowerCase();
  if (/^count(y|ies)$/.test(v)) return 'county';
  if (/^mun[a-z]*$/.test(v) || v === 'city' || v === 'town') return 'municipality';
  if (/^state( agency)?$/.test(v)) return 'state';
  return null;
}
