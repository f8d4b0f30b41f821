/**
 * The county of a location, in the browser: the point is projected as the map is (projection.ts, one projection
 * per inset) and looked up among the county shapes of the map's geometry file. Loaded by the search island only
 * when a reader asks to use their location; nothing leaves the browser.
 */
import type { CompactGeometry } from '../geometry-decode.ts';
import { decodeArcs, ringPoints } from '../geometry-decode.ts';
import { projectPoint } from '../projection.ts';

function inside(rings: [number, number][][], x: number, y: number): boolean {
  let odd = false;
  for (const ring of rings)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
    }
  return odd;
}

/** The FIPS code of the county holding (lon, lat), or null. */
export async function countyOf(geometryUrl: string, lon: number, lat: number): Promise<string | null> {
  const geo = (await (await fetch(geometryUrl)).json()) as CompactGeometry;
  const pts = decodeArcs(geo.arcs);
  const byState = new Map<string, [number, number] | null>();
  for (const [fips, , polys] of geo.c) {
    const st = fips.slice(0, 2);
    if (!byState.has(st)) byState.set(st, projectPoint(st, lon, lat));
    const p = byState.get(st);
    if (!p) continue;
    const rings: [number, number][][] = [];
    for (const poly of polys) for (const ring of poly) rings.push(ringPoints(ring, pts));
    if (inside(rings, p[0], p[1])) return fips;
  }
  return null;
}
