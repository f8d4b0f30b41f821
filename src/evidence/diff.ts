/**
 * A word diff between two texts (the editing page's diff against the published version): the longest common
 * subsequence of their words and spaces, as runs of kept, removed and added text. Texts are at most a few thousand
 * characters, so the quadratic table is small; past `MAX_TOKENS` tokens a side, the whole text is shown replaced.
 */
export type DiffPart = { op: 'same' | 'del' | 'ins'; text: string };

const MAX_TOKENS = 3000;

const tokens = (s: string) => s.match(/\s+|[^\s]+/g) ?? [];

function push(out: DiffPart[], op: DiffPart['op'], text: string) {
  const last = out[out.length - 1];
  if (last && last.op === op) last.text += text;
  else out.push({ op, text });
}

export function wordDiff(before: string, after: string): DiffPart[] {
  if (before === after) return before ? [{ op: 'same', text: before }] : [];
  const a = tokens(before);
  const b = tokens(after);
  if (a.length > MAX_TOKENS || b.length > MAX_TOKENS)
    return [
      { op: 'del', text: before },
      { op: 'ins', text: after },
    ].filter((p) => p.text) as DiffPart[];
  // lcs[i][j]: the length of the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint16Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      (lcs[i] as Uint16Array)[j] =
        a[i] === b[j]
          ? ((lcs[i + 1] as Uint16Array)[j + 1] as number) + 1
          : Math.max((lcs[i + 1] as Uint16Array)[j] as number, (lcs[i] as Uint16Array)[j + 1] as number);
  const out: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push(out, 'same', a[i] as string);
      i++;
      j++;
    } else if (((lcs[i + 1] as Uint16Array)[j] as number) >= ((lcs[i] as Uint16Array)[j + 1] as number))
      push(out, 'del', a[i++] as string);
    else push(out, 'ins', b[j++] as string);
  }
  while (i < a.length) push(out, 'del', a[i++] as string);
  while (j < b.length) push(out, 'ins', b[j++] as string);
  return out;
}
