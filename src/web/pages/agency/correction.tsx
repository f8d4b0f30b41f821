/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * How to report a correction on an agency: a link to the operator's form or address (REASSESS_CORRECTIONS), or the
 * report to copy when there is none; and the agency's Atom feed.
 */
import { type RenderCtx, rootHref } from '../../context.ts';

export function correctionLink(target: string, subject: string, body: string): string {
  if (target.startsWith('mailto:'))
    return `${target}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
  return `${target.replace(/\/$/, '')}/issues/new?title=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}

export function CorrectionSection(props: {
  ctx: RenderCtx;
  name: string;
  state: string;
  agencyId: string;
  pageUrl: string;
}) {
  const { ctx, agencyId } = props;
  const { t } = ctx;
  const subject = `Correction: ${props.name} (${props.state}) ${agencyId}`;
  const body = `Page: ${props.pageUrl}\n\nWhat is wrong:\n\nEvidence (link):\n`;
  return (
    <section aria-labelledby="correction-title" class="correction">
      <h2 id="correction-title">{t('agencyCorrection')}</h2>
      <p>{t('agencyCorrectionText')}</p>
      {ctx.corrections ? (
        <p>
          <a class="button" href={correctionLink(ctx.corrections, subject, body)} rel="noopener noreferrer">
            {t('agencyCorrection')}
          </a>
        </p>
      ) : (
        <details>
          <summary>{t('agencyCorrectionCopy')}</summary>
          <pre class="correction-text">{`${subject}\n\n${body}`}</pre>
        </details>
      )}
      <p>
        <a href={rootHref(ctx, `/feeds/agency/${agencyId}.atom`)}>Atom</a>
      </p>
    </section>
  );
}
