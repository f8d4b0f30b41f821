import { describe, expect, it } from 'vitest';
import { checkTimeZone, localClock, sunTime } from './sun-times.ts';

describe('sun times (suncalc, local clock minutes)', () => {
  it('Hartford on 2013-10-13: sunset 18:12:09 → 1092, dusk 18:40:06 → 1120 (§6.2)', () => {
    const t = sunTime('2013-10-13', 41.7658043, -72.6733723, 'America/New_York');
    expect(t).toEqual({
      date: '2013-10-13',
      sunset: '18:12:09',
      dusk: '18:40:06',
      sunsetMinute: 1092,
      duskMinute: 1120,
      problem: null,
    });
  });

  it('follows daylight saving time where it applies and not in Arizona', () => {
    const before = sunTime('2015-03-07', 39.74, -104.99, 'America/Denver');
    const after = sunTime('2015-03-09', 39.74, -104.99, 'America/Denver');
    expect((after.sunsetMinute as number) - (before.sunsetMinute as number)).toBeGreaterThan(55);
    const pBefore = sunTime('2015-03-07', 33.45, -112.07, 'America/Phoenix');
    const pAfter = sunTime('2015-03-09', 33.45, -112.07, 'America/Phoenix');
    expect(Math.abs((pAfter.sunsetMinute as number) - (pBefore.sunsetMinute as number))).toBeLessThan(5);
  });

  it('does not depend on the process time zone', () => {
    const t = new Date('2020-06-01T23:30:00Z');
    expect(localClock(t, 'America/New_York')).toEqual({ date: '2020-06-01', time: '19:30:00', minute: 1170 });
  });

  it('marks a date without civil dusk (high-latitude summer) instead of inventing one', () => {
    const t = sunTime('2020-06-21', 69.65, 18.96, 'Europe/Oslo');
    expect(t.duskMinute).toBeNull();
    expect(t.problem).toMatch(/no sunset or civil dusk/);
  });

  it('refuses an unknown time zone', () => {
    expect(() => checkTimeZone('Mars/Olympus')).toThrow(/unknown IANA time zone/);
  });
});
