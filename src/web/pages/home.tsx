/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * Home: "is your county in it?" (a search box for a county, city or ZIP code), the headline numbers, the national
 * county map (drawn by the `home` island from the geometry and timeline assets: zoom, pan, a click opens a
 * county's page; its date, layers and view are kept in the URL), the growth chart and the latest changes. An
 * empty ledger says how to load data instead. The sections are in home/.
 */

import { ChangesTable } from '../components/changes-table.tsx';
import { EmptyLedger } from '../components/empty-ledger.tsx';
import { GrowthChart } from '../components/growth-chart.tsx';
import { Section } from '../components/section.tsx';
import { href, type PageResult, type RenderCtx } from '../context.ts';
import { pagePaths } from '../paths.ts';
import { FindCounty } from './home/find-county.tsx';
import { Headline } from './home/headline.tsx';
import { homeIslandConfig } from './home/island-config.ts';
import { MapSection } from './home/map-section.tsx';

export function homePage(ctx: RenderCtx): PageResult {
  const { t, data } = ctx;
  if (data.timeline.dates.length === 0)
    return {
      title: t('homeTitle'),
      main: (
        <>
          <h1>{t('homeTitle')}</h1>
          <p class="lede">{t('homeIntro')}</p>
          <EmptyLedger ctx={ctx} />
        </>
      ),
    };
  const last = data.timeline.dates.length - 1;
  const main = (
    <>
      <h1>{t('homeTitle')}</h1>
      <p class="lede">{t('homeIntro')}</p>
      <FindCounty ctx={ctx} />
      <Headline ctx={ctx} last={last} />
      <MapSection ctx={ctx} last={last} />
      <Section id="growth-title" title={t('growthTitle')}>
        <p>{t('growthDesc')}</p>
        <GrowthChart ctx={ctx} growth={data.growth} />
      </Section>
      <Section id="latest-title" title={t('latestChanges')}>
        <ChangesTable ctx={ctx} changes={data.changes.slice(0, 12)} />
        <p>
          <a href={href(ctx, pagePaths.changes)}>{t('allChanges')}</a>
        </p>
      </Section>
    </>
  );
  return { title: t('homeTitle'), main, island: 'home', json: { 'home-config': homeIslandConfig(ctx) } };
}
