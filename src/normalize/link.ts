/**
 * MOA / ADDENDUM hyperlink targets: unwrap Outlook SafeLinks and browser-extension wrappers, repair `https:/`,
 * encode spaces. The raw target is always kept beside the cleaned URL; each repair is reported. Never throws: a
 * target that cannot be read (a malformed %-escape) is reported and gives no URL.
 */
import { memo } from '../domain/memo.ts';

export interface LinkResult {
  url: string | null;
  fixes: string[];
}

/** decodeURIComponent, or null for a malformed escape (`%E0%A4%A`, `%zz`, a lone surrogate) instead of a throw. */
function decodeOrNull(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

export function cleanLink(raw: string | null | undefined): LinkResult {
  const fixes: string[] = [];
  if (!raw) return { url: null, fixes };
  let u = raw.trim();
  for (let i = 0; i < 4; i++) {
    const safe = /^https?:\/\/[a-z0-9.-]*safelinks\.protection\.outlook\.com\/?\?(.*)$/i.exec(u);
    if (safe) {
      const inner = new URLSearchParams(safe[1]).get('url');
      if (inner) {
        u = inner.trim();
        fixes.push('unwrapped-safelinks');
        continue;
      }
    }
    const ext = /^chrome-extension:\/\/[a-z]+\/(.*)$/i.exec(u);
    if (ext?.[1]) {
      u = ext[1].trim();
      if (/^https?%3a/i.test(u)) {
        const decoded = decodeOrNull(u);
        // A malformed %-escape: the target is kept as written (and then fails the web-link check below).
        if (decoded === null) fixes.push('malformed-escape');
        else u = decoded;
      }
      fixes.push('unwrapped-browser-extension');
      continue;
    }
    const wayback = /^https?:\/\/web\.archive\.org\/web\/\d+[a-z_]*\/(https?:\/\/.*)$/i.exec(u);
    if (wayback?.[1] && i === 0) break; // archive copies are kept as they are (html-era tables)
    break;
  }
  const slash = /^(https?):\/(?!\/)(.*)$/i.exec(u);
  if (slash) {
    u = `${slash[1]}://${slash[2]}`;
    fixes.push('repaired-scheme-slash');
  }
  if (/^www\./i.test(u)) {
    u = `https://${u}`;
    fixes.push('added-scheme');
  }
  if (/\s/.test(u)) {
    u = u.replace(/\s/g, '%20');
    fixes.push('encoded-spaces');
  }
  if (!/^https?:\/\//i.test(u)) return { url: null, fixes: [...fixes, 'not-a-web-link'] };
  return { url: u, fixes };
}

/**
 * The file name of the document a cleaned MOA/addendum link points at, as identity evidence: the last path
 * segment, %-decoded, lower-cased, spaces removed (ICE serves `287gJEM_%20etowahCoAL…` and `287gJEM_ etowahCoAL…`
 * alike). Null for a link that names no PDF (`https://www.ice.gov/doclib/about/…` pages, a bare folder).
 */
export function documentName(url: string | null | undefined): string | null {
  return url ? fileNameOf(url) : null;
}

/** documentName of a link, memoized: the fold asks it of every row (~190,000 in a rebuild, a few thousand distinct). */
const fileNameOf = memo((url: string): string | null => {
  const path = url.replace(/[?#].*$/, '');
  const last = path.slice(path.lastIndexOf('/') + 1);
  let name = last;
  try {
    name = decodeURIComponent(last);
  } catch {
    // a malformed escape: the name as written
  }
  name = name.replace(/\s+/g, '').toLowerCase();
  return name.endsWith('.pdf') && name.length > 4 ? name : null;
});
