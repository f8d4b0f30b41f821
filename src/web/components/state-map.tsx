/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** A state's counties drawn on the server from the national geometry (no script needed), with agency dots. */
import type { CountyShade } from '../../read/timeline.ts';
import type { RenderCtx } from '../context.ts';
import { type CompactGeometry, decodeArcs, nationalGeometry, pathOf } from '../geometry.ts';
import { label, STATUS_LABEL } from '../i18n.ts';
import { shadeClass } from './map-style.ts';

export interface MapPoint {
  id: string;
  name: string;
  x: number;
  y: number;
  shade: CountyShade;
}

export function StateMap({
  ctx,
  stateFips,
  shades,
  points,
  title,
  desc,
}: {
  ctx: RenderCtx;
  stateFips: string;
  shades: Map<string, CountyShade>;
  points: MapPoint[];
  title: string;
  desc: string;
}) {
  const geo = nationalGeometry();
  const pts = decodeArcs(geo.arcs);
  const counties = geo.c.filter((c) => c[0].startsWith(stateFips));
  if (counties.length === 0) return null;
  const [x0, y0, x1, y1] = countiesBounds(counties, pts);
  const pad = Math.max(4, (x1 - x0) * 0.02);
  const stroke = Math.max(x1 - x0, y1 - y0) / 600;
  const names = new Map(counties.map((c) => [c[0], c[1]]));
  return (
    <figure class="state-map">
      <svg
        viewBox={`${x0 - pad} ${y0 - pad} ${x1 - x0 + 2 * pad} ${y1 - y0 + 2 * pad}`}
        role="img"
        aria-labelledby="state-map-title"
        aria-describedby="state-map-desc"
        focusable="false"
      >
        <title id="state-map-title">{title}</title>
        <desc id="state-map-desc">{desc}</desc>
        <g class="counties" stroke-width={stroke.toFixed(2)}>
          {counties.map((c) => {
            const s = shades.get(c[0]);
            return (
              <path key={c[0]} d={pathOf(c[2], pts)} class={`county ${shadeClass(s)}`} data-fips={c[0]}>
                <title>{`${names.get(c[0]) ?? c[0]}${s ? ` — ${label(STATUS_LABEL, ctx.lang, s.status)} (${s.models.join(', ')})` : ''}`}</title>
              </path>
            );
          })}
        </g>
        <MapDots points={points} stroke={stroke} />
      </svg>
      <figcaption>{desc}</figcaption>
    </figure>
  );
}

function MapDots({ points, stroke }: { points: MapPoint[]; stroke: number }) {
  return (
    <g class="points">
      {points.map((p) => (
        <circle
          key={p.id}
          cx={p.x}
          cy={p.y}
          r={(stroke * 5).toFixed(1)}
          stroke-width={(stroke * 1.2).toFixed(2)}
          class={`point ${shadeClass(p.shade)}`}
        >
          <title>{p.name}</title>
        </circle>
      ))}
    </g>
  );
}

/** Bounding box [x0, y0, x1, y1] of some counties, from their decoded arcs. */
function countiesBounds(
  counties: CompactGeometry['c'],
  pts: [number, number][][],
): [number, number, number, number] {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const c of counties)
    for (const poly of c[2])
      for (const ring of poly)
        for (const a of ring)
          for (const [x, y] of pts[a < 0 ? ~a : a] ?? []) {
            x0 = Math.min(x0, x);
            y0 = Math.min(y0, y);
            x1 = Math.max(x1, x);
            y1 = Math.max(y1, y);
          }
  return [x0, y0, x1, y1];
}
