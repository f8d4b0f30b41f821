/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * Search: one box for an agency, a county, a state or a ZIP code. With JavaScript the `search` island answers as
 * you type (a combobox with a listbox, from the search index and, for a ZIP code, the ZIP file, so it also works
 * on a static host), and can find the county of the reader's location when asked; without it the form submits
 * `?q=` and the server answers from the same data.
 */
import { href, type PageResult, type RenderCtx } from '../context.ts';
import { hitPath, hitSummary, hitType } from '../search-view.ts';
import { type ZipParts, zipHits, zipOf, zipShareText, zipStatus } from '../zip-view.ts';

export const SEARCH_LIMIT = 12;

/** The results of a query on the server: a ZIP code's counties, or the search index's hits. */
function results(ctx: RenderCtx, q: string) {
  const { t, lang } = ctx;
  const zip = zipOf(q);
  if (zip) {
    const parts: ZipParts = (ctx.model.places.zips.get(zip) ?? []).map((p) => [
      p.fips,
      p.name,
      Math.round(p.share * 100),
    ]);
    const hits = zipHits(parts);
    return {
      status: zipStatus(lang, zip, hits),
      items: hits.map((h) => ({
        key: h.fips,
        cls: 'hit hit-county',
        path: h.path,
        label: h.label,
        type: t('typeCounty'),
        summary: zipShareText(lang, h, hits.length),
      })),
    };
  }
  const hits = ctx.search ? ctx.search.search(q, { limit: SEARCH_LIMIT }) : [];
  return {
    status: hits.length ? t('searchResults', { n: hits.length, q }) : t('searchNoResults', { q }),
    items: hits.map((h) => ({
      key: `${h.type}${h.id}`,
      cls: `hit hit-${h.type}`,
      path: hitPath(h),
      label: h.label,
      type: hitType(lang, h),
      summary: hitSummary(lang, h),
    })),
  };
}

export function searchPage(ctx: RenderCtx): PageResult {
  const { t } = ctx;
  const q = ctx.mode === 'server' ? (ctx.query.get('q') ?? '').slice(0, 200) : '';
  const r = q ? results(ctx, q) : { status: '', items: [] };
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
      <p class="locate" id="locate-box" hidden>
        <button type="button" class="button" id="locate">
          {t('locateButton')}
        </button>{' '}
        <span class="note">{t('locateNote')}</span>
      </p>
      <p id="search-status" class="search-status" aria-live="polite">
        {r.status}
      </p>
      <ul id="search-results" class="search-results">
        {r.items.map((h) => (
          <li key={h.key} class={h.cls}>
            <a href={href(ctx, h.path)}>{h.label}</a> <span class="hit-type">{h.type}</span>
            <span class="hit-summary">{h.summary}</span>
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
        zips: ctx.assets.zips,
        geometry: ctx.assets.geometry,
        locate: ctx.assets.js.locate,
        limit: SEARCH_LIMIT,
        messages: {
          results: t('searchResults'),
          none: t('searchNoResults'),
          working: t('locateWorking'),
          failed: t('locateFailed'),
          outside: t('locateOutside'),
        },
      },
    },
  };
}
