/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** The home page's headline numbers on the latest list (the home island updates them for the chosen date). */
import { figuresOn } from '../../../read/timeline.ts';
import { num } from '../../components/format.ts';
import { Stat } from '../../components/stat.tsx';
import type { RenderCtx } from '../../context.ts';
import { formatDate } from '../../i18n.ts';

export function Headline({ ctx, last }: { ctx: RenderCtx; last: number }) {
  const { t, lang, data } = ctx;
  const tl = data.timeline;
  const f = figuresOn(tl, last);
  const hasPop = Object.keys(tl.pop).length > 0;
  return (
    <section aria-labelledby="headline-title" class="headline">
      <h2 id="headline-title" class="visually-hidden">
        {t('headline')}
      </h2>
      <dl class="stats">
        <Stat name="active" value={num(ctx, f.active)} term={t('statActive')} />
        <Stat name="agencies" value={num(ctx, f.agencies)} term={t('statAgencies')} />
        <Stat name="states" value={num(ctx, f.states)} term={t('statStates')} />
        <Stat name="pending" value={num(ctx, f.pending)} term={t('statPending')} />
        <Stat name="residents" value={hasPop ? num(ctx, f.residents) : '—'} term={t('statResidents')} />
        <Stat name="hispanic" value={hasPop ? num(ctx, f.hispanic) : '—'} term={t('statHispanic')} />
      </dl>
      <p class="asof" data-stat="asof">
        {f.date ? t('statAsOf', { date: formatDate(lang, f.date) }) : ''}
      </p>
      {hasPop ? null : <p class="note">{t('statNoPopulation')}</p>}
    </section>
  );
}
