/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * `/county/`: every county and county equivalent, with whether its sheriff or county jail, another agency in it,
 * or nobody holds an agreement on the latest list (or one is pending, or one was held before).
 */
import { agenciesShown, MODELS, STATUSES } from '../../../read/timeline.ts';
import { stateByUsps } from '../../../reference/us-states.ts';
import { DataTable } from '../../components/data-table.tsx';
import { href, type PageResult, type RenderCtx } from '../../context.ts';
import type { MessageKey } from '../../i18n.ts';
import { pagePaths } from '../../paths.ts';

/** Each county's status on the latest list, from its agencies' best status. */
export function countyStatuses(ctx: RenderCtx): Map<string, MessageKey> {
  const tl = ctx.data.timeline;
  const shown = agenciesShown(tl, Math.max(0, tl.dates.length - 1), new Set(MODELS), new Set(STATUSES));
  const out = new Map<string, MessageKey>();
  const rank: MessageKey[] = [
    'countyStatusSheriff',
    'countyStatusOthers',
    'countyStatusPending',
    'countyStatusFormer',
  ];
  for (const [i, s] of shown) {
    const a = tl.agencies[i];
    if (!a) continue;
    const key: MessageKey =
      s.status === 'active'
        ? a[3] === 'sheriff'
          ? 'countyStatusSheriff'
          : 'countyStatusOthers'
        : s.status === 'pending'
          ? 'countyStatusPending'
          : 'countyStatusFormer';
    for (const f of a[4]) {
      const cur = out.get(f);
      if (!cur || rank.indexOf(key) < rank.indexOf(cur)) out.set(f, key);
    }
  }
  return out;
}

export function countyIndexPage(ctx: RenderCtx): PageResult {
  const { t, lang } = ctx;
  const status = countyStatuses(ctx);
  const counties = [...ctx.model.view.counties.values()].sort(
    (a, b) =>
      (stateByUsps(a.state)?.name ?? a.state).localeCompare(stateByUsps(b.state)?.name ?? b.state, lang) ||
      a.label.localeCompare(b.label, lang),
  );
  const main = (
    <>
      <h1>{t('countyIndexTitle')}</h1>
      <p class="lede">{t('countyIndexIntro')}</p>
      <DataTable
        ctx={ctx}
        id="counties"
        file="counties-shown"
        columns={[{ label: t('colCounty') }, { label: t('colState') }, { label: t('colAgreement') }]}
        rows={counties.map((c) => ({
          key: c.fips,
          cells: [
            { content: <a href={href(ctx, pagePaths.county(c.fips))}>{c.label}</a>, head: true },
            { content: stateByUsps(c.state)?.name ?? c.state },
            { content: t(status.get(c.fips) ?? 'countyStatusNone') },
          ],
        }))}
      />
    </>
  );
  return { title: t('countyIndexTitle'), main };
}
