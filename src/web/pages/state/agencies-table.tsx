/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** A state's agencies: name, level, counties, the models of their agreements and their status (sortable, filterable, downloadable as shown). */
import type { AgencyView } from '../../../read/site-data.ts';
import type { CountyShade } from '../../../read/timeline.ts';
import { ModelBadge, StatusBadge } from '../../components/badges.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { Section } from '../../components/section.tsx';
import { href, type RenderCtx } from '../../context.ts';
import { LEVEL_LABEL, label } from '../../i18n.ts';
import { pagePaths } from '../../paths.ts';

/** An agency's shade on the latest list, by agency ID (undefined when it was never listed). */
export type ListedShade = (agencyId: string) => CountyShade | undefined;

export function StateAgencies(props: {
  ctx: RenderCtx;
  state: string;
  agencies: AgencyView[];
  listed: ListedShade;
}) {
  const { ctx, listed } = props;
  const { t, lang, data } = ctx;
  return (
    <Section id="agencies-title" title={t('stateAgencies')}>
      <DataTable
        ctx={ctx}
        id="state-agencies"
        file={`agencies-${props.state}`}
        columns={[
          { label: t('colAgency') },
          { label: t('colLevel') },
          { label: t('colCounty') },
          { label: t('colModels') },
          { label: t('colStatus') },
        ]}
        rows={props.agencies.map((a) => ({
          key: a.agencyId,
          cells: [
            { content: <a href={href(ctx, pagePaths.agency(a.agencyId))}>{a.name}</a> },
            { content: label(LEVEL_LABEL, lang, a.level) },
            { content: a.countyFips.map((fips) => data.counties.get(fips)?.name ?? fips).join(', ') },
            {
              content: (listed(a.agencyId)?.models ?? []).map((m) => (
                <ModelBadge key={m} ctx={ctx} model={m} />
              )),
            },
            {
              content: (
                <>
                  <StatusBadge ctx={ctx} status={a.status} />
                  {a.notOnLatestList ? <span class="note"> {t('statusNotOnLatest')}</span> : null}
                </>
              ),
            },
          ],
        }))}
      />
    </Section>
  );
}
