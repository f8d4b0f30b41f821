/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** The ZIP codes of a county, from the Census ZCTA to county relationship file (those shared with another county marked). */
import type { RenderCtx } from '../../context.ts';
import { formatPercent } from '../../i18n.ts';
import type { CountyData } from './data.ts';

export function CountyZips({ ctx, d }: { ctx: RenderCtx; d: CountyData }) {
  const { t } = ctx;
  if (d.zips.length === 0) return null;
  return (
    <details class="zips">
      <summary>{t('countyZips', { n: d.zips.length })}</summary>
      <p class="note">{t('countyZipsNote')}</p>
      <ul class="zip-list">
        {d.zips.map((z) => (
          <li key={z.zip}>
            {z.zip}
            {z.share < 0.995 ? ` (${t('countyZipShare', { share: formatPercent(ctx.lang, z.share) })})` : ''}
          </li>
        ))}
      </ul>
    </details>
  );
}
