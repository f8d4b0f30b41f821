/**
 * Some MOAs (Word files printed to PDF with subset fonts and no Unicode map) give their text with every character
 * code shifted by 29: `)RUWKH/($` is `For the LEA`, `'DWH` is `Date`, `BBBB` is a blank `____`. A run is shifted
 * back when that turns more of its words into words of the agreements' vocabulary than it had.
 */

const SHIFT = 29;
const VOCABULARY = new Set(
  (
    'the of and to for in by a an or be is are this that with as on at any all its it not will shall may ' +
    'lea ice date signature name title agency for office sheriff county department police enforcement ' +
    'immigration customs director acting chief state city memorandum agreement moa party parties'
  ).split(' '),
);

function known(text: string): number {
  let n = 0;
  for (const w of text.toLowerCase().split(/[^a-z]+/)) if (w.length > 1 && VOCABULARY.has(w)) n++;
  return n;
}

/** The run shifted back by 29 code points (printable ASCII only). */
export function shiftBack(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    out += c >= 0x03 && c + SHIFT <= 0x7e && ch !== ' ' ? String.fromCharCode(c + SHIFT) : ch;
  }
  return out;
}

/** The run as printed: shifted back when that reads better, else unchanged. */
export function unshift(text: string): string {
  if (!/[A-Z)('$1-9]/.test(text) || /^[\s\d.,]*$/.test(text)) return text;
  const back = shiftBack(text);
  const underscores = (s: string) => (s.match(/_{3,}/g) ?? []).length;
  const gain = known(back) - known(text) + underscores(back) - underscores(text);
  if (gain > 0) return back;
  // A run that mixes shifted labels with plain values: shift back the words that become labels.
  return text.replace(/[^\s]+/g, (w) => {
    const b = shiftBack(w);
    return known(b) > 0 && known(w) === 0 && /^[A-Za-z_]+$/.test(b) ? b : w;
  });
}
