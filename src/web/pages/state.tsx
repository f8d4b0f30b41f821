/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** A state or territory: its county map, figures, agencies, every county (with or without an agreement), changes. */

import { agenciesShown, figuresOn, isPoint, MODELS, STATUSES, shadeOn } from '../../read/timeline.ts';
import { stateByUsps } from '../../reference/us-states.ts';
import { ChangesTable, type MapPoint, ModelBadge, num, StateMap, StatusBadge } from '../components.tsx';
import { href, type PageResult, type RenderCtx, rootHref } from '../context.ts';
import { nationalGeometry } from '../geometry.ts';
import { formatDate, LEVEL_LABEL, label } from '../i18n.ts';
import { pagePaths } from '../paths.ts';
import { DEFAULT_STATUSES } from './home.tsx';

export function statePage(ctx: RenderCtx, code: string): PageResult | null {
  const { t, lang, data } = ctx;
  const st = stateByUsps(code);
  if (!st) return null;
  const tl = data.timeline;
  const last = Math.max(0, tl.dates.length - 1);
  const date = tl.dates[last];
  const f = figuresOn(tl, last, st.usps);
  const models = new Set<string>(MODELS);
  const shades = shadeOn(tl, last, models, new Set(DEFAULT_STATUSES));
  const geo = nationalGeometry();
  const countyXY = new Map(geo.c.map((c) => [c[0], [c[3], c[4]] as const]));
  const stateXY = geo.s.find((s) => s[0] === st.fips);
  const shown = agenciesShown(tl, last, models, new Set(DEFAULT_STATUSES), true);
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
  const agencies = data.agencies
    .filter((a) => a.state === st.usps)
    .sort((a, b) => a.name.localeCompare(b.name));
  const allStatuses = new Set<string>(STATUSES);
  const everListed = agenciesShown(tl, last, models, allStatuses);
  const stateIdx = new Map(tl.agencies.map((a, i) => [a[0], i]));
  const countyRows = [...data.counties.values()]
    .filter((c) => c.state === st.usps)
    .sort((a, b) => a.name.localeCompare(b.name));
  const countyAgencies = new Map<string, string[]>();
  for (const a of data.agencies)
    for (const fips of a.countyFips)
      countyAgencies.set(fips, [...(countyAgencies.get(fips) ?? []), a.agencyId]);
  const changes = data.changes.filter((c) => c.state === st.usps);
  const hasPop = Object.keys(tl.pop).length > 0;
  // The feeds cover states with an agency or an event (src/publish/feeds.ts).
  const hasFeed = agencies.length > 0 || changes.length > 0;
  const stateCoverage = data.coverage?.states.find((s) => s.state === st.usps);
  const main = (
    <>
      <h1>{t('stateTitle', { state: st.name })}</h1>
      {agencies.length === 0 ? <p class="lede">{t('stateNone', { state: st.name })}</p> : null}
      <section aria-labelledby="figures-title">
        <h2 id="figures-title">{t('stateFigures')}</h2>
        <dl class="stats">
          <div class="stat">
            <dt>{t('statActive')}</dt>
            <dd>{num(ctx, f.active)}</dd>
          </div>
          <div class="stat">
            <dt>{t('statAgencies')}</dt>
            <dd>{num(ctx, f.agencies)}</dd>
          </div>
          <div class="stat">
            <dt>{t('statPending')}</dt>
            <dd>{num(ctx, f.pending)}</dd>
          </div>
          <div class="stat">
            <dt>{t('statResidents')}</dt>
            <dd>{hasPop ? num(ctx, stateCoverage?.sheriffCounties.residents ?? f.residents) : '—'}</dd>
          </div>
          <div class="stat">
            <dt>{t('statHispanic')}</dt>
            <dd>{hasPop ? num(ctx, stateCoverage?.sheriffCounties.hispanic ?? f.hispanic) : '—'}</dd>
          </div>
        </dl>
        {date ? <p class="asof">{t('statAsOf', { date: formatDate(lang, date) })}</p> : null}
      </section>
      <section aria-labelledby="state-map-heading">
        <h2 id="state-map-heading">{t('stateMap', { state: st.name })}</h2>
        <StateMap
          ctx={ctx}
          stateFips={st.fips}
          shades={shades}
          points={points}
          title={t('stateMap', { state: st.name })}
          desc={t('stateMapDesc', { date: formatDate(lang, date) })}
        />
      </section>
      <section aria-labelledby="agencies-title">
        <h2 id="agencies-title">{t('stateAgencies')}</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('colAgency')}</th>
                <th scope="col">{t('colLevel')}</th>
                <th scope="col">{t('colCounty')}</th>
                <th scope="col">{t('colModels')}</th>
                <th scope="col">{t('colStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {agencies.map((a) => {
                const s = everListed.get(stateIdx.get(a.agencyId) ?? -1);
                return (
                  <tr key={a.agencyId}>
                    <td>
                      <a href={href(ctx, pagePaths.agency(a.agencyId))}>{a.name}</a>
                    </td>
                    <td>{label(LEVEL_LABEL, lang, a.level)}</td>
                    <td>{a.countyFips.map((fips) => data.counties.get(fips)?.name ?? fips).join(', ')}</td>
                    <td>
                      {(s?.models ?? []).map((m) => (
                        <ModelBadge key={m} ctx={ctx} model={m} />
                      ))}
                    </td>
                    <td>
                      <StatusBadge ctx={ctx} status={a.status} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      {countyRows.length > 0 ? (
        <section aria-labelledby="counties-title">
          <h2 id="counties-title">{t('stateCounties')}</h2>
          <div class="table-wrap">
            <table class="counties">
              <thead>
                <tr>
                  <th scope="col">{t('colCounty')}</th>
                  <th scope="col">{t('stateAgencies')}</th>
                  <th scope="col">{t('agencyPopulation')}</th>
                </tr>
              </thead>
              <tbody>
                {countyRows.map((c) => {
                  const ids = (countyAgencies.get(c.fips) ?? []).filter((id) => {
                    const s = everListed.get(stateIdx.get(id) ?? -1);
                    return s && s.status !== 'removed';
                  });
                  return (
                    <tr key={c.fips} id={`c${c.fips}`}>
                      <th scope="row">{c.name}</th>
                      <td>
                        {ids.length === 0
                          ? t('stateCountyNone')
                          : ids.map((id, i) => (
                              <span key={id}>
                                {i > 0 ? '; ' : ''}
                                <a href={href(ctx, pagePaths.agency(id))}>
                                  {data.agencyById.get(id)?.name ?? id}
                                </a>
                              </span>
                            ))}
                      </td>
                      <td class="num">{c.population ? num(ctx, c.population.total) : '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      <section aria-labelledby="changes-title">
        <h2 id="changes-title">{t('stateChanges', { state: st.name })}</h2>
        {changes.length > 0 ? (
          <ChangesTable ctx={ctx} changes={changes.slice(0, 20)} />
        ) : (
          <p>{t('changesNone')}</p>
        )}
        <p>
          <a href={`${href(ctx, pagePaths.changes)}?state=${st.usps}`}>{t('allChanges')}</a>
          {hasFeed ? (
            <>
              {' · '}
              <a href={rootHref(ctx, `/feeds/state/${st.usps}.atom`)}>Atom</a>
            </>
          ) : null}
        </p>
      </section>
      <StateList ctx={ctx} />
    </>
  );
  return {
    title: t('stateTitle', { state: st.name }),
    main,
    ...(hasFeed ? { feed: { href: `/feeds/state/${st.usps}.atom`, title: `${st.name} (Atom)` } } : {}),
  };
}

/** Links to every state and territory. */
export function StateList({ ctx }: { ctx: RenderCtx }) {
  const codes = [...new Set(ctx.data.agencies.map((a) => a.state))].sort();
  return (
    <nav aria-labelledby="states-title" class="state-list">
      <h2 id="states-title">{ctx.t('allStates')}</h2>
      <ul>
        {codes.map((c) => (
          <li key={c}>
            <a href={href(ctx, pagePaths.state(c))}>{stateByUsps(c)?.name ?? c}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
