/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** A small map around the county: it and its state's counties nearby, shaded on the latest list, its agencies' points. */

import { latestPoints, latestShades } from '../../area-points.ts';
import { AreaMap, frameOf } from '../../components/area-map.tsx';
import { Section } from '../../components/section.tsx';
import type { RenderCtx } from '../../context.ts';
import { bbox, countyShapes } from '../../map-shapes.ts';
import type { CountyData } from './data.ts';

/** The county's frame grown to three times its size (at least a sixth of its state's), kept inside the state. */
function frameAround(fips: string): [number, number, number, number] {
  const shapes = countyShapes();
  const [x0, y0, x1, y1] = bbox(shapes.rings.get(fips) ?? []);
  const [s0, t0, s1, t1] = frameOf(shapes.byState.get(fips.slice(0, 2)) ?? [fips]);
  const w = Math.max(x1 - x0, (s1 - s0) / 6);
  const h = Math.max(y1 - y0, (t1 - t0) / 6);
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  return [
    Math.max(s0, cx - 1.5 * w),
    Math.max(t0, cy - 1.5 * h),
    Math.min(s1, cx + 1.5 * w),
    Math.min(t1, cy + 1.5 * h),
  ];
}

/** The county's frame and the counties of its state drawn in it (null when the county has no shape). */
export function countyMapFrame(
  fips: string,
): { frame: [number, number, number, number]; near: string[] } | null {
  const shapes = countyShapes();
  if (!shapes.paths.has(fips)) return null;
  const frame = frameAround(fips);
  const near = (shapes.byState.get(fips.slice(0, 2)) ?? []).filter((f) => {
    const [a, b, c, e] = bbox(shapes.rings.get(f) ?? []);
    return c >= frame[0] && a <= frame[2] && e >= frame[1] && b <= frame[3];
  });
  return { frame, near };
}

export function CountyMap({ ctx, d }: { ctx: RenderCtx; d: CountyData }) {
  const { t } = ctx;
  const fips = d.county.fips;
  const drawn = countyMapFrame(fips);
  if (!drawn) return null;
  const { frame, near } = drawn;
  const mine = new Set(d.agencies.map((a) => a.detail.agencyId));
  const title = t('countyMap', { place: `${d.county.label}, ${d.stateName}` });
  return (
    <Section id="county-map-title" title={t('countyMapHeading')}>
      <AreaMap
        ctx={ctx}
        id="county-map"
        counties={near}
        frame={frame}
        focus={fips}
        shades={latestShades(ctx)}
        points={latestPoints(ctx, (id) => mine.has(id))}
        title={title}
        desc={t('countyMapDesc', { place: d.county.label })}
      />
    </Section>
  );
}
