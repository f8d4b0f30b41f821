/**
 * The map's view: which part of the map shows, as a centre (map units) and a zoom factor k (1 = the whole map),
 * clamped so the map never leaves the frame; its SVG viewBox; and its text form for the URL (`view=x,y,k`).
 * Pure arithmetic: the zoom controller and the URL use it.
 */

export interface Frame {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface View {
  cx: number;
  cy: number;
  k: number;
}

export const MAX_ZOOM = 48;

export function fullView(f: Frame): View {
  return { cx: f.x + f.w / 2, cy: f.y + f.h / 2, k: 1 };
}

/** The view kept inside the frame, its zoom between 1 and MAX_ZOOM. */
export function clampView(f: Frame, v: View): View {
  const k = Math.min(MAX_ZOOM, Math.max(1, Number.isFinite(v.k) ? v.k : 1));
  const hw = f.w / (2 * k);
  const hh = f.h / (2 * k);
  const cx = Math.min(f.x + f.w - hw, Math.max(f.x + hw, Number.isFinite(v.cx) ? v.cx : f.x + f.w / 2));
  const cy = Math.min(f.y + f.h - hh, Math.max(f.y + hh, Number.isFinite(v.cy) ? v.cy : f.y + f.h / 2));
  return { cx, cy, k };
}

/** The viewBox [x, y, w, h] of a view. */
export function viewBox(f: Frame, v: View): [number, number, number, number] {
  const w = f.w / v.k;
  const h = f.h / v.k;
  return [v.cx - w / 2, v.cy - h / 2, w, h];
}

/** Zoom by `factor` keeping the map point (px, py) where it is on screen. */
export function zoomAt(f: Frame, v: View, factor: number, px: number, py: number): View {
  const k = Math.min(MAX_ZOOM, Math.max(1, v.k * factor));
  const r = v.k / k;
  return clampView(f, { cx: px + (v.cx - px) * r, cy: py + (v.cy - py) * r, k });
}

/** `x,y,k` (rounded), or '' for the whole map. */
export function viewText(v: View): string {
  if (v.k <= 1.001) return '';
  return `${Math.round(v.cx)},${Math.round(v.cy)},${Math.round(v.k * 100) / 100}`;
}

export function parseView(f: Frame, text: string | null): View {
  const m = /^(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?),(\d+(?:\.\d+)?)$/.exec(text ?? '');
  if (!m) return fullView(f);
  return clampView(f, { cx: Number(m[1]), cy: Number(m[2]), k: Number(m[3]) });
}
