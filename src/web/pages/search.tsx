/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * Search: one box. With JavaScript the `search` island answers as you type (a combobox with a listbox, from the
 * search index JSON, so it also works on a static host); without it the form submits `?q=` and the server
 * answers with the same index.
 */
import { href, type PageResult, type RenderCtx } from '../context.ts';
import { hitPath, hitSummary, hitType } from '../search-view.ts';

export const SEARCH_LIMIT = 12;

export function searchPage(ctx: RenderCtx): PageResult {
  const { t, lang } = ctx;
  const q = ctx.mode === 'server' ? (ctx.query.get('q') ?? '').slice(0, 200) : '';
  const hits = q && ctx.search ? ctx.search.search(q, { limit: SEARCH_LIMIT }) : [];
  const main = (
    <>
      <h1>{t('searchTitle')}</h1>
      <p class="lede" id="search-help">
        {t('searchIntro')}
      </p>
      <search>
        <form class="search-form" method="get" action={href(ctx, '/search/')}>
          <label for="q">{t('searchLabel')}</label>
          <div class="search-box">
            <input
              type="search"
              id="q"
              name="q"
              value={q}
              autocomplete="off"
              spellcheck={false}
              aria-describedby="search-help"
            />
            <button type="submit" class="button">
              {t('searchButton')}
            </button>
          </div>
        </form>
      </search>
      <p id="search-status" class="search-status" aria-live="polite">
        {q ? (hits.length ? t('searchResults', { n: hits.length, q }) : t('searchNoResults', { q })) : ''}
      </p>
      <ul id="search-results" class="search-results">
        {hits.map((h) => (
          <li key={`${h.type}${h.id}`} class={`hit hit-${h.type}`}>
            <a href={href(ctx, hitPath(h))}>{h.label}</a> <span class="hit-type">{hitType(lang, h)}</span>
            <span class="hit-summary">{hitSummary(lang, h)}</span>
          </li>
        ))}
      </ul>
    </>
  );
  return {
    title: t('searchTitle'),
    main,
    island: 'search',
    json: {
      'search-config': {
        index: ctx.assets.searchIndex,
        limit: SEARCH_LIMIT,
        messages: {
          results: t('searchResults'),
          none: t('searchNoResults'),
        },
      },
    },
  };
}
