import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shareByMinute } from './vod-by-minute.ts';

const cell = fc.record({
  isDark: fc.constantFrom(0, 1),
  minute: fc.integer({ min: 0, max: 1439 }),
  adjust: fc.constant(null),
  period: fc.constant(null),
  n: fc.integer({ min: 1, max: 50 }),
  s: fc.constant(0),
});

describe('shareByMinute', () => {
  it('bins stops by clock time, light and dark apart', () => {
    const bins = shareByMinute([
      { isDark: 0, minute: 1081, adjust: null, period: null, s: 1, n: 4 },
      { isDark: 0, minute: 1094, adjust: null, period: null, s: 1, n: 4 },
      { isDark: 1, minute: 1090, adjust: null, period: null, s: 3, n: 4 },
      { isDark: 1, minute: 1100, adjust: null, period: null, s: 0, n: 2 },
    ]);
    expect(bins).toEqual([
      { minute_from: 1080, light_dark: 'light', stops: 8, minority_share: 0.25 },
      { minute_from: 1080, light_dark: 'dark', stops: 4, minority_share: 0.75 },
      { minute_from: 1095, light_dark: 'dark', stops: 2, minority_share: 0 },
    ]);
  });

  it('keeps every stop and every minority stop', () => {
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 60 }), fc.integer({ min: 1, max: 60 }), (raw, width) => {
        const cells = raw.map((c) => ({ ...c, s: Math.floor(c.n / 3) }));
        const bins = shareByMinute(cells, width);
        expect(bins.reduce((a, b) => a + b.stops, 0)).toBe(cells.reduce((a, c) => a + c.n, 0));
        const minority = bins.reduce((a, b) => a + (b.minority_share ?? 0) * b.stops, 0);
        expect(minority).toBeCloseTo(
          cells.reduce((a, c) => a + c.s, 0),
          6,
        );
      }),
    );
  });
});
