/**
 * Runs on every page: remembers the language the reader chose with the switch (localStorage, and a cookie when
 * storage is unavailable) and, on a page in the other language, moves to the same page in the chosen one; fills
 * the freshness line of a static page that does not print it (fillFreshness).
 */

export interface PageConfig {
  lang: 'en' | 'es';
  base: string;
  path: string;
  translated: boolean;
  mode: 'server' | 'static';
}

const KEY = 'reassess-lang';

export function readJson<T>(id: string): T | null {
  const el = document.getElementById(id);
  if (!el?.textContent) return null;
  try {
    return JSON.parse(el.textContent) as T;
  } catch {
    return null;
  }
}

function stored(): string | null {
  try {
    const v = localStorage.getItem(KEY);
    if (v) return v;
  } catch {
    // storage blocked: fall back to the cookie
  }
  const m = /(?:^|;\s*)reassess-lang=(en|es)/.exec(document.cookie);
  return m?.[1] ?? null;
}

function remember(lang: string) {
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    // ignore
  }
  // biome-ignore lint/suspicious/noDocumentCookie: the fallback when localStorage is blocked (one fixed value)
  document.cookie = `${KEY}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

/** `freshness.json`: the freshness line by language, and the "As of …" sentence of the latest list by language. */
type FreshnessFile = Record<string, unknown> & { asOf?: Record<string, unknown> };

/**
 * A page of the static export that is kept while its inputs stay the same links to the data page in place of the
 * freshness line, and a state page says "On ICE's latest list" in place of its date; the line and the date of the
 * current publish are in `freshness.json` (one per site, both languages).
 */
function fillFreshness(cfg: PageConfig | null): void {
  const el = document.querySelector<HTMLElement>('.freshness[data-freshness]');
  const asOf = document.querySelector<HTMLElement>('.asof[data-asof]');
  if (!cfg || (!el && !asOf) || typeof fetch !== 'function') return;
  fetch(`${cfg.base}/freshness.json`)
    .then((r) => (r.ok ? (r.json() as Promise<FreshnessFile>) : null))
    .then((f) => {
      const line = f?.[cfg.lang];
      if (el && typeof line === 'string' && line) el.textContent = line;
      const date = f?.asOf?.[cfg.lang];
      if (asOf && typeof date === 'string' && date) asOf.textContent = date;
    })
    .catch(() => undefined);
}

export function initLang(): PageConfig | null {
  const cfg = readJson<PageConfig>('page-config');
  fillFreshness(cfg);
  document.addEventListener('click', (e) => {
    const a = (e.target as Element | null)?.closest?.('a[data-lang]');
    const lang = a?.getAttribute('data-lang');
    if (lang === 'en' || lang === 'es') remember(lang);
  });
  const want = stored();
  if (cfg && want && want !== cfg.lang && cfg.translated) {
    const sw = document.querySelector<HTMLAnchorElement>('a.lang-switch');
    if (sw) {
      const url = new URL(sw.href, location.href);
      url.search = location.search;
      url.hash = location.hash;
      location.replace(url.toString());
    }
  }
  return cfg;
}
