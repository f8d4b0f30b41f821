/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** An agency's timeline: each event with its date, kind, the agreement's model, its details and its publication. */
import { ModelBadge } from '../../components/badges.tsx';
import { ChangeKind, changeDetail } from '../../components/change-kind.tsx';
import type { RenderCtx } from '../../context.ts';
import { formatDate } from '../../i18n.ts';
import type { AgencyDetail } from '../agency.tsx';
import { PubRef } from './pub-ref.tsx';

type AgencyEvent = AgencyDetail['events'][number];

export function TimelineSection({ ctx, d }: { ctx: RenderCtx; d: AgencyDetail }) {
  const { t, lang } = ctx;
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('agencyTimeline')}</h2>
      {d.events.length === 0 ? <p>{t('agencyNoEvents', { date: formatDate(lang, d.firstSeen) })}</p> : null}
      {d.events.length > 0 ? (
        <ol class="timeline">
          {d.events.map((e) => (
            <EventLine key={e.eventId} ctx={ctx} d={d} e={e} />
          ))}
        </ol>
      ) : null}
    </section>
  );
}

function EventLine({ ctx, d, e }: { ctx: RenderCtx; d: AgencyDetail; e: AgencyEvent }) {
  const detail = changeDetail({ kind: e.kind, details: e.details as Record<string, unknown> });
  const agreement = d.agreements.find((a) => a.agreementId === e.agreementId);
  return (
    <li>
      <time datetime={e.date}>{formatDate(ctx.lang, e.date)}</time>{' '}
      <ChangeKind ctx={ctx} kind={e.kind} list={e.list} />
      {agreement ? (
        <>
          {' '}
          <ModelBadge ctx={ctx} model={agreement.model} />
        </>
      ) : null}
      {detail ? <span class="detail"> {detail}</span> : null} — <PubRef ctx={ctx} id={e.publication} />
    </li>
  );
}
