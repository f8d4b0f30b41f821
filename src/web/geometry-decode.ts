/**
 * The compact map geometry and how to draw it: shared by the server (state maps) and the browser (the national
 * map), so it imports nothing.
 */

/** Counties: [FIPS, name, polygons (rings of arc indices, `~i` = arc i reversed), centroid x, centroid y]. */
export type CompactCounty = [string, string, number[][][], number, number];

export interface CompactGeometry {
  /** Width and height in geometry units. */
  w: number;
  h: number;
  /** Delta-encoded arcs: x0, y0, dx1, dy1, ... */
  arcs: number[][];
  c: CompactCounty[];
  /** States: [FIPS, centroid x, centroid y]. */
  s: [string, number, number][];
  /** Arcs on a border between two states. */
  b: number[];
}

export function decodeArcs(arcs: number[][]): [number, number][][] {
  return arcs.map((enc) => {
    const out: [number, number][] = [];
    let x = 0;
    let y = 0;
    for (let i = 0; i + 1 < enc.length; i += 2) {
      x += enc[i] as number;
      y += enc[i + 1] as number;
      out.push([x, y]);
    }
    return out;
  });
}

export function ringPoints(ring: number[], pts: [number, number][][]): [number, number][] {
  const out: [number, number][] = [];
  for (const a of ring) {
    const arc = a < 0 ? [...(pts[~a] ?? [])].reverse() : (pts[a] ?? []);
    // Consecutive arcs share their end point.
    arc.forEach((p, i) => {
      if (i > 0 || out.length === 0) out.push(p);
    });
  }
  return out;
}

/** SVG path data of a county's polygons (rings that quantization shrank below a triangle are left out). */
export function pathOf(polygons: number[][][], pts: [number, number][][]): string {
  const rings: [number, number][][] = [];
  for (const poly of polygons) for (const ring of poly) rings.push(ringPoints(ring, pts));
  // A closed ring repeats its first point: 4 points make a triangle.
  const drawn = rings.some((r) => r.length >= 4) ? rings.filter((r) => r.length >= 4) : rings;
  let d = '';
  for (const p of drawn) {
    if (p.length === 0) continue;
    let px = 0;
    let py = 0;
    p.forEach(([x, y], i) => {
      if (i === 0) d += `M${x} ${y}`;
      else d += `l${x - px} ${y - py}`;
      px = x;
      py = y;
    });
    d += 'z';
  }
  return d;
}

/** SVG path data of some arcs drawn as lines (state borders). */
export function linesOf(arcIndices: number[], pts: [number, number][][]): string {
  let d = '';
  for (const a of arcIndices) {
    const arc = pts[a] ?? [];
    let px = 0;
    let py = 0;
    arc.forEach(([x, y], i) => {
      d += i === 0 ? `M${x} ${y}` : `l${x - px} ${y - py}`;
      px = x;
      py = y;
    });
  }
  return d;
}
