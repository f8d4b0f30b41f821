/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** Each agreement of an agency: its model and status, its sentence, its MOA and addendum, what it replaced. */
import type { AgencyDetailRecord, AgreementRecord } from '../../../read/records.ts';
import { agreementSentence } from '../../agreement-words.ts';
import { ModelBadge, StatusBadge } from '../../components/badges.tsx';
import type { RenderCtx } from '../../context.ts';
import { label, MODEL_LABEL } from '../../i18n.ts';
import { ArchivedLinks } from '../document/archived-links.tsx';

const ORDER: Record<string, number> = { active: 0, pending: 1, superseded: 2, removed: 3 };

function Moa({ ctx, a }: { ctx: RenderCtx; a: AgreementRecord }) {
  const { t } = ctx;
  return (
    <p class="moa">
      {a.moaUrl ? (
        <a href={a.moaUrl} rel="noopener noreferrer">
          {t('agencyMoa')}
        </a>
      ) : (
        t('agencyNoMoa')
      )}
      {a.addendumUrl ? (
        <>
          {' · '}
          <a href={a.addendumUrl} rel="noopener noreferrer">
            {t('agencyAddendum')}
          </a>
        </>
      ) : null}
      <ArchivedLinks ctx={ctx} docs={a.documents} />
    </p>
  );
}

export function AgencyAgreements({ ctx, d }: { ctx: RenderCtx; d: AgencyDetailRecord }) {
  const { t, lang } = ctx;
  const list = [...d.agreements].sort(
    (x, y) => (ORDER[x.status] ?? 4) - (ORDER[y.status] ?? 4) || y.firstListed.localeCompare(x.firstListed),
  );
  return (
    <section aria-labelledby="agreements-title">
      <h2 id="agreements-title">{t('agencyAgreements')}</h2>
      {list.map((a) => {
        const next = a.supersededBy
          ? d.agreements.find((x) => x.agreementId === a.supersededBy)?.signed
          : null;
        return (
          <article
            key={a.agreementId}
            class="agreement"
            aria-labelledby={`agr-${a.agreementId}`}
            data-status={a.status}
          >
            <h3 id={`agr-${a.agreementId}`}>
              <ModelBadge ctx={ctx} model={a.model} /> {label(MODEL_LABEL, lang, a.model)}{' '}
              <StatusBadge ctx={ctx} status={a.status} />
            </h3>
            <p class="sentence">{agreementSentence(t, lang, a, ctx.model.recordsBegin, next)}</p>
            {a.daysPendingToSigned !== null && a.daysPendingToSigned >= 0 ? (
              <p>{t('agencyDaysToSign', { n: a.daysPendingToSigned })}</p>
            ) : null}
            <Moa ctx={ctx} a={a} />
          </article>
        );
      })}
    </section>
  );
}
