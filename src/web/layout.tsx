/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * The page shell: head, skip link, header with navigation and the language switch, the freshness line (when the
 * data was last updated and from which ICE list), the footer. Assembled into a full HTML document as a string;
 * JSON for islands goes in `<script type="application/json">` blocks with `<` escaped (no inline scripts run).
 */
import { render } from 'preact-render-to-string';
import { pageText } from '../domain/display-text.ts';
import { MapDefs } from './components/map-defs.tsx';
import { atomHref, href, type PageResult, type RenderCtx } from './context.ts';
import { evidenceText } from './evidence-text.ts';
import { formatDate } from './i18n.ts';
import { localized, pagePaths } from './paths.ts';
import { installTextGuard } from './text-guard.ts';

// Names in every element's text go through pageText (controls out, right-to-left text isolated).
installTextGuard();

/** The freshness line's words: which ICE lists the data comes from and when the ledger was last updated. */
export function freshnessText(
  t: RenderCtx['t'],
  lang: RenderCtx['lang'],
  fresh: RenderCtx['data']['fresh'],
): string {
  const p = fresh.participating;
  if (!p) return t('freshnessEmpty');
  const pend = fresh.pending;
  return t('freshness', {
    date: formatDate(lang, p.date),
    pDate: formatDate(lang, p.date),
    pLabel: p.label ?? `#${p.publication}`,
    pendingList: pend
      ? t('freshnessPending', {
          date: formatDate(lang, pend.date),
          label: pend.label ?? `#${pend.publication}`,
        })
      : '',
    updated: fresh.updated ? formatDate(lang, fresh.updated.slice(0, 10)) : '—',
  });
}

/** The pages that print the latest list's date themselves (home, data, changes): in the static export too. */
export function showsLatestList(path: string): boolean {
  return path === '/' || path === pagePaths.data || path === pagePaths.changes;
}

/**
 * The freshness line. In the static export, a page that does not depend on the latest list (an agency, a county…)
 * is written once and kept while its inputs stay the same, so it does not print the line itself: it links to the
 * data page, and the common script puts the current line (`freshness.json`, written with every publish) in its place.
 */
function Freshness({ ctx }: { ctx: RenderCtx }) {
  if (ctx.mode === 'static' && !showsLatestList(ctx.path))
    return (
      <p class="freshness" data-freshness="">
        <a href={href(ctx, pagePaths.data)}>{ctx.t('freshnessSee')}</a>
      </p>
    );
  return <p class="freshness">{freshnessText(ctx.t, ctx.lang, ctx.data.fresh)}</p>;
}

