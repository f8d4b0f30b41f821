/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** The downloads: each file with its format and size (or a note when none are built). */
import { type RenderCtx, rootHref } from '../../context.ts';
import { formatNumber } from '../../i18n.ts';

/** A file size in B, KB or MB. */
export function fileSize(lang: 'en' | 'es', n: number): string {
  if (n < 1024) return `${formatNumber(lang, n)} B`;
  if (n < 1024 * 1024) return `${formatNumber(lang, Math.round(n / 102.4) / 10)} KB`;
  return `${formatNumber(lang, Math.round(n / 104857.6) / 10)} MB`;
}

export function DownloadsSection({ ctx }: { ctx: RenderCtx }) {
  const { t, lang } = ctx;
  return (
    <section aria-labelledby="downloads-title">
      <h2 id="downloads-title">{t('dataDownloads')}</h2>
      {ctx.downloads.length === 0 ? (
        <p>{t('dataNoDownloads')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('dataFile')}</th>
                <th scope="col">{t('dataFormat')}</th>
                <th scope="col" class="num">
                  {t('dataSize')}
                </th>
              </tr>
            </thead>
            <tbody>
              {ctx.downloads.map((d) => (
                <tr key={d.path}>
                  <td>
                    <a href={rootHref(ctx, `/${d.path}`)} download>
                      {d.path.replace(/^downloads\//, '')}
                    </a>
                  </td>
                  <td>{d.contentType.split(';')[0]}</td>
                  <td class="num">{fileSize(lang, d.size)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
