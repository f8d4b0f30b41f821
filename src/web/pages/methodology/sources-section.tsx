/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** Where the data comes from: the count and span of ICE's lists, and each reference source with its vintage. */
import type { RenderCtx } from '../../context.ts';
import { formatDate } from '../../i18n.ts';

export function SourcesSection({ ctx }: { ctx: RenderCtx }) {
  const { t, lang, data } = ctx;
  const snaps = data.snapshots;
  const dates = snaps.map((s) => s.date).sort();
  const sources = data.coverage?.sources ?? [];
  return (
    <section aria-labelledby="sources-title">
      <h2 id="sources-title">{t('methSources')}</h2>
      <p>{t('footerSources')}</p>
      <p>
        {t('methPubCount', {
          n: snaps.length,
          participating: snaps.filter((s) => s.kind === 'participating').length,
          pending: snaps.filter((s) => s.kind === 'pending').length,
          from: formatDate(lang, dates[0]),
          to: formatDate(lang, dates[dates.length - 1]),
        })}
      </p>
      {sources.length > 0 ? (
        <ul>
          {sources.map((s) => (
            <li key={`${s.kind}${s.vintage}`}>
              <strong>{s.kind}</strong> — {s.vintage}
              {s.file ? ` (${s.file.split('/').pop()})` : ''}
              {s.sha256 ? (
                <>
                  {' '}
                  <code>{s.sha256.slice(0, 12)}</code>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
