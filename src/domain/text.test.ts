import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unstorableChar } from './text.ts';

/** The rule written out plainly: the first NUL or unpaired surrogate, scanning code units. */
function firstUnstorable(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) return i;
    const high = c >= 0xd800 && c <= 0xdbff;
    const low = c >= 0xdc00 && c <= 0xdfff;
    const next = s.charCodeAt(i + 1);
    if (high && next >= 0xdc00 && next <= 0xdfff) {
      i++;
      continue;
    }
    if (high || low) return i;
  }
  return -1;
}

describe('unstorableChar', () => {
  it('finds NUL and lone surrogates, passes pairs and plain text', () => {
    expect(unstorableChar('Sheriff’s Office')).toBeNull();
    expect(unstorableChar('emoji 😀 ok')).toBeNull();
    expect(unstorableChar('a\u0000b')).toBe('U+0000 (NUL) at character 2');
    expect(unstorableChar('x\uD800')).toBe('a lone UTF-16 surrogate (U+D800) at character 2');
    expect(unstorableChar('\uDC00y')).toBe('a lone UTF-16 surrogate (U+DC00) at character 1');
  });

  it('agrees with the rule written out, on any UTF-16 text', () => {
    const unit = fc.oneof(
      fc.constantFrom(0, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0x41, 0xe9),
      fc.integer({ min: 0, max: 0xffff }),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 12 }), (codes) => {
        const s = String.fromCharCode(...codes);
        const at = firstUnstorable(s);
        const got = unstorableChar(s);
        expect(got === null ? -1 : Number(/character (\d+)/.exec(got)?.[1]) - 1).toBe(at);
      }),
      { numRuns: 2000 },
    );
  });
});
