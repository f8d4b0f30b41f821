/** The map's colours by 287(g) model, and the classes that shade a county or a dot by status and model. */
import type { CountyShade } from '../../read/timeline.ts';

export const MODEL_COLOR: Record<string, string> = {
  JEM: '#0a5fa8',
  WSO: '#b5420b',
  TFM: '#00795a',
  several: '#6a3d9a',
};
export const REMOVED_COLOR = '#8c8c8c';
export const EMPTY_COLOR = '#e6e6e6';

export function shadeClass(s: CountyShade | undefined): string {
  if (!s) return '';
  const m = s.models.length > 1 ? 'several' : (s.models[0] ?? 'several');
  return `s-${s.status} m-${m}`;
}
