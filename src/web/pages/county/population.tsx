/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** The county's residents and Hispanic residents, with the ACS table, its years, and that they cover the whole county. */
import { Defined } from '../../components/defined.tsx';
import { Section } from '../../components/section.tsx';
import type { RenderCtx } from '../../context.ts';
import { formatPercent } from '../../i18n.ts';
import { populationSource } from '../../population-words.ts';
import type { CountyData } from './data.ts';

export function CountyPopulation({ ctx, d }: { ctx: RenderCtx; d: CountyData }) {
  const { t } = ctx;
  const p = d.county.population;
  const source = populationSource(t, ctx.model.acsVintage);
  return (
    <Section id="county-population-title" title={t('countyPopulation')}>
      {p ? (
        <p>
          {t('countyResidents', { n: p.total, place: d.county.label })}{' '}
          <Defined id="county-hispanic" def={`${t('defHispanicCounty')} ${source}`}>
            {t('countyHispanic', {
              n: p.hispanic,
              share: formatPercent(ctx.lang, p.total > 0 ? p.hispanic / p.total : 0),
            })}
          </Defined>
        </p>
      ) : (
        <p>{t('countyNoPopulation')}</p>
      )}
      <p class="note">{source}</p>
    </Section>
  );
}
