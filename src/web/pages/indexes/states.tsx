/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** `/state/`: every state and territory, by name, with its agreements, agencies and pending agreements on the latest list. */
import { figuresOn } from '../../../read/timeline.ts';
import { allStates } from '../../../reference/us-states.ts';
import { DataTable } from '../../components/data-table.tsx';
import { num } from '../../components/format.ts';
import { href, type PageResult, type RenderCtx } from '../../context.ts';
import { formatDate } from '../../i18n.ts';
import { pagePaths } from '../../paths.ts';

export function stateIndexPage(ctx: RenderCtx): PageResult {
  const { t, lang, data } = ctx;
  const tl = data.timeline;
  const last = Math.max(0, tl.dates.length - 1);
  const states = allStates().sort((a, b) => a.name.localeCompare(b.name, lang));
  const main = (
    <>
      <h1>{t('stateIndexTitle')}</h1>
      <p class="lede">
        {t('stateIndexIntro')}{' '}
        {tl.dates[last] ? t('statAsOf', { date: formatDate(lang, tl.dates[last]) }) : ''}
      </p>
      <DataTable
        ctx={ctx}
        id="states"
        file="states-shown"
        columns={[
          { label: t('colState') },
          { label: t('statActive'), kind: 'number', num: true },
          { label: t('statAgencies'), kind: 'number', num: true },
          { label: t('statPending'), kind: 'number', num: true },
        ]}
        rows={states.map((s) => {
          const f = figuresOn(tl, last, s.usps);
          return {
            key: s.usps,
            cells: [
              { content: <a href={href(ctx, pagePaths.state(s.usps))}>{s.name}</a>, head: true },
              { content: num(ctx, f.active), value: f.active },
              { content: num(ctx, f.agencies), value: f.agencies },
              { content: num(ctx, f.pending), value: f.pending },
            ],
          };
        })}
      />
    </>
  );
  return { title: t('stateIndexTitle'), main };
}
