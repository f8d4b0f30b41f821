import { describe, expect, it } from 'vitest';
import { type SearchEntry, SearchIndex } from './search.ts';

const ABBREVIATIONS: [string, string][] = [
  ['pd', 'police department'],
  ['so', 'sheriffs office'],
  ['sheriff office', 'sheriffs office'],
  ['bocc', 'board of county commissioners'],
  ['saint', 'st'],
  ['co', 'county'],
];

function entry(e: Partial<SearchEntry> & Pick<SearchEntry, 'type' | 'id' | 'name'>): SearchEntry {
  return {
    label: e.name,
    state: null,
    aliases: [],
    context: [],
    status: null,
    models: [],
    agencyIds: [],
    hasAgreement: false,
    path: `/${e.type}/${e.id}`,
    ...e,
  };
}

const ENTRIES: SearchEntry[] = [
  entry({ type: 'state', id: 'FL', name: 'Florida', state: 'FL', hasAgreement: true }),
  entry({ type: 'state', id: 'TX', name: 'Texas', state: 'TX', hasAgreement: true }),
  entry({
    type: 'county',
    id: '12109',
    name: 'St. Johns County',
    aliases: ['St. Johns'],
    state: 'FL',
    context: ['FL', 'Florida'],
    hasAgreement: true,
    agencyIds: ['agy-aaaaaaaaaa'],
  }),
  entry({ type: 'county', id: '12083', name: 'Marion County', state: 'FL', context: ['FL', 'Florida'] }),
  entry({ type: 'county', id: '48201', name: 'Harris County', state: 'TX', context: ['TX', 'Texas'] }),
  entry({ type: 'county', id: '48203', name: 'Harrison County', state: 'TX', context: ['TX', 'Texas'] }),
  entry({
    type: 'agency',
    id: 'agy-aaaaaaaaaa',
    name: "St. Johns County Sheriff's Office",
    state: 'FL',
    context: ['FL', 'Florida', 'St. Johns County'],
    status: 'active',
    hasAgreement: true,
  }),
  entry({
    type: 'agency',
    id: 'agy-bbbbbbbbbb',
    name: 'Gulfport Police Department',
    aliases: ['Gulfport PD'],
    state: 'MS',
    context: ['MS', 'Mississippi', 'Harrison County', 'Gulfport'],
    status: 'active',
    hasAgreement: true,
  }),
  entry({
    type: 'agency',
    id: 'agy-cccccccccc',
    name: 'Pasco County BOCC',
    state: 'FL',
    context: ['FL', 'Florida'],
    status: 'removed',
  }),
  entry({
    type: 'agency',
    id: 'agy-dddddddddd',
    name: 'Marion County Sheriff Office',
    state: 'FL',
    context: ['FL', 'Florida'],
    status: 'active',
    hasAgreement: true,
  }),
];

const index = new SearchIndex(ENTRIES, ABBREVIATIONS);
const ids = (q: string, opts = {}) => index.search(q, opts).map((h) => h.id);

describe('SearchIndex', () => {
  it('expands abbreviations on both sides', () => {
    expect(index.normalize("St. John's BOCC")).toEqual([
      'st',
      'johns',
      'board',
      'of',
      'county',
      'commissioners',
    ]);
    expect(index.normalize('Saint Johns')).toEqual(['st', 'johns']);
    expect(ids('gulfport pd')[0]).toBe('agy-bbbbbbbbbb');
    expect(ids('pasco board of county commissioners')[0]).toBe('agy-cccccccccc');
    expect(ids('marion so')[0]).toBe('agy-dddddddddd');
    expect(ids("marion sheriff's office")[0]).toBe('agy-dddddddddd');
  });

  it('ranks exact, then prefix, then word, then fuzzy matches', () => {
    const hits = index.search('st johns');
    expect(hits.map((h) => [h.id, h.match])).toEqual([
      ['12109', 'exact'],
      ['agy-aaaaaaaaaa', 'prefix'],
    ]);
    expect(index.search('johns st')[0]).toMatchObject({ id: '12109', match: 'words' });
    expect(index.search('gulfprot')[0]).toMatchObject({ id: 'agy-bbbbbbbbbb', match: 'fuzzy' });
    // `harris` is a whole word of Harris County, only the start of one of Harrison County.
    expect(index.search('harris')[0]).toMatchObject({ id: '48201', match: 'prefix' });
    expect(index.search('harris')[1]).toMatchObject({ id: '48203', match: 'prefix' });
    expect(index.search('texas')[0]).toMatchObject({ type: 'state', id: 'TX', match: 'exact' });
  });

  it('matches IDs and state codes exactly', () => {
    expect(index.search('agy-bbbbbbbbbb')[0]).toMatchObject({ id: 'agy-bbbbbbbbbb', match: 'exact' });
    expect(index.search('fl')[0]).toMatchObject({ type: 'state', id: 'FL', match: 'exact' });
  });

  it('lets context words narrow but never match alone', () => {
    expect(ids('harris tx')).toEqual(['48201', '48203']);
    expect(ids('florida', { types: ['agency'] })).toEqual([]);
    expect(ids('gulfport mississippi')).toEqual(['agy-bbbbbbbbbb']);
  });

  it('lets filler words go unmatched, but not other words', () => {
    expect(ids('sheriff of st johns')).toContain('agy-aaaaaaaaaa');
    expect(ids('gulfport zebra')).toEqual([]);
  });

  it('filters by type, state and limit', () => {
    expect(index.search('county', { types: ['county'] }).every((h) => h.type === 'county')).toBe(true);
    expect(index.search('county', { state: 'TX' }).every((h) => h.state === 'TX')).toBe(true);
    expect(index.search('county', { limit: 2 })).toHaveLength(2);
    expect(index.search('   ')).toEqual([]);
  });

  it('round-trips through its compact JSON with the same results', () => {
    const copy = SearchIndex.fromJSON(JSON.parse(JSON.stringify(index.toJSON())));
    for (const q of ['st johns', 'gulfprot', 'pasco bocc', 'harris tx', 'fl', 'marion'])
      expect(copy.search(q)).toEqual(index.search(q));
    expect(copy.entries).toEqual(index.entries);
  });
});