function Header({ ctx, translated }: { ctx: RenderCtx; translated: boolean }) {
  const { t } = ctx;
  const other = ctx.lang === 'en' ? 'es' : 'en';
  const nav: [string, string][] = [
    [pagePaths.home, t('navHome')],
    [pagePaths.search, t('navSearch')],
    [pagePaths.counties, t('navCounties')],
    [pagePaths.changes, t('navChanges')],
    [pagePaths.evidence, evidenceText(ctx.lang)('navEvidence')],
    [pagePaths.data, t('navData')],
    [pagePaths.methodology, t('navMethodology')],
  ];
  const current = (p: string) => (p === '/' ? ctx.path === '/' : ctx.path.startsWith(p));
  return (
    <header class="site-header">
      <div class="bar">
        <a class="brand" href={href(ctx, '/')}>
          {t('siteName')}
        </a>
        <nav aria-label={t('navLabel')}>
          <ul>
            {nav.map(([p, label]) => (
              <li key={p}>
                <a href={href(ctx, p)} aria-current={current(p) ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <a
          class="lang-switch"
          href={href(ctx, translated ? ctx.path : '/', other)}
          hreflang={other}
          lang={other}
          data-lang={other}
          aria-label={t('switchToLabel')}
        >
          {t('switchTo')}
        </a>
      </div>
      <Freshness ctx={ctx} />
    </header>
  );
}

function Footer({ ctx }: { ctx: RenderCtx }) {
  const { t } = ctx;
  return (
    <footer class="site-footer">
      <p>{t('tagline')}</p>
      <p>{t('footerSources')}</p>
      <p>
        <a href={atomHref(ctx, '/feeds/events.atom')}>{t('footerFeeds')}</a> ·{' '}
        <a href={href(ctx, pagePaths.data)}>{t('navData')}</a> ·{' '}
        <a href={href(ctx, pagePaths.downloads)}>{t('downloadsTitle')}</a> ·{' '}
        <a href={href(ctx, pagePaths.agencies)}>{t('agencyIndexTitle')}</a> ·{' '}
        <a href={href(ctx, pagePaths.states)}>{t('stateIndexTitle')}</a> ·{' '}
        <a href={href(ctx, pagePaths.analyses)}>{t('navAnalyses')}</a> ·{' '}
        <a href={href(ctx, pagePaths.methodology)}>{t('navMethodology')}</a>
      </p>
      <p>{t('footerLicense')}</p>
    </footer>
  );
}

/** JSON safe inside a `<script type="application/json">` element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function renderDocument(ctx: RenderCtx, page: PageResult): string {
  const translated = page.translated !== false;
  const other = ctx.lang === 'en' ? 'es' : 'en';
  const island = ctx.assets.js[page.island ?? 'common'] ?? ctx.assets.js.common;
  const title = pageText(`${page.title} · ${ctx.t('siteName')}`);
  const body = render(
    <body>
      <svg class="defs" aria-hidden="true" focusable="false" width="0" height="0">
        <MapDefs />
      </svg>
      <a class="skip-link" href="#main">
        {ctx.t('skip')}
      </a>
      <Header ctx={ctx} translated={translated} />
      <main id="main" tabindex={-1}>
        {page.main}
      </main>
      <Footer ctx={ctx} />
    </body>,
  );
  const json = Object.entries({
    'page-config': {
      lang: ctx.lang,
      base: ctx.base,
      path: ctx.path,
      translated,
      mode: ctx.mode,
    },
    ...(page.json ?? {}),
  })
    .map(([id, v]) => `<script type="application/json" id="${escapeAttr(id)}">${scriptJson(v)}</script>`)
    .join('');
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeAttr(title)}</title>`,
    `<meta name="description" content="${escapeAttr(pageText(page.description ?? ctx.t('tagline')))}">`,
    page.redirect ? `<meta http-equiv="refresh" content="0; url=${escapeAttr(page.redirect)}">` : '',
    `<link rel="stylesheet" href="${escapeAttr(ctx.assets.css)}">`,
    `<link rel="icon" href="${escapeAttr(ctx.assets.icon)}" type="image/svg+xml">`,
    translated
      ? `<link rel="alternate" hreflang="${other}" href="${escapeAttr(href(ctx, ctx.path, other))}">`
      : '',
    `<link rel="alternate" type="application/atom+xml" title="${escapeAttr(ctx.t('footerFeeds'))}" href="${escapeAttr(atomHref(ctx, '/feeds/events.atom'))}">`,
    page.feed
      ? `<link rel="alternate" type="application/atom+xml" title="${escapeAttr(pageText(page.feed.title))}" href="${escapeAttr(atomHref(ctx, page.feed.href))}">`
      : '',
    island ? `<script type="module" src="${escapeAttr(island)}"></script>` : '',
  ]
    .filter(Boolean)
    .join('');
  const bodyWithJson = body.replace(/<\/body>$/, `${json}</body>`);
  return `<!DOCTYPE html><html lang="${ctx.lang}"><head>${head}</head>${bodyWithJson}</html>`;
}

export function localizedPath(ctx: RenderCtx, path: string): string {
  return localized(ctx.lang, path);
}
