/** The home view's URL text: dates to list indexes and back, layers against their defaults. */
import { describe, expect, it } from 'vitest';
import { dateIndex, dateText, layerText, parseLayers } from './url.ts';

const DATES = ['2025-03-03', '2025-03-10', '2025-03-17'];

describe('home URL state', () => {
  it('finds the list in force on a date, and writes nothing for the latest', () => {
    expect(dateIndex(DATES, '2025-03-10')).toBe(1);
    expect(dateIndex(DATES, '2025-03-16')).toBe(1);
    expect(dateIndex(DATES, '2026-01-01')).toBe(2);
    expect(dateIndex(DATES, '2025-01-01')).toBeNull();
    expect(dateIndex(DATES, '2025-13-45')).toBeNull();
    expect(dateIndex(DATES, 'soon')).toBeNull();
    expect(dateIndex(DATES, null)).toBeNull();
    expect(dateText(DATES, 1)).toBe('2025-03-10');
    expect(dateText(DATES, 2)).toBe('');
    for (let d = 0; d < DATES.length; d++) expect(dateIndex(DATES, dateText(DATES, d) || null) ?? 2).toBe(d);
  });

  it('writes layers only when they differ from the defaults, and reads back the same set', () => {
    const defaults = new Set(['active', 'pending']);
    expect(layerText(new Set(['pending', 'active']), defaults)).toBe('');
    expect(layerText(new Set(['removed', 'active']), defaults)).toBe('active,removed');
    expect(layerText(new Set(), defaults)).toBe('-');
    const offered = ['active', 'pending', 'removed'];
    expect(parseLayers('active,removed', offered)).toEqual(new Set(['active', 'removed']));
    expect(parseLayers('-', offered)).toEqual(new Set());
    expect(parseLayers('bogus,active', offered)).toEqual(new Set(['active']));
    expect(parseLayers(null, offered)).toBeNull();
  });
});
