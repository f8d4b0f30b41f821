/** The agency points and county shades a server-drawn map shows on ICE's latest lists (active and pending). */
import { agenciesShown, MODELS, shadeOn } from '../read/timeline.ts';
import type { MapPoint } from './components/area-map.tsx';
import type { RenderCtx } from './context.ts';
import { DEFAULT_STATUSES } from './map-layers.ts';

type Timeline = RenderCtx['data']['timeline'];

/** Both are the same for every page of one ledger version (thousands of county pages): computed once per timeline. */
const shadesOf = new WeakMap<Timeline, ReturnType<typeof shadeOn>>();
const shownOf = new WeakMap<Timeline, ReturnType<typeof agenciesShown>>();

/** Counties shaded by their sheriff's or county jail's agreements on the latest list. */
export function latestShades(ctx: RenderCtx) {
  const tl = ctx.data.timeline;
  let shades = shadesOf.get(tl);
  if (!shades) {
    shades = shadeOn(tl, Math.max(0, tl.dates.length - 1), new Set(MODELS), new Set(DEFAULT_STATUSES));
    shadesOf.set(tl, shades);
  }
  return shades;
}

/** The points of the agencies `keep` accepts (by agency ID) that are listed on the latest list. */
export function latestPoints(ctx: RenderCtx, keep: (agencyId: string) => boolean): MapPoint[] {
  const tl = ctx.data.timeline;
  let shown = shownOf.get(tl);
  if (!shown) {
    shown = agenciesShown(
      tl,
      Math.max(0, tl.dates.length - 1),
      new Set(MODELS),
      new Set(DEFAULT_STATUSES),
      true,
    );
    shownOf.set(tl, shown);
  }
  const out: MapPoint[] = [];
  for (const [i, shade] of shown) {
    const a = tl.agencies[i];
    const p = ctx.model.points[i];
    if (!a || !p || !keep(a[0])) continue;
    out.push({ id: a[0], name: a[1], x: p.x, y: p.y, shade });
  }
  return out;
}
