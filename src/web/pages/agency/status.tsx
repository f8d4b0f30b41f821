/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** The head of an agency's page: its state, its name, and its status with the dates it was first seen and active. */
import { stateByUsps } from '../../../reference/us-states.ts';
import { StatusBadge } from '../../components/badges.tsx';
import { Fact } from '../../components/fact.tsx';
import { href, type RenderCtx } from '../../context.ts';
import { formatDate, label, STATUS_LABEL } from '../../i18n.ts';
import { pagePaths } from '../../paths.ts';
import type { AgencyDetail } from '../agency.tsx';

export function AgencyStatus({
  ctx,
  d,
  firstActive,
}: {
  ctx: RenderCtx;
  d: AgencyDetail;
  firstActive?: string | null;
}) {
  const { t, lang } = ctx;
  const stateName = stateByUsps(d.state)?.name ?? d.state;
  return (
    <>
      <p class="crumbs">
        <a href={href(ctx, pagePaths.state(d.state))}>{stateName}</a>
      </p>
      <h1>{d.name}</h1>
      <dl class="facts">
        <Fact term={t('agencyStatus')}>
          <StatusBadge ctx={ctx} status={d.status} />{' '}
          {t('agencyFirstSeen', { date: formatDate(lang, d.firstSeen) })}
          {firstActive ? ` · ${label(STATUS_LABEL, lang, 'active')}: ${formatDate(lang, firstActive)}` : ''}
        </Fact>
        <Fact term={t('colState')}>
          <a href={href(ctx, pagePaths.state(d.state))}>{stateName}</a>
        </Fact>
        <Fact term={t('agencyId')}>
          <code>{d.agencyId}</code>
        </Fact>
      </dl>
    </>
  );
}
