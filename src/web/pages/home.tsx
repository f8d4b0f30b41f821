/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * Home: headline numbers, the national county map (drawn by the `home` island from the geometry and timeline
 * assets), layer toggles, the time control, the table alternative, the growth chart and the latest changes.
 */

import { agenciesShown, figuresOn, MODELS, STATUSES, type TimelineJson } from '../../read/timeline.ts';
import { stateByFips } from '../../reference/us-states.ts';
import { ChangesTable, GrowthChart, Legend, ModelBadge, num, StatusBadge } from '../components.tsx';
import { href, type PageResult, type RenderCtx } from '../context.ts';
import { nationalGeometry } from '../geometry.ts';
import { formatDate, LEVEL_LABEL, label, MODEL_LABEL, STATUS_LABEL } from '../i18n.ts';
import { pagePaths } from '../paths.ts';

export const DEFAULT_STATUSES = ['active', 'pending'];

/** Rows of the map's table: agencies shown on date index `d`, by state then name. */
export function tableRows(t: TimelineJson, d: number, models: Set<string>, statuses: Set<string>) {
  const shown = agenciesShown(t, d, models, statuses);
  return [...shown]
    .map(([i, shade]) => ({ a: t.agencies[i] as TimelineJson['agencies'][number], shade }))
    .filter((r) => r.a)
    .sort((x, y) => x.a[2].localeCompare(y.a[2]) || x.a[1].localeCompare(y.a[1]));
}

export function homePage(ctx: RenderCtx): PageResult {
  const { t, lang, data } = ctx;
  const tl = data.timeline;
  const last = Math.max(0, tl.dates.length - 1);
  const f = figuresOn(tl, last);
  const hasPop = Object.keys(tl.pop).length > 0;
  const rows = tableRows(tl, last, new Set(MODELS), new Set(DEFAULT_STATUSES));
  const stat = (key: string, value: string, text: string) => (
    <div class="stat" key={key}>
      <dt>{text}</dt>
      <dd data-stat={key}>{value}</dd>
    </div>
  );
  const main = (
    <>
      <h1>{t('homeTitle')}</h1>
      <p class="lede">{t('homeIntro')}</p>
      <section aria-labelledby="headline-title" class="headline">
        <h2 id="headline-title" class="visually-hidden">
          {t('headline')}
        </h2>
        <dl class="stats">
          {stat('active', num(ctx, f.active), t('statActive'))}
          {stat('agencies', num(ctx, f.agencies), t('statAgencies'))}
          {stat('states', num(ctx, f.states), t('statStates'))}
          {stat('pending', num(ctx, f.pending), t('statPending'))}
          {stat('residents', hasPop ? num(ctx, f.residents) : '—', t('statResidents'))}
          {stat('hispanic', hasPop ? num(ctx, f.hispanic) : '—', t('statHispanic'))}
        </dl>
        <p class="asof" data-stat="asof">
          {f.date ? t('statAsOf', { date: formatDate(lang, f.date) }) : ''}
        </p>
        {hasPop ? null : <p class="note">{t('statNoPopulation')}</p>}
      </section>
      <section aria-labelledby="map-title" class="map-section">
        <h2 id="map-title">{t('mapTitle')}</h2>
        <p id="map-desc">{t('mapDesc')}</p>
        <div class="map-controls" id="map-controls" hidden>
          <fieldset>
            <legend>{t('layerModels')}</legend>
            {MODELS.map((m) => (
              <label key={m} class="toggle">
                <input type="checkbox" name="model" value={m} checked />
                <span class={`key m-${m}`} aria-hidden="true" /> {m}
                <span class="visually-hidden"> — {label(MODEL_LABEL, lang, m)}</span>
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('layerStatus')}</legend>
            {STATUSES.map((s) => (
              <label key={s} class="toggle">
                <input type="checkbox" name="status" value={s} checked={DEFAULT_STATUSES.includes(s)} />
                {label(STATUS_LABEL, lang, s)}
              </label>
            ))}
          </fieldset>
          <div class="time-control">
            <label for="time">{t('timeLabel')}</label>
            <input
              type="range"
              id="time"
              min="0"
              max={String(last)}
              value={String(last)}
              step="1"
              aria-valuetext={formatDate(lang, tl.dates[last])}
            />
            <output id="time-out" for="time">
              {formatDate(lang, tl.dates[last])}
            </output>
            <button type="button" id="play" class="button" aria-pressed="false">
              {t('play')}
            </button>
          </div>
        </div>
        <div id="map" class="map" data-loading={t('mapLoading')}>
          <p class="map-placeholder">{t('mapLoading')}</p>
        </div>
        <noscript>
          <p class="note">{t('mapNoScript')}</p>
        </noscript>
        <div id="map-details" class="map-details" aria-live="polite">
          <p>{t('detailsHint')}</p>
        </div>
        <Legend ctx={ctx} />
        <details id="map-table" class="map-table">
          <summary>{t('tableSummary')}</summary>
          <div class="table-wrap">
            <table>
              <caption id="map-table-caption">
                {t('tableCaption', { date: formatDate(lang, tl.dates[last]) })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('colAgency')}</th>
                  <th scope="col">{t('colState')}</th>
                  <th scope="col">{t('colCounty')}</th>
                  <th scope="col">{t('colLevel')}</th>
                  <th scope="col">{t('colModels')}</th>
                  <th scope="col">{t('colStatus')}</th>
                </tr>
              </thead>
              <tbody id="map-table-body">
                {rows.map(({ a, shade }) => (
                  <tr key={a[0]}>
                    <td>
                      <a href={href(ctx, pagePaths.agency(a[0]))}>{a[1]}</a>
                    </td>
                    <td>{a[2]}</td>
                    <td>{a[4].map((fips) => tl.counties[fips]?.[0] ?? fips).join(', ')}</td>
                    <td>{label(LEVEL_LABEL, lang, a[3])}</td>
                    <td>
                      {shade.models.map((m) => (
                        <ModelBadge key={m} ctx={ctx} model={m} />
                      ))}
                    </td>
                    <td>
                      <StatusBadge ctx={ctx} status={shade.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </section>
      <section aria-labelledby="growth-title">
        <h2 id="growth-title">{t('growthTitle')}</h2>
        <p>{t('growthDesc')}</p>
        <GrowthChart ctx={ctx} growth={data.growth} />
      </section>
      <section aria-labelledby="latest-title">
        <h2 id="latest-title">{t('latestChanges')}</h2>
        <ChangesTable ctx={ctx} changes={data.changes.slice(0, 12)} />
        <p>
          <a href={href(ctx, pagePaths.changes)}>{t('allChanges')}</a>
        </p>
      </section>
    </>
  );
  return {
    title: t('homeTitle'),
    main,
    island: 'home',
    json: {
      'home-config': {
        geometry: ctx.assets.geometry,
        timeline: ctx.assets.timeline,
        stateXY: stateCentroids(),
        defaults: { statuses: DEFAULT_STATUSES },
        messages: homeMessages(ctx),
      },
    },
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
    models: MODEL_LABEL[lang],
    statuses: STATUS_LABEL[lang],
    levels: LEVEL_LABEL[lang],
    agencyPath: href(ctx, pagePaths.agency('__ID__')),
  };
}
