/**
 * Map geometry, projected once on the server: every county of us-atlas `counties-10m.json` (3,231 shapes: the
 * states, DC, Puerto Rico and the other territories) in a composite Albers USA layout (the lower 48 as d3's
 * geoAlbersUsa draws them, Alaska and Hawaii insets as d3 places them, plus insets for Puerto Rico and the U.S.
 * Virgin Islands, Guam and the Northern Mariana Islands, and American Samoa).
 *
 * The result keeps TopoJSON's shared arcs (a border between two counties is stored once), in integer screen
 * units (`SCALE` units per pixel of a 975 × 610 map), with consecutive duplicate points dropped and points that
 * change the shape by less than `MIN_AREA` square units removed (arc ends are kept, so neighbours still meet).
 * Arcs are delta-encoded. The browser turns them into SVG paths (`pathOf` below is the same code); state pages
 * render their counties on the server from the same data.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type GeoProjection, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { type CompactGeometry, decodeArcs } from './geometry-decode.ts';
import { projections, type Region, regionOf, SCALE } from './projection.ts';

export { type CompactGeometry, decodeArcs, pathOf } from './geometry-decode.ts';

const require = createRequire(import.meta.url);

export { SCALE } from './projection.ts';

const WIDTH = 975;
const HEIGHT = 610;
/** Points adding less than this area (square units) to their arc are dropped. */
const MIN_AREA = 3;

type CountyTopology = Topology<{
  counties: GeometryCollection<{ name: string }>;
  states: GeometryCollection<{ name: string }>;
}>;

export function loadCountyTopology(): CountyTopology {
  return JSON.parse(readFileSync(require.resolve('us-atlas/counties-10m.json'), 'utf8')) as CountyTopology;
}

/** Visvalingam–Whyatt on one arc (ends kept). */
function simplify(points: [number, number][], minArea: number): [number, number][] {
  if (points.length <= 2) return points;
  const keep = points.map(() => true);
  const area = (a: [number, number], b: [number, number], c: [number, number]) =>
    Math.abs((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])) / 2;
  // Simple O(n²)-worst loop; arcs are short after quantization.
  let changed = true;
  while (changed) {
    changed = false;
    let prev = 0;
    let bestI = -1;
    let bestA = minArea;
    for (let i = 1; i < points.length - 1; i++) {
      if (!keep[i]) continue;
      let next = i + 1;
      while (next < points.length - 1 && !keep[next]) next++;
      const a = area(
        points[prev] as [number, number],
        points[i] as [number, number],
        points[next] as [number, number],
      );
      if (a < bestA) {
        bestA = a;
        bestI = i;
      }
      prev = i;
    }
    if (bestI > 0) {
      keep[bestI] = false;
      changed = true;
    }
  }
  return points.filter((_, i) => keep[i]);
}

/** Decodes a TopoJSON arc (quantized, delta-encoded) to longitude/latitude. */
function arcLonLat(topo: CountyTopology, i: number): [number, number][] {
  const arc = topo.arcs[i] as [number, number][];
  const t = topo.transform;
  let x = 0;
  let y = 0;
  return arc.map(([dx, dy]) => {
    x += dx;
    y += dy;
    return t ? [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]] : [x, y];
  });
}

type Rings = number[][];

function polygonsOf(g: GeometryCollection['geometries'][number]): Rings[] {
  if (g.type === 'Polygon') return [g.arcs as unknown as Rings];
  if (g.type === 'MultiPolygon') return g.arcs as unknown as Rings[];
  return [];
}

let cached: CompactGeometry | null = null;

