/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** A state's agencies: name, level, counties, the models of their agreements and their status. */
import type { AgencyView } from '../../../read/site-data.ts';
import type { CountyShade } from '../../../read/timeline.ts';
import { ModelBadge, StatusBadge } from '../../components/badges.tsx';
import { Section } from '../../components/section.tsx';
import { TableHead } from '../../components/table-head.tsx';
import { href, type RenderCtx } from '../../context.ts';
import { LEVEL_LABEL, label } from '../../i18n.ts';
import { pagePaths } from '../../paths.ts';

/** An agency's shade on the latest list, by agency ID (undefined when it was never listed). */
export type ListedShade = (agencyId: string) => CountyShade | undefined;

export function StateAgencies(props: { ctx: RenderCtx; agencies: AgencyView[]; listed: ListedShade }) {
  const { ctx, listed } = props;
  const { t, lang, data } = ctx;
  return (
    <Section id="agencies-title" title={t('stateAgencies')}>
      <div class="table-wrap">
        <table>
          <TableHead
            columns={[t('colAgency'), t('colLevel'), t('colCounty'), t('colModels'), t('colStatus')]}
          />
          <tbody>
            {props.agencies.map((a) => (
              <tr key={a.agencyId}>
                <td>
                  <a href={href(ctx, pagePaths.agency(a.agencyId))}>{a.name}</a>
                </td>
                <td>{label(LEVEL_LABEL, lang, a.level)}</td>
                <td>{a.countyFips.map((fips) => data.counties.get(fips)?.name ?? fips).join(', ')}</td>
                <td>
                  {(listed(a.agencyId)?.models ?? []).map((m) => (
                    <ModelBadge key={m} ctx={ctx} model={m} />
                  ))}
                </td>
                <td>
                  <StatusBadge ctx={ctx} status={a.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
