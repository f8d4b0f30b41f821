/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** `/agency/`: every agency ICE has listed, with its state, level, counties, status and models (sortable, filterable). */

import { stateByUsps } from '../../../reference/us-states.ts';
import { ModelBadge, StatusBadge } from '../../components/badges.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { href, type PageResult, type RenderCtx } from '../../context.ts';
import { LEVEL_LABEL, label, STATUS_LABEL } from '../../i18n.ts';
import { pagePaths } from '../../paths.ts';

export function agencyIndexPage(ctx: RenderCtx): PageResult {
  const { t, lang, data } = ctx;
  const summaries = ctx.model.view.agencies;
  const main = (
    <>
      <h1>{t('agencyIndexTitle')}</h1>
      <p class="lede">{t('agencyIndexIntro', { n: summaries.length })}</p>
      <DataTable
        ctx={ctx}
        id="agencies"
        file="agencies-shown"
        columns={[
          { label: t('colAgency') },
          { label: t('colState') },
          { label: t('colLevel') },
          { label: t('colCounty') },
          { label: t('colStatus') },
          { label: t('colModels') },
        ]}
        rows={summaries.map((a) => ({
          key: a.agencyId,
          cells: [
            { content: <a href={href(ctx, pagePaths.agency(a.agencyId))}>{a.name}</a>, head: true },
            { content: stateByUsps(a.state)?.name ?? a.state },
            { content: label(LEVEL_LABEL, lang, data.agencyById.get(a.agencyId)?.level ?? a.level ?? '') },
            {
              content: a.countyFips.map((f, i) => (
                <span key={f}>
                  {i > 0 ? ', ' : ''}
                  <a href={href(ctx, pagePaths.county(f))}>{ctx.model.view.counties.get(f)?.label ?? f}</a>
                </span>
              )),
            },
            {
              content: <StatusBadge ctx={ctx} status={a.status} />,
              value: label(STATUS_LABEL, lang, a.status),
            },
            { content: a.models.map((m) => <ModelBadge key={m} ctx={ctx} model={m} />) },
          ],
        }))}
      />
    </>
  );
  return { title: t('agencyIndexTitle'), main };
}
