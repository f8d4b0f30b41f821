/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** Downloads, the API (endpoints listed from its own OpenAPI document) and the feeds. */
import { type PageResult, type RenderCtx, rootHref } from '../context.ts';
import { formatNumber } from '../i18n.ts';

export interface ApiEndpoint {
  path: string;
  summary: string;
}

function size(lang: 'en' | 'es', n: number): string {
  if (n < 1024) return `${formatNumber(lang, n)} B`;
  if (n < 1024 * 1024) return `${formatNumber(lang, Math.round(n / 102.4) / 10)} KB`;
  return `${formatNumber(lang, Math.round(n / 104857.6) / 10)} MB`;
}

export function dataPage(ctx: RenderCtx, endpoints: ApiEndpoint[]): PageResult {
  const { t, lang } = ctx;
  const main = (
    <>
      <h1>{t('dataTitle')}</h1>
      <p class="lede">{t('dataIntro')}</p>
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
                    <td class="num">{size(lang, d.size)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="api-title">
        <h2 id="api-title">{t('dataApi')}</h2>
        <p>{t('dataApiText', { base: '/api/v1' })}</p>
        <p>
          <a href={rootHref(ctx, '/api/v1/openapi.json')}>{t('dataOpenapi')}</a>
        </p>
        {endpoints.length > 0 ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('dataEndpoint')}</th>
                  <th scope="col">{t('dataDescription')}</th>
                </tr>
              </thead>
              <tbody>
                {endpoints.map((e) => (
                  <tr key={e.path}>
                    <td>
                      <code>/api/v1{e.path}</code>
                    </td>
                    <td>{e.summary}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      <section aria-labelledby="feeds-title">
        <h2 id="feeds-title">{t('dataFeeds')}</h2>
        <p>{t('dataFeedsText')}</p>
        <ul>
          <li>
            <a href={rootHref(ctx, '/feeds/events.atom')}>{t('footerFeeds')}</a>
          </li>
        </ul>
      </section>
    </>
  );
  return { title: t('dataTitle'), main };
}
