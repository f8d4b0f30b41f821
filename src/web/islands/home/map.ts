/**
 * The national map: draws every county once from the pre-projected geometry (with the state borders and a layer
 * for the agency dots), then shades the counties and places the dots for each date, models and statuses chosen.
 */
import { agenciesShown, isPoint, shadeOn, type TimelineJson } from '../../../read/timeline.ts';
import { type CompactGeometry, decodeArcs, linesOf, pathOf } from '../../geometry-decode.ts';
import { el, shadeClass } from './svg.ts';

export interface NationalMap {
  svg: SVGSVGElement;
  /** County names by FIPS, from the geometry. */
  countyName: Map<string, string>;
  /** Shades the counties and places the dots for date index `d`. */
  paint: (d: number, models: Set<string>, statuses: Set<string>) => void;
  /** Draws the dots again for zoom `k` (1: the whole country): smaller in map units as the map grows. */
  scale: (k: number) => void;
}

/** A dot's radius in map units at zoom k: about 4.5 px on a desktop map at k = 1, growing slowly on screen. */
export function dotRadius(k: number): number {
  return 4.5 / Math.sqrt(Math.max(1, k));
}

export function drawMap(
  mapEl: HTMLElement,
  geo: CompactGeometry,
  tl: TimelineJson,
  stateXY: Record<string, [number, number]>,
): NationalMap {
  const pts = decodeArcs(geo.arcs);
  const svg = el('svg', {
    viewBox: viewBoxOf(pts, 8),
    role: 'img',
    'aria-labelledby': 'map-title',
    'aria-describedby': 'map-desc',
    class: 'national-map',
  });
  const gCounties = el('g', { class: 'counties' });
  const countyPaths = new Map<string, SVGPathElement>();
  const countyName = new Map<string, string>();
  const countyXY = new Map<string, [number, number]>();
  for (const [fips, name, polys, cx, cy] of geo.c) {
    const p = el('path', { d: pathOf(polys, pts), class: 'county', 'data-fips': fips });
    gCounties.append(p);
    countyPaths.set(fips, p);
    countyName.set(fips, name);
    countyXY.set(fips, [cx, cy]);
  }
  const borders = el('path', { d: linesOf(geo.b, pts), class: 'borders' });
  const gPoints = el('g', { class: 'points' });
  svg.append(gCounties, borders, gPoints);
  mapEl.textContent = '';
  mapEl.append(svg);
  let zoom = 1;
  let last: [number, Set<string>, Set<string>] | null = null;
  const paint = (d: number, models: Set<string>, statuses: Set<string>) => {
    last = [d, models, statuses];
    const radius = dotRadius(zoom);
    const shades = shadeOn(tl, d, models, statuses);
    for (const [fips, p] of countyPaths) p.setAttribute('class', `county${shadeClass(shades.get(fips))}`);
    // Dots: at the point the pages computed (the agency's place, else inside its county or state: always inside
    // its state); without one, at its (first) county, else its state, several at one spot fanning out.
    gPoints.textContent = '';
    const spot = new Map<string, number>();
    for (const [i, s] of agenciesShown(tl, d, models, statuses, true)) {
      const a = tl.agencies[i];
      if (!a || !isPoint(a)) continue;
      const placed = tl.xy?.[i];
      const xy = placed || ((a[4][0] ? countyXY.get(a[4][0]) : undefined) ?? stateXY[a[2]]);
      if (!xy) continue;
      const key = `${xy[0]},${xy[1]}`;
      const k = placed ? 0 : (spot.get(key) ?? 0);
      spot.set(key, k + 1);
      const r = (Math.sqrt(k) * 4 * radius) / 4.5;
      const circle = el('circle', {
        cx: Math.round(xy[0] + r * Math.cos(k * 2.4)),
        cy: Math.round(xy[1] + r * Math.sin(k * 2.4)),
        r: Math.round(radius * 100) / 100,
        class: `point${shadeClass(s)}`,
        'data-agency': i,
      });
      gPoints.append(circle);
    }
  };
  const scale = (k: number) => {
    if (k === zoom) return;
    zoom = k;
    if (last) paint(...last);
  };
  return { svg, countyName, paint, scale };
}

/** The view box around every point, with a margin of `pad`. */
export function viewBoxOf(pts: [number, number][][], pad: number): string {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const arc of pts)
    for (const [x, y] of arc) {
      if (x < x0) x0 = x;
      if (y < y0) y0 = y;
      if (x > x1) x1 = x;
      if (y > y1) y1 = y;
    }
  return `${x0 - pad} ${y0 - pad} ${x1 - x0 + 2 * pad} ${y1 - y0 + 2 * pad}`;
}
