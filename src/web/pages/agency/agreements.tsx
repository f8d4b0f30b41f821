/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * Each agreement of an agency: model and status, signed date as published and as corrected with its rule, days
 * from the pending list to signing, MOA and addendum links, what it supersedes, its listing intervals and the
 * history of its signed date.
 */
import { ModelBadge, StatusBadge } from '../../components/badges.tsx';
import { Fact } from '../../components/fact.tsx';
import type { RenderCtx } from '../../context.ts';
import { formatDate, label, MODEL_LABEL, STATUS_LABEL } from '../../i18n.ts';
import type { AgencyDetail } from '../agency.tsx';
import { ArchivedLinks } from '../document/archived-links.tsx';
import { Listings } from './listings.tsx';
import { SignedHistory } from './signed-history.tsx';

export type Agreement = AgencyDetail['agreements'][number];

export function AgreementsSection({ ctx, agreements }: { ctx: RenderCtx; agreements: Agreement[] }) {
  return (
    <section aria-labelledby="agreements-title">
      <h2 id="agreements-title">{ctx.t('agencyAgreements')}</h2>
      {agreements.map((a) => (
        <AgreementArticle key={a.agreementId} ctx={ctx} a={a} />
      ))}
    </section>
  );
}

function AgreementArticle({ ctx, a }: { ctx: RenderCtx; a: Agreement }) {
  const { t, lang } = ctx;
  return (
    <article class="agreement" aria-labelledby={`agr-${a.agreementId}`}>
      <h3 id={`agr-${a.agreementId}`}>
        <ModelBadge ctx={ctx} model={a.model} /> {label(MODEL_LABEL, lang, a.model)}{' '}
        <StatusBadge ctx={ctx} status={a.status} />
      </h3>
      <AgreementFacts ctx={ctx} a={a} />
      <h4>{t('agencyListings')}</h4>
      <Listings ctx={ctx} intervals={a.intervals} />
      <SignedHistory ctx={ctx} history={a.signedHistory} />
    </article>
  );
}

function AgreementFacts({ ctx, a }: { ctx: RenderCtx; a: Agreement }) {
  const { t, lang } = ctx;
  return (
    <dl class="facts">
      <Fact term={t('agencySignedPublished')}>
        {a.signedPublished ? formatDate(lang, a.signedPublished) : '—'}
      </Fact>
      <Fact term={t('agencySigned')}>
        {a.signed ? formatDate(lang, a.signed) : '—'}
        {a.signedRule ? <span class="rule"> · {t('agencySignedRule', { rule: a.signedRule })}</span> : null}
      </Fact>
      {a.daysPendingToSigned !== null && a.daysPendingToSigned !== undefined ? (
        <Fact term={label(STATUS_LABEL, lang, 'pending')}>
          {t('agencyDaysToSign', { n: a.daysPendingToSigned })}
        </Fact>
      ) : null}
      <Fact term="MOA">
        <MoaLinks ctx={ctx} a={a} />
      </Fact>
      {a.supersedes ? (
        <Fact term={label(STATUS_LABEL, lang, 'superseded')}>
          {t('agencySupersedes', { id: a.supersedes })}
        </Fact>
      ) : null}
      {a.supersededBy ? (
        <Fact term={label(STATUS_LABEL, lang, 'superseded')}>
          {t('agencySupersededBy', { id: a.supersededBy })}
        </Fact>
      ) : null}
      <Fact term="ID">
        <code>{a.agreementId}</code>
      </Fact>
    </dl>
  );
}

function MoaLinks({ ctx, a }: { ctx: RenderCtx; a: Agreement }) {
  const { t } = ctx;
  return (
    <>
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
      <ArchivedLinks ctx={ctx} docs={'documents' in a ? a.documents : undefined} />
    </>
  );
}
