/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** Previous and next links between pages of changes, keeping the filter (none when everything fits one page). */

import { type ChangeFilter, FILTER_KEYS } from '../../change-filter.ts';
import type { RenderCtx } from '../../context.ts';

/** The URL of page `n` of the changes page at `self` with filter `f`. */
export function pageLink(self: string, f: ChangeFilter, n: number): string {
  const q = new URLSearchParams();
  for (const k of FILTER_KEYS) if (f[k]) q.set(k, f[k]);
  if (n > 1) q.set('page', String(n));
  const s = q.toString();
  return s ? `${self}?${s}` : self;
}

export function Pager(props: { ctx: RenderCtx; self: string; f: ChangeFilter; page: number; pages: number }) {
  const { page, pages } = props;
  const { t } = props.ctx;
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label={t('pageOf', { n: page, total: pages })}>
      {page > 1 ? (
        <a href={pageLink(props.self, props.f, page - 1)} rel="prev">
          {t('pagePrev')}
        </a>
      ) : null}{' '}
      <span>{t('pageOf', { n: page, total: pages })}</span>{' '}
      {page < pages ? (
        <a href={pageLink(props.self, props.f, page + 1)} rel="next">
          {t('pageNext')}
        </a>
      ) : null}
    </nav>
  );
}
