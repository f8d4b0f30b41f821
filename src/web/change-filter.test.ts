import { describe, expect, it } from 'vitest';
import { EVENT_KINDS, MODELS } from '../api/schemas.ts';
import { CHANGE_KINDS, CHANGE_MODELS, filterQuery, matches, NO_FILTER, readFilter } from './change-filter.ts';
import { EVENT_LABEL } from './i18n.ts';
import { pageQuery } from './page-query.ts';
import { countByMonth } from './pages/changes/chart.tsx';

describe('the changes filter', () => {
  it('offers the kinds and models the API knows, each kind with a label in both languages', () => {
    expect([...CHANGE_KINDS].sort()).toEqual([...EVENT_KINDS].sort());
    expect([...CHANGE_MODELS].sort()).toEqual([...MODELS].sort());
    for (const lang of ['en', 'es'] as const)
      expect(Object.keys(EVENT_LABEL[lang])).toEqual([...CHANGE_KINDS]);
  });

  it('reads a query leniently and writes it back in one order', () => {
    const f = readFilter(new URLSearchParams('kind=removed&model=wso&state=tx&from=2025-01-01&to=nope&x=1'));
    expect(f).toEqual({ from: '2025-01-01', to: '', state: 'TX', model: 'WSO', kind: 'removed' });
    expect(filterQuery(f)).toBe('from=2025-01-01&state=TX&model=WSO&kind=removed');
    expect(readFilter(new URLSearchParams('model=XYZ&kind=deleted&from=2025-02-30&to=2025-13-01'))).toEqual(
      NO_FILTER,
    );
    expect(filterQuery(NO_FILTER)).toBe('');
  });

  it('keeps a change only when every filter holds', () => {
    const c = { date: '2025-03-20', state: 'TX', model: 'WSO', kind: 'removed' };
    expect(matches(c, NO_FILTER)).toBe(true);
    expect(matches(c, { ...NO_FILTER, model: 'WSO', kind: 'removed', state: 'TX' })).toBe(true);
    expect(matches(c, { ...NO_FILTER, model: 'JEM' })).toBe(false);
    expect(matches({ ...c, model: null }, { ...NO_FILTER, model: 'WSO' })).toBe(false);
    // An event about the agency itself (no model) passes with the models its agency held that day.
    expect(matches({ ...c, model: null }, { ...NO_FILTER, model: 'WSO' }, ['JEM', 'WSO'])).toBe(true);
    expect(matches({ ...c, model: null }, { ...NO_FILTER, model: 'TFM' }, ['JEM', 'WSO'])).toBe(false);
    expect(matches(c, { ...NO_FILTER, model: 'JEM' }, ['JEM'])).toBe(false);
    expect(matches(c, { ...NO_FILTER, from: '2025-03-21' })).toBe(false);
    expect(matches(c, { ...NO_FILTER, to: '2025-03-20' })).toBe(true);
  });

  it('keys the page cache on the model filter, canonical, and on nothing unknown', () => {
    const key = (q: string) => pageQuery('/changes/', new URLSearchParams(q)).toString();
    expect(key('model=wso&utm_source=x')).toBe('model=WSO');
    expect(key('model=XYZ&y=2')).toBe('');
    expect(key('kind=added&model=TFM&state=tx')).toBe('state=TX&model=TFM&kind=added');
  });
});

describe('the changes chart', () => {
  it('counts additions and removals by month, every month from the first change to the last', () => {
    const months = countByMonth([
      { date: '2024-11-03', kind: 'renamed' },
      { date: '2025-01-10', kind: 'added' },
      { date: '2025-01-31', kind: 'added' },
      { date: '2025-01-31', kind: 'removed' },
      { date: '2025-03-01', kind: 'removed' },
    ]);
    expect(months).toEqual([
      { month: '2024-11', added: 0, removed: 0 },
      { month: '2024-12', added: 0, removed: 0 },
      { month: '2025-01', added: 2, removed: 1 },
      { month: '2025-02', added: 0, removed: 0 },
      { month: '2025-03', added: 0, removed: 1 },
    ]);
    expect(countByMonth([])).toEqual([]);
  });
});
