/**
 * Text clean-up shared by every normalizer (idempotent: clean(clean(x)) === clean(x)), and the characters no text in
 * the ledger can hold.
 */

const SPACES = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/g;

/** NFKC, curly quotes and dashes made plain, every run of spaces (incl. NBSP and newlines) one space, trimmed. */
export function cleanText(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201b\u2032\u00b4`]/g, "'")
    .replace(/[\u201c\u201d\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(SPACES, ' ')
    .trim();
}

/** True for cells that hold nothing a reader would see, and for Excel error values and their text look-alikes. */
export function isMissing(v: string | undefined | null, t?: string): boolean {
  if (v === undefined || v === null) return true;
  if (t === 'e') return true;
  const c = cleanText(v);
  return c === '' || /^#(N\/?A|REF!|VALUE!|DIV\/0!|NAME\?|NULL!|NUM!)$/i.test(c);
}

/** NUL, and UTF-16 surrogates without their pair: characters no UTF-8 text or JSON value in the ledger can hold. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this looks for
const MAYBE_UNSTORABLE = /[\u0000\uD800-\uDFFF]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first character of `s` the ledger cannot store, described (`U+0000 (NUL)`), or null when there is none. */
export function unstorableChar(s: string): string | null {
  // Nearly every text holds neither NUL nor a surrogate: a plain character class tells that without the lookarounds.
  if (!MAYBE_UNSTORABLE.test(s)) return null;
  const m = UNSTORABLE.exec(s);
  if (!m) return null;
  const c = m[0].charCodeAt(0);
  const at = `at character ${m.index + 1}`;
  return c === 0 ? `U+0000 (NUL) ${at}` : `a lone UTF-16 surrogate (U+${c.toString(16).toUpperCase()}) ${at}`;
}
