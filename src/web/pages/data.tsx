/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** Downloads, the API (endpoints listed from its own OpenAPI document) and the feeds. The sections are in data/. */
import { atomHref, type PageResult, type RenderCtx } from '../context.ts';
import { ApiSection } from './data/api-section.tsx';
import { DownloadsSection } from './data/downloads-table.tsx';

export interface ApiEndpoint {
  path: string;
  summary: string;
}

export function dataPage(ctx: RenderCtx, endpoints: ApiEndpoint[]): PageResult {
  const { t } = ctx;
  const main = (
    <>
      <h1>{t('dataTitle')}</h1>
      <p class="lede">{t('dataIntro')}</p>
      <DownloadsSection ctx={ctx} />
      <ApiSection ctx={ctx} endpoints={endpoints} />
      <section aria-labelledby="feeds-title">
        <h2 id="feeds-title">{t('dataFeeds')}</h2>
        <p>{t('dataFeedsText')}</p>
        <ul>
          <li>
            <a href={atomHref(ctx, '/feeds/events.atom')}>{t('footerFeeds')}</a>
          </li>
        </ul>
      </section>
    </>
  );
  return { title: t('dataTitle'), main };
}
