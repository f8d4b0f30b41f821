/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** "Is your county in it?": a box for a county, city or ZIP code that opens the search with it. */
import { href, type RenderCtx } from '../../context.ts';
import { pagePaths } from '../../paths.ts';

export function FindCounty({ ctx }: { ctx: RenderCtx }) {
  const { t } = ctx;
  return (
    <search class="find-county">
      <form method="get" action={href(ctx, pagePaths.search)}>
        <h2 id="find-title">
          <label for="find-q">{t('findCountyTitle')}</label>
        </h2>
        <p id="find-help">{t('findCountyText')}</p>
        <div class="search-box">
          <input type="search" id="find-q" name="q" autocomplete="postal-code" aria-describedby="find-help" />
          <button type="submit" class="button">
            {t('searchButton')}
          </button>
        </div>
      </form>
    </search>
  );
}
