/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** The table alternative to the national map: the agencies it shows on the latest list (the island redraws it). */
import { MODELS } from '../../../read/timeline.ts';
import { ModelBadge, StatusBadge } from '../../components/badges.tsx';
import { TableHead } from '../../components/table-head.tsx';
import { href, type RenderCtx } from '../../context.ts';
import { formatDate, LEVEL_LABEL, label } from '../../i18n.ts';
import { DEFAULT_STATUSES, tableRows } from '../../map-layers.ts';
import { pagePaths } from '../../paths.ts';

export function MapTable({ ctx, last }: { ctx: RenderCtx; last: number }) {
  const { t, lang } = ctx;
  const tl = ctx.data.timeline;
  const rows = tableRows(tl, last, new Set(MODELS), new Set(DEFAULT_STATUSES));
  return (
    <details id="map-table" class="map-table">
      <summary>{t('tableSummary')}</summary>
      <div class="table-wrap">
        <table>
          <caption id="map-table-caption">
            {t('tableCaption', { date: formatDate(lang, tl.dates[last]) })}
          </caption>
          <TableHead
            columns={[
              t('colAgency'),
              t('colState'),
              t('colCounty'),
              t('colLevel'),
              t('colModels'),
              t('colStatus'),
            ]}
          />
          <tbody id="map-table-body">
            {rows.map(({ a, shade }) => (
              <tr key={a[0]}>
                <td>
                  <a href={href(ctx, pagePaths.agency(a[0]))}>{a[1]}</a>
                </td>
                <td>{a[2]}</td>
                <td>{a[4].map((fips) => tl.counties[fips]?.[0] ?? fips).join(', ')}</td>
                <td>{label(LEVEL_LABEL, lang, a[3])}</td>
                <td>
                  {shade.models.map((m) => (
                    <ModelBadge key={m} ctx={ctx} model={m} />
                  ))}
                </td>
                <td>
                  <StatusBadge ctx={ctx} status={shade.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
