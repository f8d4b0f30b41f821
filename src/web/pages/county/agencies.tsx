/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** The county's agencies, sheriff or county jail first: each with its status and one sentence per agreement. */

import { agreementSentence } from '../../agreement-words.ts';
import { StatusBadge } from '../../components/badges.tsx';
import { Section } from '../../components/section.tsx';
import { href, type RenderCtx } from '../../context.ts';
import { LEVEL_LABEL, label } from '../../i18n.ts';
import { pagePaths } from '../../paths.ts';
import type { CountyAgency, CountyData } from './data.ts';

export function AgreementLines({ ctx, a }: { ctx: RenderCtx; a: CountyAgency['detail'] }) {
  const { t, lang } = ctx;
  const order: Record<string, number> = { active: 0, pending: 1, superseded: 2, removed: 3 };
  const list = [...a.agreements].sort(
    (x, y) => (order[x.status] ?? 4) - (order[y.status] ?? 4) || y.firstListed.localeCompare(x.firstListed),
  );
  return (
    <ul class="agreement-lines">
      {list.map((g) => {
        const next = g.supersededBy
          ? a.agreements.find((x) => x.agreementId === g.supersededBy)?.signed
          : null;
        return (
          <li key={g.agreementId} data-status={g.status}>
            {agreementSentence(t, lang, g, ctx.model.recordsBegin, next)}
          </li>
        );
      })}
    </ul>
  );
}

export function CountyAgencies({ ctx, d }: { ctx: RenderCtx; d: CountyData }) {
  const { t, lang } = ctx;
  return (
    <Section id="county-agencies-title" title={t('countyAgencies')}>
      {d.agencies.length === 0 ? (
        <p>{t('countyNoAgencies', { place: d.county.label })}</p>
      ) : (
        d.agencies.map((a) => (
          <article key={a.detail.agencyId} class="county-agency" aria-labelledby={`ca-${a.detail.agencyId}`}>
            <h3 id={`ca-${a.detail.agencyId}`}>
              <a href={href(ctx, pagePaths.agency(a.detail.agencyId))}>{a.detail.name}</a>{' '}
              <StatusBadge ctx={ctx} status={a.detail.status} />
            </h3>
            <p class="note">{label(LEVEL_LABEL, lang, a.level)}</p>
            <AgreementLines ctx={ctx} a={a.detail} />
          </article>
        ))
      )}
    </Section>
  );
}
