/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** The API: its base, a link to its OpenAPI document and its endpoints (listed from that document). */
import { TableHead } from '../../components/table-head.tsx';
import { type RenderCtx, rootHref } from '../../context.ts';
import type { ApiEndpoint } from '../data.tsx';

export function ApiSection({ ctx, endpoints }: { ctx: RenderCtx; endpoints: ApiEndpoint[] }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="api-title">
      <h2 id="api-title">{t('dataApi')}</h2>
      <p>{t('dataApiText', { base: '/api/v1' })}</p>
      <p>
        <a href={rootHref(ctx, '/api/v1/openapi.json')}>{t('dataOpenapi')}</a>
      </p>
      {endpoints.length > 0 ? (
        <div class="table-wrap">
          <table>
            <TableHead columns={[t('dataEndpoint'), t('dataDescription')]} />
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
  );
}
