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
  const { t, lang, data } = ctx;
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
      {date ? <p class="asof">{t('statAsOf', { date: formatDate(lang, date) })}</p> : null}
    </Section>
  );
}
