/** What the home island is given: the asset URLs, where state-level agencies are drawn, and its words. */
import { stateByFips } from '../../../reference/us-states.ts';
import { href, type RenderCtx } from '../../context.ts';
import { nationalGeometry } from '../../geometry.ts';
import { LEVEL_LABEL, MODEL_LABEL, STATUS_LABEL } from '../../i18n.ts';
import { DEFAULT_STATUSES } from '../../map-layers.ts';
import { pagePaths } from '../../paths.ts';

/** The `home-config` JSON block. */
export function homeIslandConfig(ctx: RenderCtx) {
  return {
    geometry: ctx.assets.geometry,
    timeline: ctx.assets.timeline,
    stateXY: stateCentroids(),
    defaults: { statuses: DEFAULT_STATUSES },
    messages: homeMessages(ctx),
  };
}

/** Where state-level (and unplaced) agencies are drawn: each state's centroid, by USPS code. */
function stateCentroids(): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const [fips, x, y] of nationalGeometry().s) {
    const st = stateByFips(fips);
    if (st) out[st.usps] = [x, y];
  }
  return out;
}

/** Words the home island needs (in the page's language). */
function homeMessages(ctx: RenderCtx) {
  const { t, lang } = ctx;
  return {
    lang,
    statAsOf: t('statAsOf'),
    tableCaption: t('tableCaption'),
    detailsNone: t('detailsNone'),
    detailsHint: t('detailsHint'),
    play: t('play'),
    pause: t('pause'),
    mapTitle: t('mapTitle'),
    mapWheelHint: t('mapWheelHint'),
    models: MODEL_LABEL[lang],
    statuses: STATUS_LABEL[lang],
    levels: LEVEL_LABEL[lang],
    agencyPath: href(ctx, pagePaths.agency('__ID__')),
    countyPath: href(ctx, pagePaths.county('__ID__')),
  };
}
