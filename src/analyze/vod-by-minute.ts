/**
 * The veil of darkness as a picture (§6, "share of minority drivers by minute around dusk, light vs dark"): the
 * minority share of stops per clock-time bin of the inter-twilight window, apart for stops in daylight and in
 * darkness. The same clock time falls in daylight on some days of the year and in darkness on others; the test
 * compares the two at equal clock times, which this table lets a reader see.
 */
import type { VodCellInput } from '../stats/vod-model.ts';

export interface MinuteBin {
  minute_from: number;
  light_dark: 'light' | 'dark';
  stops: number;
  minority_share: number | null;
}

/** Bins of `width` minutes of clock time (minute of the day), light and dark apart, in time order. */
export function shareByMinute(cells: readonly VodCellInput[], width = 15): MinuteBin[] {
  const bins = new Map<string, { from: number; dark: boolean; s: number; n: number }>();
  for (const c of cells) {
    const from = Math.floor(c.minute / width) * width;
    const dark = c.isDark === 1;
    const key = `${from}|${dark}`;
    const b = bins.get(key) ?? { from, dark, s: 0, n: 0 };
    b.s += c.s;
    b.n += c.n;
    bins.set(key, b);
  }
  return [...bins.values()]
    .sort((x, y) => x.from - y.from || Number(x.dark) - Number(y.dark))
    .map((b) => ({
      minute_from: b.from,
      light_dark: b.dark ? 'dark' : 'light',
      stops: b.n,
      minority_share: b.n > 0 ? b.s / b.n : null,
    }));
}
