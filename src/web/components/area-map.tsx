/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * A map of some counties drawn on the server from the national geometry (no script needed): counties shaded by
 * their sheriff's or county jail's agreement, one county outlined when the map is about it, agency points on top,
 * each county a link to its page (out of the tab order: the page's lists and tables hold the same links). The svg
 * keeps its own role, not an image (no role="img"): an image may not hold links.
 */
import type { CountyShade } from '../../read/timeline.ts';
import { href, type RenderCtx } from '../context.ts';
import { label, STATUS_LABEL } from '../i18n.ts';
import { bbox, countyShapes } from '../map-shapes.ts';
import { pagePaths } from '../paths.ts';
import { shadeClass } from './map-style.ts';

export interface MapPoint {
  id: string;
  name: string;
  x: number;
  y: number;
  shade: CountyShade;
}

export interface AreaMapProps {
  ctx: RenderCtx;
  /** Counties to draw. */
  counties: string[];
  /** The frame: [x0, y0, x1, y1] in map units (default: around every county drawn). */
  frame?: [number, number, number, number];
  focus?: string;
  shades: Map<string, CountyShade>;
  points: MapPoint[];
  id: string;
  title: string;
  desc: string;
}

/** The frame around some counties. */
export function frameOf(counties: string[]): [number, number, number, number] {
  const frame: [number, number, number, number] = [
    Number.POSITIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  for (const f of counties) {
    const rings = countyShapes().rings.get(f);
    if (!rings || rings.length === 0) continue;
    const [x0, y0, x1, y1] = bbox(rings);
    frame[0] = Math.min(frame[0], x0);
    frame[1] = Math.min(frame[1], y0);
    frame[2] = Math.max(frame[2], x1);
    frame[3] = Math.max(frame[3], y1);
  }
  return frame;
}

function countyTitle(ctx: RenderCtx, name: string, s: CountyShade | undefined): string {
  return `${name}${s ? ` — ${label(STATUS_LABEL, ctx.lang, s.status)} (${s.models.join(', ')})` : ''}`;
}

export function AreaMap(props: AreaMapProps) {
  const { ctx, shades, focus } = props;
  const shapes = countyShapes();
  const counties = props.counties.filter((f) => shapes.paths.has(f));
  if (counties.length === 0) return null;
  const [x0, y0, x1, y1] = props.frame ?? frameOf(counties);
  const pad = Math.max(4, (x1 - x0) * 0.02);
  const stroke = Math.max(x1 - x0, y1 - y0) / 600;
  const label = (f: string) => ctx.model.view.counties.get(f)?.label ?? shapes.names.get(f) ?? f;
  return (
    <figure class="state-map">
      <svg
        viewBox={`${Math.round(x0 - pad)} ${Math.round(y0 - pad)} ${Math.round(x1 - x0 + 2 * pad)} ${Math.round(y1 - y0 + 2 * pad)}`}
        aria-labelledby={`${props.id}-title`}
        aria-describedby={`${props.id}-desc`}
        focusable="false"
      >
        <title id={`${props.id}-title`}>{props.title}</title>
        <desc id={`${props.id}-desc`}>{props.desc}</desc>
        <g class="counties" stroke-width={stroke.toFixed(2)}>
          {counties.map((f) => {
            const s = shades.get(f);
            return (
              <a key={f} href={href(ctx, pagePaths.county(f))} tabindex={-1} aria-label={label(f)}>
                <path d={shapes.paths.get(f)} class={`county ${shadeClass(s)}`.trim()} data-fips={f}>
                  <title>{countyTitle(ctx, label(f), s)}</title>
                </path>
              </a>
            );
          })}
        </g>
        {focus && shapes.paths.has(focus) ? (
          <path class="focus" d={shapes.paths.get(focus)} stroke-width={(stroke * 3).toFixed(2)} />
        ) : null}
        <g class="points">
          {props.points.map((p) => (
            <circle
              key={p.id}
              cx={p.x}
              cy={p.y}
              r={(stroke * 5).toFixed(1)}
              stroke-width={(stroke * 1.2).toFixed(2)}
              class={`point ${shadeClass(p.shade)}`.trim()}
            >
              <title>{p.name}</title>
            </circle>
          ))}
        </g>
      </svg>
      <figcaption>{props.desc}</figcaption>
    </figure>
  );
}
