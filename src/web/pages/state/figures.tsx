/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** A state's headline numbers on the latest list: agreements, agencies, pending, residents and Hispanic residents. */
import { figuresOn } from '../../../read/timeline.ts';
import type { StateInfo } from '../../../reference/us-states.ts';
import { num } from '../../components/format.ts';
import { Section } from '../../components/section.tsx';
import { Stat } from '../../components/stat.tsx';
import type { RenderCtx } from '../../context.ts';
import { formatDate } from '../../i18n.ts';

export function StateFigures({ ctx, st, last }: { ctx: RenderCtx; st: StateInfo; last: number }) {
  const { t, data } = ctx;
  const tl = data.timeline;
  const date = tl.dates[last];
  const f = figuresOn(tl, last, st.usps);
  const hasPop = Object.keys(tl.pop).length > 0;
  const stateCoverage = data.coverage?.states.find((s) => s.state === st.usps);
  return (
    <Section id="figures-title" title={t('stateFigures')}>
      <dl class="stats">
        <Stat term={t('statActive')} value={num(ctx, f.active)} />
        <Stat term={t('statAgencies')} value={num(ctx, f.agencies)} />
        <Stat term={t('statPending')} value={num(ctx, f.pending)} />
        <Stat
          term={t('statResidents')}
          value={hasPop ? num(ctx, stateCoverage?.sheriffCounties.residents ?? f.residents) : '—'}
        />
        <Stat
          term={t('statHispanic')}
          value={hasPop ? num(ctx, stateCoverage?.sheriffCounties.hispanic ?? f.hispanic) : '—'}
        />
      </dl>
      {date ? <AsOf ctx={ctx} date={date} /> : null}
    </Section>
  );
}

/**
 * The date of the latest list. A static state page is kept while its inputs stay the same (page-digest.ts), so it
 * does not print the date: the common script puts the current one in (`freshness.json`, written by every publish).
 */
function AsOf({ ctx, date }: { ctx: RenderCtx; date: string }) {
  if (ctx.mode === 'static')
    return (
      <p class="asof" data-asof="">
        {ctx.t('statAsOfLatest')}
      </p>
    );
  return <p class="asof">{ctx.t('statAsOf', { date: formatDate(ctx.lang, date) })}</p>;
}
