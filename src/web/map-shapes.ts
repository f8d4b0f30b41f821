/**
 * The counties of the national geometry as polygons in map units (decoded once per process), with what the maps
 * ask of them: whether a point is inside a county or a state (even–odd over every ring, so holes count), a point
 * inside each county and each state (for agencies drawn at their county or state), and bounding boxes.
 */

import { nationalGeometry } from './geometry.ts';
import { decodeArcs, pathOf, ringPoints } from './geometry-decode.ts';

export type Ring = [number, number][];

interface Shapes {
  rings: Map<string, Ring[]>;
  byState: Map<string, string[]>;
  /** SVG path data and name of each county (the same paths the national map draws). */
  paths: Map<string, string>;
  names: Map<string, string>;
}

let cached: Shapes | null = null;

/** Every county's rings, by FIPS, and the counties of each state (2-digit FIPS). */
export function countyShapes(): Shapes {
  if (cached) return cached;
  const geo = nationalGeometry();
  const pts = decodeArcs(geo.arcs);
  const rings = new Map<string, Ring[]>();
  const byState = new Map<string, string[]>();
  const paths = new Map<string, string>();
  const names = new Map<string, string>();
  for (const [fips, name, polys] of geo.c) {
    paths.set(fips, pathOf(polys, pts));
    names.set(fips, name);
    const list: Ring[] = [];
    for (const poly of polys) for (const ring of poly) list.push(ringPoints(ring, pts));
    rings.set(fips, list);
    const st = fips.slice(0, 2);
    byState.set(st, [...(byState.get(st) ?? []), fips]);
  }
  cached = { rings, byState, paths, names };
  return cached;
}

/** Whether (x, y) is inside the rings (even–odd rule). */
export function inside(rings: readonly Ring[], x: number, y: number): boolean {
  let odd = false;
  for (const ring of rings)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
    }
  return odd;
}

export function insideCounty(fips: string, x: number, y: number): boolean {
  const r = countyShapes().rings.get(fips);
  return !!r && inside(r, x, y);
}

/** The county of a state (2-digit FIPS) that holds (x, y), or null. */
export function countyAt(stateFips: string, x: number, y: number): string | null {
  for (const f of countyShapes().byState.get(stateFips) ?? []) if (insideCounty(f, x, y)) return f;
  return null;
}

/** Bounding boxes by shape: the same shapes serve every page (a county page asks for its state's counties). */
const boxes = new WeakMap<readonly Ring[], [number, number, number, number]>();

export function bbox(rings: readonly Ring[]): [number, number, number, number] {
  let box = boxes.get(rings);
  if (!box) {
    box = computeBbox(rings);
    boxes.set(rings, box);
  }
  return box;
}

function computeBbox(rings: readonly Ring[]): [number, number, number, number] {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const r of rings)
    for (const [x, y] of r) {
      if (x < x0) x0 = x;
      if (y < y0) y0 = y;
      if (x > x1) x1 = x;
      if (y > y1) y1 = y;
    }
  return [x0, y0, x1, y1];
}

/** The widest stretch inside the rings along the horizontal line at y: its middle and its width. */
function widestAt(rings: readonly Ring[], y: number): { x: number; w: number } | null {
  const xs: number[] = [];
  for (const ring of rings)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
    }
  xs.sort((a, b) => a - b);
  let best: { x: number; w: number } | null = null;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const w = (xs[i + 1] as number) - (xs[i] as number);
    if (!best || w > best.w) best = { x: ((xs[i] as number) + (xs[i + 1] as number)) / 2, w };
  }
  return best;
}

/**
 * A point surely inside the rings: the middle of the widest inside stretch among several horizontal lines through
 * the shape (never on an edge), rounded to map units and checked; null for a shape too small to hold one.
 */
export function interiorPoint(rings: readonly Ring[]): [number, number] | null {
  const [, y0, , y1] = bbox(rings);
  if (!Number.isFinite(y0)) return null;
  let best: { x: number; y: number; w: number } | null = null;
  for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.45, 0.55]) {
    const y = y0 + (y1 - y0) * f + 0.25;
    const s = widestAt(rings, y);
    if (s && (!best || s.w > best.w)) best = { x: s.x, y, w: s.w };
  }
  if (!best) return null;
  const p: [number, number] = [Math.round(best.x), Math.round(best.y)];
  return inside(rings, p[0], p[1]) ? p : [best.x, best.y];
}

const interior = new Map<string, [number, number] | null>();

/** A point inside a county (cached), or null. */
export function countyInterior(fips: string): [number, number] | null {
  if (!interior.has(fips)) {
    const r = countyShapes().rings.get(fips);
    interior.set(fips, r ? interiorPoint(r) : null);
  }
  return interior.get(fips) ?? null;
}

/** A point inside a state (2-digit FIPS): the interior point of its largest county (by bounding box), or null. */
export function stateInterior(stateFips: string): [number, number] | null {
  const counties = countyShapes().byState.get(stateFips) ?? [];
  let best: { fips: string; area: number } | null = null;
  for (const f of counties) {
    const [x0, y0, x1, y1] = bbox(countyShapes().rings.get(f) ?? []);
    const area = (x1 - x0) * (y1 - y0);
    if (!best || area > best.area) best = { fips: f, area };
  }
  return best ? countyInterior(best.fips) : null;
}
