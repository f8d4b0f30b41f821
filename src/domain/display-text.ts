/**
 * Stored text shown to people, made safe to show. Names are stored exactly as ICE (or a user) gave them, control
 * characters and bidirectional overrides included; they only change on the way to a terminal or a page:
 *
 * - `terminalText`: control characters (C0 but tab and line feed, DEL, C1), the line and paragraph separators and
 *   the bidirectional formatting characters are shown as `\u001b`, `\u202e`…, so a name cannot colour, move the
 *   cursor, rewrite a line (`\r`) or reorder what the terminal shows; the reader sees that the name holds them.
 * - `pageText`: control characters and the bidirectional embeddings, overrides and isolates are left out (they
 *   would show as boxes, or reverse the text after them), and text holding right-to-left letters or marks is
 *   wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, which the Unicode bidirectional algorithm treats as
 *   HTML's `<bdi>`: whatever direction the name has, it cannot reorder the text around it.
 *
 * JSON output (the API, `--json`, the downloads) keeps every character: it is data, not display.
 */

/** C0 controls but tab and line feed, DEL, C1 controls, line and paragraph separators. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this file is for
const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;
/** Bidirectional formatting: ALM, LRM, RLM, embeddings, overrides (U+202A–U+202E), isolates (U+2066–U+2069). */
const BIDI_FORMATTING = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const TERMINAL_UNSAFE = new RegExp(`${TERMINAL_CONTROLS.source}|${BIDI_FORMATTING.source}`, 'g');

/** Controls (tab, line feed and carriage return are spacing in HTML) and bidi embeddings, overrides, isolates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this file is for
const PAGE_DROPPED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko…, their presentation forms) and the bidi marks. */
const RIGHT_TO_LEFT =
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u061c\u200e\u200f]|[\ud802\ud803\ud83a\ud83b][\udc00-\udfff]/;
/** Anything either function changes (the quick test most text passes). */
const ANY =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this file is for
  /[\u0000-\u001f\u007f-\u009f\u0590-\u08ff\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufb1d-\ufdff\ufe70-\ufefc\ud802\ud803\ud83a\ud83b]/;

const escaped = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Text for a terminal: controls and bidi formatting shown escaped (tab and line feed kept). */
export function terminalText(s: string): string {
  return ANY.test(s) ? s.replace(TERMINAL_UNSAFE, escaped) : s;
}

/** One cell of a terminal table: as terminalText, and tab and line feed escaped too (a cell is one line). */
export function terminalCell(s: string): string {
  return terminalText(s).replace(/[\t\n]/g, escaped);
}

/** Text for a page: controls and bidi overrides left out, right-to-left text isolated (see above). */
export function pageText(s: string): string {
  if (!ANY.test(s)) return s;
  const kept = s.replace(PAGE_DROPPED, '');
  return RIGHT_TO_LEFT.test(kept) ? `\u2068${kept}\u2069` : kept;
}