/** The national map geometry (computed once per process; about a second). */
export function nationalGeometry(): CompactGeometry {
  if (cached) return cached;
  const topo = loadCountyTopology();
  const proj = projections();
  const { arcs, newIndex } = projectArcs(topo, proj);
  const remap = (a: number) => (a < 0 ? ~(newIndex.get(~a) as number) : (newIndex.get(a) as number));
  const path = geoPath();
  const countyFeatures = feature(topo, topo.objects.counties).features;
  const c: CompactGeometry['c'] = topo.objects.counties.geometries.map((g, i) => {
    const f = countyFeatures[i];
    const fips = String(g.id);
    const region = regionOf(fips.slice(0, 2));
    const centroid = f ? path.projection(proj[region]).centroid(f) : [Number.NaN, Number.NaN];
    return [
      fips,
      (g.properties as { name?: string } | undefined)?.name ?? fips,
      polygonsOf(g).map((poly) => poly.map((ring) => ring.map(remap))),
      Math.round((centroid[0] ?? 0) * SCALE),
      Math.round((centroid[1] ?? 0) * SCALE),
    ];
  });
  const stateFeatures = feature(topo, topo.objects.states).features;
  const s: CompactGeometry['s'] = topo.objects.states.geometries.map((g, i) => {
    const f = stateFeatures[i];
    const fips = String(g.id);
    const centroid = f ? path.projection(proj[regionOf(fips)]).centroid(f) : [0, 0];
    return [fips, Math.round((centroid[0] ?? 0) * SCALE), Math.round((centroid[1] ?? 0) * SCALE)];
  });
  cached = { w: WIDTH * SCALE, h: HEIGHT * SCALE, arcs, c, s, b: stateBorders(topo, newIndex) };
  return cached;
}

/**
 * The arcs counties use, projected by their region, quantized, simplified and delta-encoded, renumbered densely
 * (`newIndex`: old arc index → new).
 */
function projectArcs(
  topo: CountyTopology,
  proj: Record<Region, GeoProjection>,
): { arcs: number[][]; newIndex: Map<number, number> } {
  // Region of every arc a county uses.
  const arcRegion = new Map<number, Region>();
  for (const g of topo.objects.counties.geometries)
    for (const poly of polygonsOf(g))
      for (const ring of poly)
        for (const a of ring) arcRegion.set(a < 0 ? ~a : a, regionOf(String(g.id).slice(0, 2)));
  // Project, quantize and simplify the arcs in use; renumber them densely.
  const newIndex = new Map<number, number>();
  const arcs: number[][] = [];
  for (const [old, region] of [...arcRegion].sort((a, b) => a[0] - b[0])) {
    const p = proj[region];
    const pts: [number, number][] = [];
    for (const ll of arcLonLat(topo, old)) {
      const xy = p(ll);
      if (!xy) continue;
      const q: [number, number] = [Math.round(xy[0] * SCALE), Math.round(xy[1] * SCALE)];
      const last = pts[pts.length - 1];
      if (!last || last[0] !== q[0] || last[1] !== q[1]) pts.push(q);
    }
    newIndex.set(old, arcs.length);
    arcs.push(deltaEncode(simplify(pts, MIN_AREA)));
  }
  return { arcs, newIndex };
}

/** Points as x0, y0, dx1, dy1, ... */
function deltaEncode(points: [number, number][]): number[] {
  const enc: number[] = [];
  let px = 0;
  let py = 0;
  for (const [x, y] of points) {
    enc.push(x - px, y - py);
    px = x;
    py = y;
  }
  return enc;
}

/** State borders: arcs two different states share (only arcs counties use), by their new index. */
function stateBorders(topo: CountyTopology, newIndex: Map<number, number>): number[] {
  const stateOfArc = new Map<number, Set<string>>();
  for (const g of topo.objects.states.geometries)
    for (const poly of polygonsOf(g))
      for (const ring of poly)
        for (const a of ring) {
          const k = a < 0 ? ~a : a;
          const set = stateOfArc.get(k) ?? new Set<string>();
          set.add(String(g.id));
          stateOfArc.set(k, set);
        }
  return [...stateOfArc]
    .filter(([a, s]) => s.size > 1 && newIndex.has(a))
    .map(([a]) => newIndex.get(a) as number);
}

/** Bounding box [x0, y0, x1, y1] of some counties of a geometry, in its units. */
export function boundsOf(
  geo: CompactGeometry,
  fips: (f: string) => boolean,
): [number, number, number, number] {
  const pts = decodeArcs(geo.arcs);
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const [id, , polys] of geo.c) {
    if (!fips(id)) continue;
    for (const poly of polys)
      for (const ring of poly)
        for (const a of ring)
          for (const [x, y] of pts[a < 0 ? ~a : a] ?? []) {
            if (x < x0) x0 = x;
            if (y < y0) y0 = y;
            if (x > x1) x1 = x;
            if (y > y1) y1 = y;
          }
  }
  return [x0, y0, x1, y1];
}
