import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantile7, quantile7Counts, quantile7Sorted } from './quantile.ts';

describe('type-7 quantiles', () => {
  it('interpolates between order statistics as R does', () => {
    expect(quantile7([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile7([10, 20], 1)).toBe(20);
    expect(quantile7([5], 0.3)).toBe(5);
    expect(quantile7Sorted([1, 2, 3, 4, 5, 6, 7], 1 / 6)).toBe(2);
  });

  it('refuses an empty sample and probabilities outside [0, 1]', () => {
    expect(() => quantile7([], 0.5)).toThrow(/empty/);
    expect(() => quantile7([1], 1.5)).toThrow(/probability/);
  });

  it('from a histogram equals the expanded sample (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ v: fc.integer({ min: 900, max: 1300 }), n: fc.integer({ min: 1, max: 9 }) }), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (pairs, p) => {
          const byValue = new Map<number, number>();
          for (const { v, n } of pairs) byValue.set(v, (byValue.get(v) ?? 0) + n);
          const values = [...byValue.keys()].sort((a, b) => a - b);
          const counts = values.map((v) => byValue.get(v) as number);
          const expanded = values.flatMap((v, i) => new Array(counts[i]).fill(v) as number[]);
          expect(quantile7Counts(values, counts, p)).toBe(quantile7(expanded, p));
        },
      ),
      { seed: 17, numRuns: 200 },
    );
  });
});
