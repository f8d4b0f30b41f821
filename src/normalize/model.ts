/** SUPPORT TYPE → JEM / WSO / TFM, tolerant of ICE's misspellings (`Jail Enforcment`, `Warrant Services Officer`). */

import { cleanText } from '../domain/text.ts';
import type { Model } from '../domain/types.ts';

export const MODEL_NAMES: Readonly<Record<Model, string>> = {
  JEM: 'Jail Enforcement Model',
  WSO: 'Warrant Service Officer',
  TFM: 'Task Force Model',
};

export function normalizeModel(raw: string | null | undefined): { model: Model | null; variant: boolean } {
  if (!raw) return { model: null, variant: false };
  const v = cleanText(raw).toLowerCase();
  let model: Model | null = null;
  if (/^jem$|\bjail\b|jail\s*enf/.test(v)) model = 'JEM';
  else if (/^wso$|\bwarrant\b/.test(v)) model = 'WSO';
  else if (/^tfm$|\btask\s*force\b|^tf$/.test(v)) model = 'TFM';
  return { model, variant: model !== null && cleanText(raw) !== MODEL_NAMES[model] };
}
