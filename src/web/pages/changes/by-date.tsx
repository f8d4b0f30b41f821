/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * The changes summed by publication date: for each date with a change (newest first), how many agencies were
 * added, removed, and changed otherwise, the date a link to that day's changes under the same filters. The counts
 * follow the page's filters on the server; in the static export they cover every change.
 */
import type { ChangeRow } from '../../../read/site-data.ts';
import type { ChangeFilter } from '../../change-filter.ts';
import type { RenderCtx } from '../../context.ts';
import { EVENT_LABEL, formatDate } from '../../i18n.ts';
import { pageLink } from './pager.tsx';

export interface DateCount {
  date: string;
  added: number;
  removed: number;
  other: number;
}

/** Changes counted by date, newest first. */
export function countByDate(changes: readonly Pick<ChangeRow, 'date' | 'kind'>[]): DateCount[] {
  const by = new Map<string, DateCount>();
  for (const c of changes) {
    let d = by.get(c.date);
    if (!d) {
      d = { date: c.date, added: 0, removed: 0, other: 0 };
      by.set(c.date, d);
    }
    if (c.kind === 'added') d.added++;
    else if (c.kind === 'removed') d.removed++;
    else d.other++;
  }
  return [...by.values()].sort((a, b) => b.date.localeCompare(a.date));
}

export function ChangesByDate(props: {
  ctx: RenderCtx;
  changes: readonly ChangeRow[];
  f: ChangeFilter;
  self: string;
}) {
  const { t, lang } = props.ctx;
  const rows = countByDate(props.changes);
  if (rows.length === 0) return null;
  return (
    <details class="by-date" id="changes-by-date">
      <summary>{t('changesByDate', { n: rows.length })}</summary>
      <div class="table-wrap">
        <table>
          <caption>{t('changesByDateCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colDate')}</th>
              <th scope="col" class="num">
                {EVENT_LABEL[lang].added}
              </th>
              <th scope="col" class="num">
                {EVENT_LABEL[lang].removed}
              </th>
              <th scope="col" class="num">
                {t('changesOther')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.date}>
                <th scope="row">
                  <a href={pageLink(props.self, { ...props.f, from: r.date, to: r.date }, 1)}>
                    {formatDate(lang, r.date)}
                  </a>
                </th>
                <td class="num">{r.added}</td>
                <td class="num">{r.removed}</td>
                <td class="num">{r.other}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
