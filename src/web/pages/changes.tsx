/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * Every event, filterable by date, state and kind through query parameters: the server filters (and pages) them;
 * in the static export the page holds every event and the `changes` island filters from the same parameters.
 */

import type { ChangeRow } from '../../read/site-data.ts';
import { stateByUsps } from '../../reference/us-states.ts';
import { ChangesTable } from '../components.tsx';
import { href, type PageResult, type RenderCtx } from '../context.ts';
import { EVENT_LABEL } from '../i18n.ts';
import { pagePaths } from '../paths.ts';

export const PAGE_SIZE = 200;

export interface ChangeFilter {
  from: string;
  to: string;
  state: string;
  kind: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readFilter(q: URLSearchParams): ChangeFilter {
  const date = (v: string | null) => (v && DATE.test(v) ? v : '');
  return {
    from: date(q.get('from')),
    to: date(q.get('to')),
    state: (q.get('state') ?? '')
      .toUpperCase()
      .replace(/[^A-Z]/g, '')
      .slice(0, 2),
    kind: Object.hasOwn(EVENT_LABEL.en, q.get('kind') ?? '') ? (q.get('kind') as string) : '',
  };
}

export function matches(c: Pick<ChangeRow, 'date' | 'state' | 'kind'>, f: ChangeFilter): boolean {
  return (
    (!f.from || c.date >= f.from) &&
    (!f.to || c.date <= f.to) &&
    (!f.state || c.state === f.state) &&
    (!f.kind || c.kind === f.kind)
  );
}

export function changesPage(ctx: RenderCtx): PageResult {
  const { t, lang, data } = ctx;
  const f = ctx.mode === 'static' ? { from: '', to: '', state: '', kind: '' } : readFilter(ctx.query);
  const all = data.changes.filter((c) => matches(c, f));
  const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
  const page = ctx.mode === 'static' ? 1 : Math.min(pages, Math.max(1, Number(ctx.query.get('page')) || 1));
  const rows = ctx.mode === 'static' ? all : all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const states = [...new Set(data.changes.map((c) => c.state).filter((s): s is string => !!s))].sort();
  const self = href(ctx, pagePaths.changes);
  const pageLink = (n: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
    if (n > 1) q.set('page', String(n));
    const s = q.toString();
    return s ? `${self}?${s}` : self;
  };
  const main = (
    <>
      <h1>{t('changesTitle')}</h1>
      <p class="lede">{t('changesIntro')}</p>
      <form class="filters" method="get" action={self} id="changes-filter">
        <div>
          <label for="f-from">{t('filterFrom')}</label>
          <input type="date" id="f-from" name="from" value={f.from} />
        </div>
        <div>
          <label for="f-to">{t('filterTo')}</label>
          <input type="date" id="f-to" name="to" value={f.to} />
        </div>
        <div>
          <label for="f-state">{t('filterState')}</label>
          <select id="f-state" name="state">
            <option value="">{t('filterAny')}</option>
            {states.map((s) => (
              <option key={s} value={s} selected={f.state === s}>
                {stateByUsps(s)?.name ?? s}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="f-kind">{t('filterKind')}</label>
          <select id="f-kind" name="kind">
            <option value="">{t('filterAny')}</option>
            {Object.entries(EVENT_LABEL[lang]).map(([k, v]) => (
              <option key={k} value={k} selected={f.kind === k}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <div class="filter-buttons">
          <button type="submit" class="button">
            {t('filterApply')}
          </button>
          <a href={self}>{t('filterReset')}</a>
        </div>
      </form>
      <p id="changes-count" aria-live="polite" data-template={t('changesCount')}>
        {t('changesCount', { n: all.length })}
      </p>
      <p id="changes-none" hidden={all.length > 0}>
        {t('changesNone')}
      </p>
      <ChangesTable ctx={ctx} changes={rows} filterable />
      {pages > 1 ? (
        <nav class="pager" aria-label={t('pageOf', { n: page, total: pages })}>
          {page > 1 ? (
            <a href={pageLink(page - 1)} rel="prev">
              {t('pagePrev')}
            </a>
          ) : null}{' '}
          <span>{t('pageOf', { n: page, total: pages })}</span>{' '}
          {page < pages ? (
            <a href={pageLink(page + 1)} rel="next">
              {t('pageNext')}
            </a>
          ) : null}
        </nav>
      ) : null}
    </>
  );
  return { title: t('changesTitle'), main, island: 'changes' };
}
