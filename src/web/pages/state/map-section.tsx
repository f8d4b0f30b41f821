/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * A state's county map on the latest list (active and pending agreements): counties shaded by their sheriff's or
 * county jail's agreement, each a link to its page, and the state's agencies at their places (area-points.ts:
 * the Gazetteer point of a city, the county's point of a county body), as on the county pages and the home map.
 */
import type { StateInfo } from '../../../reference/us-states.ts';
import { latestPoints, latestShades } from '../../area-points.ts';
import { AreaMap } from '../../components/area-map.tsx';
import { Section } from '../../components/section.tsx';
import type { RenderCtx } from '../../context.ts';
import { countyShapes } from '../../map-shapes.ts';

export function StateMapSection({ ctx, st }: { ctx: RenderCtx; st: StateInfo }) {
  const { t, data } = ctx;
  const counties = countyShapes().byState.get(st.fips) ?? [];
  const points = latestPoints(ctx, (id) => data.agencyById.get(id)?.state === st.usps);
  return (
    <Section id="state-map-heading" title={t('stateMap', { state: st.name })}>
      <AreaMap
        ctx={ctx}
        id="state-map"
        counties={counties}
        shades={latestShades(ctx)}
        points={points}
        title={t('stateMap', { state: st.name })}
        desc={t('stateMapDesc')}
      />
    </Section>
  );
}
