/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * Every event, filterable by date, state and kind through query parameters: the server filters (and pages) them;
 * in the static export the page holds every event and the `changes` island filters from the same parameters. The
 * filter form, the counts by publication date and the pager are in changes/.
 */

import type { ChangeRow } from '../../read/site-data.ts';
import { ChangesTable } from '../components/changes-table.tsx';
import { href, type PageResult, type RenderCtx } from '../context.ts';
import { EVENT_LABEL } from '../i18n.ts';
import { pagePaths } from '../paths.ts';
import { ChangesByDate } from './changes/by-date.tsx';
import { FilterForm } from './changes/filter-form.tsx';
import { Pager } from './changes/pager.tsx';

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
  const { t, data } = ctx;
  const f = ctx.mode === 'static' ? { from: '', to: '', state: '', kind: '' } : readFilter(ctx.query);
  const all = data.changes.filter((c) => matches(c, f));
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
      <p id="changes-count" aria-live="polite" data-template={t('changesCount')}>
        {t('changesCount', { n: all.length })}
      </p>
      <p id="changes-none" hidden={all.length > 0}>
        {t('changesNone')}
      </p>
      <ChangesByDate ctx={ctx} changes={all} f={f} self={self} />
      <ChangesTable ctx={ctx} changes={rows} filterable />
      <Pager ctx={ctx} self={self} f={f} page={page} pages={pages} />
    </>
  );
  return { title: t('changesTitle'), main, island: 'changes' };
}
