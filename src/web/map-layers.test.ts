/** The map table's rows: the agencies shown on a date, filtered by model and status, by state then name. */
import { describe, expect, it } from 'vitest';
import { MODELS, STATUSES, type TimelineJson } from '../read/timeline.ts';
import { DEFAULT_STATUSES, tableRows } from './map-layers.ts';

/** Three lists; Austin is pending from the second, Dallas is removed after the first. */
const TL: TimelineJson = {
  v: 1,
  dates: ['2024-01-01', '2024-02-01', '2024-03-01'],
  agencies: [
    ['agy-b', 'Bexar County Sheriff', 'TX', 'sheriff', ['48029']],
    ['agy-a', 'Austin Police Department', 'TX', 'city', []],
    ['agy-c', 'Cobb County Sheriff', 'GA', 'sheriff', ['13067']],
    ['agy-d', 'Dallas Police Department', 'TX', 'city', []],
  ],
  agreements: [
    [0, 'JEM', [['p', 0, 2, 1]]],
    [1, 'WSO', [['n', 1, 2, 1]]],
    [2, 'TFM', [['p', 0, 2, 1]]],
    [3, 'WSO', [['p', 0, 0, 0]]],
  ],
  pop: {},
  counties: { '48029': ['Bexar', 'TX'], '13067': ['Cobb', 'GA'] },
};

const names = (rows: ReturnType<typeof tableRows>) =>
  rows.map((r) => `${r.a[2]} ${r.a[1]} ${r.shade.status}`);

describe('tableRows', () => {
  it('lists the agencies shown on the date, by state then name, with their status', () => {
    expect(names(tableRows(TL, 2, new Set(MODELS), new Set(DEFAULT_STATUSES)))).toEqual([
      'GA Cobb County Sheriff active',
      'TX Austin Police Department pending',
      'TX Bexar County Sheriff active',
    ]);
    expect(names(tableRows(TL, 0, new Set(MODELS), new Set(DEFAULT_STATUSES)))).toEqual([
      'GA Cobb County Sheriff active',
      'TX Bexar County Sheriff active',
      'TX Dallas Police Department active',
    ]);
  });

  it('keeps only the models and statuses switched on', () => {
    expect(names(tableRows(TL, 2, new Set(['JEM']), new Set(STATUSES)))).toEqual([
      'TX Bexar County Sheriff active',
    ]);
    expect(names(tableRows(TL, 2, new Set(['WSO']), new Set(STATUSES)))).toEqual([
      'TX Austin Police Department pending',
      'TX Dallas Police Department removed',
    ]);
    expect(tableRows(TL, 2, new Set(MODELS), new Set())).toEqual([]);
  });
});
