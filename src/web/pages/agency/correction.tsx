/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * How to report a correction on an agency. On the server, "Report a correction" opens the page's tip form with the
 * kind "correction" chosen (`?tip=correction#tip`; the agency is the form's own): corrections join the tip queue.
 * An operator's address (REASSESS_CORRECTIONS: a GitHub repository or a `mailto:` address), when set, is offered
 * beside it. The static export has no server to receive a tip: it links the operator's address, or shows the report
 * to copy when there is none. And the agency's Atom feed.
 */
import { atomHref, href, type RenderCtx } from '../../context.ts';
import { pagePaths } from '../../paths.ts';

/** The query value that opens an agency page's tip form on the kind "correction". */
export const CORRECTION_TIP = 'correction';

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
      {ctx.mode === 'server' ? (
        <p>
          <a class="button" href={`${href(ctx, pagePaths.agency(agencyId))}?tip=${CORRECTION_TIP}#tip`}>
            {t('agencyCorrection')}
          </a>
          {ctx.corrections ? (
            <>
              {' '}
              <a href={correctionLink(ctx.corrections, subject, body)} rel="noopener noreferrer">
                {t('agencyCorrectionElsewhere')}
              </a>
            </>
          ) : null}
        </p>
      ) : ctx.corrections ? (
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
        <a href={atomHref(ctx, `/feeds/agency/${agencyId}.atom`)}>Atom</a>
      </p>
    </section>
  );
}
