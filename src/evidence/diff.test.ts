import { describe, expect, it } from 'vitest';
import { wordDiff } from './diff.ts';

const render = (before: string, after: string) =>
  wordDiff(before, after)
    .map((p) => (p.op === 'same' ? p.text : p.op === 'del' ? `[-${p.text}-]` : `{+${p.text}+}`))
    .join('');

describe('wordDiff', () => {
  it('marks removed and added words, keeping the rest', () => {
    expect(render('deputies were four times more likely', 'deputies were ten times more likely')).toBe(
      'deputies were [-four-]{+ten+} times more likely',
    );
  });
  it('rebuilds both texts from its parts', () => {
    const a = 'The Justice Department found reasonable cause to believe.';
    const b = 'The Department found, after two years, reasonable cause.';
    const parts = wordDiff(a, b);
    expect(
      parts
        .filter((p) => p.op !== 'ins')
        .map((p) => p.text)
        .join(''),
    ).toBe(a);
    expect(
      parts
        .filter((p) => p.op !== 'del')
        .map((p) => p.text)
        .join(''),
    ).toBe(b);
  });
  it('handles empty sides', () => {
    expect(render('', 'new text')).toBe('{+new text+}');
    expect(render('old', '')).toBe('[-old-]');
    expect(wordDiff('', '')).toEqual([]);
  });
});
