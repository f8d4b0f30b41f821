/**
 * Plain text as the ledger keeps it: Unicode NFC, line breaks as \n, no control characters but the tab and the
 * line break, no trailing spaces on a line, at most two blank lines in a row, trimmed. Markup is not interpreted
 * anywhere (every page escapes it), so `<b>` stays the four characters it is.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is this regex's purpose
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g;

export function plainText(s: string): string {
  return s
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{4,}/g, '\n\n\n')
    .trim();
}

/** One line of plain text: line breaks become spaces, runs of spaces one. */
export function plainLine(s: string): string {
  return plainText(s).replace(/\s+/g, ' ');
}
