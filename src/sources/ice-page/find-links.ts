/**
 * Finds the workbook and MOA links on ICE's 287(g) page by pattern, not by position: ICE has moved the workbooks
 * between folders and renamed them (see NOTES.md), so anything tied to one path or one layout breaks. Pure: takes
 * the page's HTML and URL, returns absolute URLs in document order without duplicates.
 */

export interface WorkbookLinks {
  participating: string[];
  pending: string[];
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
  nbsp: '\u00a0',
  sol: '/',
  colon: ':',
  period: '.',
  lowbar: '_',
  equals: '=',
  quest: '?',
  num: '#',
  percnt: '%',
};

/** Decodes the character references that can occur in an attribute value (`&amp;`, `&#38;`, `&#x2F;`...). */
export function decodeAttribute(value: string): string {
  return value.replace(
    /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));?/g,
    (m, dec, hex, name) => {
      if (dec !== undefined || hex !== undefined) {
        const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex, 16);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
      }
      return NAMED_ENTITIES[(name as string).toLowerCase()] ?? m;
    },
  );
}

/** Every href value in the page, entity-decoded, with comments, scripts and styles left out. */
export function extractHrefs(html: string): string[] {
  const visible = html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ');
  const out: string[] = [];
  const re = /[\s"'/]href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>`=]+))/gi;
  for (const m of visible.matchAll(re)) {
    const raw = m[1] ?? m[2] ?? m[3] ?? '';
    out.push(decodeAttribute(raw).trim());
  }
  return out;
}

/** The page's `<base href>`, resolved against the page URL, when there is one. */
function baseUrl(html: string, pageUrl: string): string {
  const m = /<base\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>]+))/i.exec(html);
  const raw = m ? (m[1] ?? m[2] ?? m[3]) : undefined;
  if (raw) {
    try {
      return new URL(decodeAttribute(raw).trim(), pageUrl).href;
    } catch {
      // An unusable <base> is ignored, as browsers do.
    }
  }
  return pageUrl;
}

/**
 * Outlook SafeLinks wrappers (`https://gcc02.safelinks.protection.outlook.com/?url=<ICE URL>&...`) have shown up in
 * ICE's own links; the target is the `url` parameter.
 */
export function unwrapLink(url: URL): URL {
  if (/(^|\.)safelinks\.protection\.outlook\.com$/i.test(url.hostname)) {
    const inner = url.searchParams.get('url');
    if (inner) {
      try {
        return new URL(inner);
      } catch {
        return url;
      }
    }
  }
  return url;
}

/** Resolves every href to an absolute http(s) URL (fragment dropped); unusable ones are skipped. */
function resolvedLinks(html: string, pageUrl: string): URL[] {
  const base = baseUrl(html, pageUrl);
  const out: URL[] = [];
  for (const href of extractHrefs(html)) {
    if (!href || /^(?:javascript|mailto|tel|data):/i.test(href)) continue;
    let url: URL;
    try {
      url = unwrapLink(new URL(href, base));
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    url.hash = '';
    out.push(url);
  }
  return out;
}

/** The last path segment, percent-decoded when that is possible. */
export function fileNameOf(url: URL | string): string {
  const path = typeof url === 'string' ? new URL(url).pathname : url.pathname;
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** ICE's label for a file: its name without the extension (`participatingAgencies05182026am`). */
export function labelOf(url: string): string | null {
  let name: string;
  try {
    // CDX 'original' values normally carry a scheme; tolerate one that does not.
    name = fileNameOf(/^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `http://${url}`);
  } catch {
    return null;
  }
  const label = name.replace(/\.[a-z0-9]{1,5}$/i, '');
  return label || null;
}

function pushUnique(list: string[], seen: Set<string>, url: string): void {
  if (seen.has(url)) return;
  seen.add(url);
  list.push(url);
}

/**
 * `.xlsx` links whose file name contains `pending` (pending list) or `participat` (participating list), case
 * insensitive. `pending` wins when a name has both. Which list a file really holds is decided later, by its
 * columns: ICE has served each list under the other's name.
 */
export function findWorkbookLinks(html: string, pageUrl: string): WorkbookLinks {
  const out: WorkbookLinks = { participating: [], pending: [] };
  const seen = new Set<string>();
  for (const url of resolvedLinks(html, pageUrl)) {
    const name = fileNameOf(url);
    if (!/\.xlsx$/i.test(name)) continue;
    if (/pending/i.test(name)) pushUnique(out.pending, seen, url.href);
    else if (/participat/i.test(name)) pushUnique(out.participating, seen, url.href);
  }
  return out;
}

/** `.pdf` links under a `287gMOA`-like folder or anywhere under `/doclib/287g`. */
export function findMoaLinks(html: string, pageUrl: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const url of resolvedLinks(html, pageUrl)) {
    if (!/\.pdf$/i.test(url.pathname)) continue;
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      path = url.pathname;
    }
    if (/\/287g[-_ ]?moas?\//i.test(path) || /\/doclib\/287g/i.test(path)) pushUnique(out, seen, url.href);
  }
  return out;
}
