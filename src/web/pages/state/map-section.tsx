/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** A state's county map on the latest list (active and pending agreements), with its agencies as dots. */
import { MODELS, shadeOn } from '../../../read/timeline.ts';
import type { StateInfo } from '../../../reference/us-states.ts';
import { Section } from '../../components/section.tsx';
import { StateMap } from '../../components/state-map.tsx';
import type { RenderCtx } from '../../context.ts';
import { nationalGeometry } from '../../geometry.ts';
import { formatDate } from '../../i18n.ts';
import { DEFAULT_STATUSES } from '../../map-layers.ts';
import { statePoints } from './map-points.ts';

export function StateMapSection({ ctx, st, last }: { ctx: RenderCtx; st: StateInfo; last: number }) {
  const { t, lang, data } = ctx;
  const tl = data.timeline;
  const models = new Set<string>(MODELS);
  const shades = shadeOn(tl, last, models, new Set(DEFAULT_STATUSES));
  const points = statePoints(tl, last, models, new Set(DEFAULT_STATUSES), nationalGeometry(), st);
  return (
    <Section id="state-map-heading" title={t('stateMap', { state: st.name })}>
      <StateMap
        ctx={ctx}
        stateFips={st.fips}
        shades={shades}
        points={points}
        title={t('stateMap', { state: st.name })}
        desc={t('stateMapDesc', { date: formatDate(lang, tl.dates[last]) })}
      />
    </Section>
  );
}
