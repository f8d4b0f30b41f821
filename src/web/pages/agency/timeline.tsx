/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** An agency's changes, oldest first: each with its date, what happened and the agreement's model. */
import type { AgencyDetailRecord } from '../../../read/records.ts';
import { ModelBadge } from '../../components/badges.tsx';
import { ChangeKind, changeDetail } from '../../components/change-kind.tsx';
import type { RenderCtx } from '../../context.ts';
import { formatDate } from '../../i18n.ts';

export function AgencyTimeline({ ctx, d }: { ctx: RenderCtx; d: AgencyDetailRecord }) {
  const { t, lang } = ctx;
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('agencyTimeline')}</h2>
      {d.events.length === 0 ? (
        <p>{t('agencyNoEvents', { date: formatDate(lang, d.firstSeen) })}</p>
      ) : (
        <ol class="timeline">
          {d.events.map((e) => {
            const detail = changeDetail(e);
            return (
              <li key={e.eventId}>
                <time datetime={e.date}>{formatDate(lang, e.date)}</time>{' '}
                <ChangeKind ctx={ctx} kind={e.kind} list={e.list} />
                {e.model ? (
                  <>
                    {' '}
                    <ModelBadge ctx={ctx} model={e.model} />
                  </>
                ) : null}
                {detail ? <span class="detail"> {detail}</span> : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
