/** @jsxRuntime automatic */
/** @jsxImportSource preact */
import { href, type PageResult, type RenderCtx } from '../context.ts';

export function notFoundPage(ctx: RenderCtx, message?: string): PageResult {
  const { t } = ctx;
  return {
    title: t('notFoundTitle'),
    status: 404,
    translated: false,
    main: (
      <>
        <h1>{t('notFoundTitle')}</h1>
        <p>{message ?? t('notFoundText')}</p>
        <p>
          <a href={href(ctx, '/')}>{t('backHome')}</a>
        </p>
      </>
    ),
  };
}
