/** SVG elements made in the browser, and the classes that shade a county or a dot by status and model. */
import type { CountyShade } from '../../../read/timeline.ts';

const SVG = 'http://www.w3.org/2000/svg';

export function el<K extends keyof SVGElementTagNameMap>(
  name: K,
  attrs: Record<string, string | number> = {},
) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** The shade classes, with a leading space (appended to `county` or `point`). */
export function shadeClass(s: CountyShade | undefined): string {
  if (!s) return '';
  const m = s.models.length > 1 ? 'several' : (s.models[0] ?? 'several');
  return ` s-${s.status} m-${m}`;
}
