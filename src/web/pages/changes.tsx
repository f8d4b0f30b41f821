/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * Every event, filterable by date, state, model and kind through query parameters (change-filter.ts): the server
 * filters (and pages) them and links the Atom feed of exactly those filters (`/feeds/changes.atom?…`); in the static
 * export the page holds every event, the `changes` island filters from the same parameters, and the feed link is
 * the state's feed (a static host cannot filter by query). The filter form, the chart by month, the counts by
 * publication date and the pager are in changes/.
 */

import { type ChangeFilter, filterQuery, matches, NO_FILTER, readFilter } from '../change-filter.ts';
import { ChangesTable } from '../components/changes-table.tsx';
import { atomHref, href, type PageResult, type RenderCtx } from '../context.ts';
import { pagePaths } from '../paths.ts';
import { ChangesByDate } from './changes/by-date.tsx';
import { ChangesChart, countByMonth } from './changes/chart.tsx';
import { FilterForm } from './changes/filter-form.tsx';
import { Pager } from './changes/pager.tsx';

export const PAGE_SIZE = 200;

export function changesPage(ctx: RenderCtx): PageResult {
  const { t, data } = ctx;
  const f = ctx.mode === 'static' ? NO_FILTER : readFilter(ctx.query);
  const all = data.changes.filter((c) => matches(c, f, data.eventModels.get(c.eventId)));
  const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
  const page = ctx.mode === 'static' ? 1 : Math.min(pages, Math.max(1, Number(ctx.query.get('page')) || 1));
  const rows = ctx.mode === 'static' ? all : all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const states = [...new Set(data.changes.map((c) => c.state).filter((s): s is string => !!s))].sort();
  const self = href(ctx, pagePaths.changes);
  const main = (
    <>
      <h1>{t('changesTitle')}</h1>
      <p class="lede">{t('changesIntro')}</p>
      <FilterForm ctx={ctx} f={f} states={states} action={self} />
      <p class="note">{t('changesModelNote')}</p>
      <p id="changes-count" aria-live="polite" data-template={t('changesCount')}>
        {t('changesCount', { n: all.length })}
      </p>
      <p id="changes-none" hidden={all.length > 0}>
        {t('changesNone')}
      </p>
      <ChangesChart ctx={ctx} months={countByMonth(all)} />
      <ChangesByDate ctx={ctx} changes={all} f={f} self={self} />
      <ChangesTable ctx={ctx} changes={rows} filterable />
      <Pager ctx={ctx} self={self} f={f} page={page} pages={pages} />
      <FeedLink ctx={ctx} f={f} />
    </>
  );
  // The head links the filtered feed on the server; a static page's head already links the national feed.
  const feed = ctx.mode === 'static' ? {} : { feed: { href: feedHref(ctx, f), title: t('changesFeed') } };
  return { title: t('changesTitle'), main, island: 'changes', ...feed };
}

/**
 * The Atom feed of a filter: on the server, `/feeds/changes.atom` with the filter's query; in the static export
 * (no filter known when the page is written) the national feed, which the island turns into the state's feed.
 */
export function feedHref(ctx: Pick<RenderCtx, 'mode'>, f: ChangeFilter): string {
  if (ctx.mode === 'static') return '/feeds/events.atom';
  const q = filterQuery(f);
  return q ? `/feeds/changes.atom?${q}` : '/feeds/changes.atom';
}

function FeedLink({ ctx, f }: { ctx: RenderCtx; f: ChangeFilter }) {
  return (
    <p class="feed-link">
      <a id="changes-feed" href={atomHref(ctx, feedHref(ctx, f))} type="application/atom+xml">
        {ctx.t('changesFeed')}
      </a>
      {ctx.mode === 'static' ? <span id="changes-feed-note"> {ctx.t('changesFeedStatic')}</span> : null}
    </p>
  );
}
