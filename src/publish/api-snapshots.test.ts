import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_NOW, fixtureLedger } from '../../test/support/api-fixture.ts';
import { createApi } from '../api/app.ts';
import {
  AgencyList,
  AgencyResponse,
  AgreementList,
  CountyList,
  EventList,
  PublicationList,
  StateList,
  StatsResponse,
} from '../api/schemas.ts';
import { type CompactSearchIndex, SearchIndex } from '../read/search.ts';
import type { Ledger } from '../store/connection.ts';
import { apiSnapshots } from './api-snapshots.ts';

let ledger: Ledger;
let dispose: () => Promise<void>;
let files: Map<string, unknown>;
let api: ReturnType<typeof createApi>;

beforeAll(async () => {
  ({ ledger, dispose } = await fixtureLedger());
  const out = await apiSnapshots(ledger.db, FIXTURE_NOW);
  files = new Map(out.map((f) => [f.path, JSON.parse(f.body) as unknown]));
  api = createApi({ db: ledger.db, now: FIXTURE_NOW, rateLimit: false });
});

afterAll(async () => {
  await dispose?.();
});

const snap = (path: string) => {
  if (!files.has(path)) throw new Error(`no snapshot ${path}`);
  return files.get(path);
};

describe('API snapshots', () => {
  it('writes every list whole, in the API envelope', async () => {
    const agencies = AgencyList.parse(snap('api/v1/agencies.json'));
    const n = await ledger.db
      .selectFrom('agencies')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('merged_into', 'is', null)
      .executeTakeFirstOrThrow();
    expect(agencies.data).toHaveLength(Number(n.n));
    expect(agencies.meta.count).toBe(agencies.data.length);
    expect(agencies.meta.next_cursor).toBeNull();
    const live = AgencyList.parse(await (await api.request('/agencies?limit=1000')).json());
    expect(agencies).toEqual(live);
    AgreementList.parse(snap('api/v1/agreements.json'));
    const events = EventList.parse(snap('api/v1/events.json'));
    const ev = await ledger.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(events.data).toHaveLength(Number(ev.n));
    PublicationList.parse(snap('api/v1/publications.json'));
    const counties = CountyList.parse(snap('api/v1/counties.json'));
    expect(counties.data.counties.length).toBeGreaterThan(3000);
    expect(StateList.parse(snap('api/v1/states.json'))).toEqual(await (await api.request('/states')).json());
    expect(StatsResponse.parse(snap('api/v1/stats.json'))).toEqual(
      await (await api.request('/stats')).json(),
    );
  });

  it('writes one file per agency, the same as the live API', async () => {
    const agencies = AgencyList.parse(snap('api/v1/agencies.json'));
    for (const a of agencies.data) {
      const body = AgencyResponse.parse(snap(`api/v1/agencies/${a.agencyId}.json`));
      const live = await (await api.request(`/agencies/${a.agencyId}`)).json();
      expect(body).toEqual(live);
    }
  });

  it('writes the OpenAPI document, a search index that searches like the API, and an index of files', async () => {
    const doc = snap('api/v1/openapi.json') as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/agencies/{id}');
    const compact = (snap('api/v1/search-index.json') as { data: CompactSearchIndex }).data;
    const index = SearchIndex.fromJSON(compact);
    for (const q of ['st johns', 'gulfport pd', 'harris county tx', 'marion', 'texas']) {
      const live = (await (await api.request(`/search?q=${encodeURIComponent(q)}&limit=20`)).json()) as {
        data: unknown[];
      };
      expect(index.search(q, { limit: 20 }), q).toEqual(live.data);
    }
    const listed = (snap('api/v1/index.json') as { data: { files: string[]; generated: string } }).data;
    expect(listed.generated).toBe('2026-01-01T00:00:00.000Z');
    expect(listed.files.map((f) => `api/v1/${f}`).sort()).toEqual([...files.keys()].sort());
  });
});
