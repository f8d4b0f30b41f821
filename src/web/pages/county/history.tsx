/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** The county's history: every change to the agreements of its agencies, newest first, on a timeline. */
import { ModelBadge } from '../../components/badges.tsx';
import { ChangeKind } from '../../components/change-kind.tsx';
import { Section } from '../../components/section.tsx';
import { href, type RenderCtx } from '../../context.ts';
import { formatDate } from '../../i18n.ts';
import { pagePaths } from '../../paths.ts';
import type { CountyData } from './data.ts';

export function CountyHistory({ ctx, d }: { ctx: RenderCtx; d: CountyData }) {
  const { t, lang } = ctx;
  const events = d.agencies
    .flatMap((a) => a.detail.events.map((e) => ({ e, a: a.detail })))
    .sort((x, y) => y.e.date.localeCompare(x.e.date) || x.a.name.localeCompare(y.a.name));
  return (
    <Section id="county-history-title" title={t('countyHistory')}>
      {events.length === 0 ? (
        <p>{t('countyNoHistory')}</p>
      ) : (
        <ol class="timeline">
          {events.map(({ e, a }) => (
            <li key={e.eventId}>
              <time datetime={e.date}>{formatDate(lang, e.date)}</time>{' '}
              <ChangeKind ctx={ctx} kind={e.kind} list={e.list} />{' '}
              {e.model ? <ModelBadge ctx={ctx} model={e.model} /> : null}{' '}
              <a href={href(ctx, pagePaths.agency(a.agencyId))}>{a.name}</a>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
