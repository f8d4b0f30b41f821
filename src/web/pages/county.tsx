/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * A county or county equivalent (`/county/{FIPS}/`), with or without agreements: the answer first (does its
 * sheriff or county jail, or another agency in it, hold an agreement, and since when), its agencies with each
 * agreement in one sentence, a small map, its history, its population with the source, its ZIP codes, and links
 * to its state, the state's feed and the downloads. The sections are in county/.
 */
import { atomHref, href, type PageResult, type RenderCtx } from '../context.ts';
import { pagePaths } from '../paths.ts';
import { CountyAgencies } from './county/agencies.tsx';
import { CountyAnswer } from './county/answer.tsx';
import { countyData } from './county/data.ts';
import { CountyHistory } from './county/history.tsx';
import { CountyMap } from './county/map.tsx';
import { CountyPopulation } from './county/population.tsx';
import { CountyZips } from './county/zips.tsx';

export function countyPage(ctx: RenderCtx, fips: string): PageResult | null {
  const { t } = ctx;
  const d = countyData(ctx, fips);
  if (!d) return null;
  const title = t('countyTitle', { county: d.county.label, state: d.stateName });
  const st = d.county.state;
  // The feeds cover states with an agency or an event (src/publish/feeds.ts).
  const hasFeed =
    ctx.data.agencies.some((a) => a.state === st) || ctx.data.changes.some((c) => c.state === st);
  const main = (
    <>
      <p class="crumbs">
        <a href={href(ctx, pagePaths.state(st))}>{d.stateName}</a> ›{' '}
        <a href={href(ctx, pagePaths.counties)}>{t('countyIndexTitle')}</a>
      </p>
      <h1>{title}</h1>
      <CountyAnswer ctx={ctx} d={d} />
      <CountyAgencies ctx={ctx} d={d} />
      <CountyMap ctx={ctx} d={d} />
      <CountyHistory ctx={ctx} d={d} />
      <CountyPopulation ctx={ctx} d={d} />
      <CountyZips ctx={ctx} d={d} />
      <section aria-labelledby="county-more-title">
        <h2 id="county-more-title">{t('countyMore')}</h2>
        <ul>
          <li>
            <a href={href(ctx, pagePaths.state(st))}>{t('countyStateLink', { state: d.stateName })}</a>
          </li>
          {hasFeed ? (
            <li>
              <a href={atomHref(ctx, `/feeds/state/${st}.atom`)}>
                {t('countyStateFeed', { state: d.stateName })}
              </a>
            </li>
          ) : null}
          <li>
            <a href={href(ctx, pagePaths.downloads)}>{t('navData')}</a>
          </li>
        </ul>
      </section>
    </>
  );
  return { title, main, description: title };
}
