/** Where a state's agencies are dotted on its map: at their (first) county, else the state's centroid. */
import type { TimelineJson } from '../../../read/timeline.ts';
import { agenciesShown, isPoint } from '../../../read/timeline.ts';
import type { MapPoint } from '../../components/state-map.tsx';
import type { CompactGeometry } from '../../geometry.ts';

/** The dots of the agencies of state `usps` (FIPS `fips`) shown on date index `d`. */
export function statePoints(
  tl: TimelineJson,
  d: number,
  models: Set<string>,
  statuses: Set<string>,
  geo: CompactGeometry,
  st: { usps: string; fips: string },
): MapPoint[] {
  const countyXY = new Map(geo.c.map((c) => [c[0], [c[3], c[4]] as const]));
  const stateXY = geo.s.find((s) => s[0] === st.fips);
  const shown = agenciesShown(tl, d, models, statuses, true);
  const points: MapPoint[] = [];
  let k = 0;
  for (const [i, shade] of shown) {
    const a = tl.agencies[i];
    if (!a || a[2] !== st.usps || !isPoint(a)) continue;
    const xy = a[4][0] ? countyXY.get(a[4][0]) : stateXY ? [stateXY[1], stateXY[2]] : undefined;
    if (!xy) continue;
    // Agencies of one place fan out a little so each dot shows.
    const angle = k * 2.4;
    const r = Math.sqrt(k) * 2;
    k++;
    points.push({
      id: a[0],
      name: a[1],
      x: Math.round(xy[0] + r * Math.cos(angle)),
      y: Math.round(xy[1] + r * Math.sin(angle)),
      shade,
    });
  }
  return points;
}
