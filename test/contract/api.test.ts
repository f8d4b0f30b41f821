/**
 * The API contract over a real ledger (PGlite in a temporary folder) built from ICE-shaped fixture workbooks and
 * reference files: envelopes and response schemas, filters, cursor pagination, errors (400, 404, 405, 429, 500),
 * ETag/304, CORS, the OpenAPI document, and a rebuild when the ledger changes.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/app.ts';
import { encodeCursor } from '../../src/api/envelope.ts';
import { searchBody, searchJson } from '../../src/api/handlers.ts';
import {
  AgencyList,
  AgencyResponse,
  AgreementList,
  AgreementResponse,
  CountyList,
  ErrorBody,
  EventList,
  PublicationList,
  SearchResponse,
  StateList,
  StatsResponse,
} from '../../src/api/schemas.ts';
import { ingest } from '../../src/ingest/ingest.ts';
import { LedgerViews } from '../../src/read/model-cache.ts';
import { listAgreements, listChanges } from '../../src/store/agreements.ts';
import type { Ledger } from '../../src/store/connection.ts';
import { listSnapshots } from '../../src/store/publications.ts';
import { EVIL_NAME, FIXTURE_NOW, fixtureLedger } from '../support/api-fixture.ts';
import { icePublication } from '../support/ledgers.ts';

let ledger: Ledger;
let dispose: () => Promise<void>;
let api: ReturnType<typeof createApi>;

beforeAll(async () => {
  ({ ledger, dispose } = await fixtureLedger());
  api = createApi({ db: ledger.db, now: FIXTURE_NOW, rateLimit: { windowMs: 60_000, max: 100_000 } });
});

afterAll(async () => {
  await dispose?.();
});

async function get<S extends z.ZodType>(path: string, schema: S, init?: RequestInit) {
  const res = await api.request(path, init);
  const text = await res.text();
  const body = JSON.parse(text) as unknown;
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new Error(`${path}: response does not match its schema: ${parsed.error.message}`);
  return { res, body: parsed.data as z.infer<S>, text };
}

async function getError(path: string, status: number, init?: RequestInit) {
  const res = await api.request(path, init);
  expect(res.status, path).toBe(status);
  expect(res.headers.get('access-control-allow-origin')).toBe('*');
  const body = ErrorBody.parse(await res.json());
  expect(body.error.status).toBe(status);
  return { res, body };
}

/** Every page of a list, following `next_cursor`. */
async function allPages<S extends z.ZodType>(path: string, schema: S, pick: (b: z.infer<S>) => unknown[]) {
  const items: unknown[] = [];
  let cursor: string | null | undefined;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const { body } = await get(`${path}${cursor ? `${sep}cursor=${cursor}` : ''}`, schema);
    items.push(...pick(body));
    cursor = (body as { meta: { next_cursor?: string | null } }).meta.next_cursor;
    pages++;
    if (pages > 100) throw new Error('pagination does not end');
  } while (cursor);
  return { items, pages };
}

describe('envelopes and schemas', () => {
  it('every endpoint answers { data, meta } matching its schema, with source, licence and publications', async () => {
    const endpoints: [string, z.ZodType][] = [
      ['/agencies', AgencyList],
      ['/agreements', AgreementList],
      ['/events', EventList],
      ['/publications', PublicationList],
      ['/counties', CountyList],
      ['/states', StateList],
      ['/stats', StatsResponse],
      ['/search?q=gulfport', SearchResponse],
    ];
    for (const [path, schema] of endpoints) {
      const { res, body } = await get(path, schema);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const meta = (body as { meta: z.infer<typeof AgencyList>['meta'] }).meta;
      expect(meta.source).toMatch(/ice\.gov\/identify-and-arrest\/287g/);
      expect(meta.licence).toMatch(/CC0-1\.0/);
      expect(meta.lastUpdated).toBe('2026-01-01T00:00:00.000Z');
      expect(meta.publication?.participating?.date).toBe('2025-03-31');
      expect(meta.publication?.pending?.date).toBe('2025-03-24');
    }
  });

  it('an agency answers everything its page needs, each fact with the publication it came from', async () => {
    const list = await get('/agencies?q=marion', AgencyList);
    const marion = list.body.data[0];
    expect(marion?.name).toBe("Marion County Sheriff's Office and Jail");
    const { body } = await get(`/agencies/${marion?.agencyId}`, AgencyResponse);
    const d = body.data;
    expect(d.agencyId).toBe(marion?.agencyId);
    expect(d.names.map((n) => n.name)).toEqual([
      'Marion County Sheriff Office',
      "Marion County Sheriff's Office and Jail",
    ]);
    const pubs = await listSnapshots(ledger.db);
    const pubDate = new Map(pubs.map((p) => [p.publication, p.date]));
    for (const n of d.names) {
      expect(n.firstPublication).not.toBeNull();
      expect(pubDate.get(n.firstPublication as number)).toBe(n.firstSeen);
    }
    expect(d.agreements).toHaveLength(1);
    const a = d.agreements[0];
    expect(a?.model).toBe('WSO');
    expect(a?.signed).toBe('2025-01-20');
    expect(a?.signedPublished).toBe('2025-01-20');
    expect(a?.signedRule).toBeTruthy();
    expect(a?.moaUrl).toMatch(/^https:\/\/www\.ice\.gov\/doclib\/287gMOA\//);
    expect(a?.intervals[0]).toMatchObject({ list: 'participating', from: '2025-03-03', to: '2025-03-31' });
    expect(a?.signedHistory[0]?.publication).toBe(a?.firstPublication);
    expect(d.events.map((e) => e.kind)).toContain('renamed');
    // Every publication id mentioned is described.
    const mentioned = new Set<number>([
      ...d.names
        .flatMap((n) => [n.firstPublication, n.lastPublication])
        .filter((x): x is number => x !== null),
      ...d.agreements.flatMap((g) => [
        g.firstPublication,
        g.lastPublication,
        ...g.intervals.flatMap((i) => [i.fromPublication, i.toPublication]),
        ...g.signedHistory.map((s) => s.publication),
      ]),
      ...d.events.map((e) => e.publication),
    ]);
    expect(Object.keys(d.publications).map(Number).sort()).toEqual([...mentioned].sort());
    for (const [id, p] of Object.entries(d.publications)) expect(p.date).toBe(pubDate.get(Number(id)));
    // Placement, county, population, ORI.
    expect(d.placement?.level).toBe('county');
    expect(d.placement?.countyFips).toEqual(['12083']);
    expect(d.counties[0]).toMatchObject({ fips: '12083', name: 'Marion County', state: 'FL' });
    expect(d.population).toEqual({
      total: 360000,
      hispanic: 50000,
      blackNonHispanic: 45000,
      whiteNonHispanic: 250000,
    });
    expect(d.ori).toBe('FL0420000');
    expect(d.fbi).toMatchObject({ ori: 'FL0420000', population: 395000, year: 2024 });
    expect(d.sources.map((s) => s.kind)).toEqual(
      expect.arrayContaining(['ice-287g', 'us-atlas-counties', 'fbi-lee', 'acs-b03002']),
    );
    expect(d.identity.length).toBeGreaterThan(0);
  });

  it('answers one agreement by ID, with no former IDs in a ledger that retired none; 404 and 400 otherwise', async () => {
    const list = await get('/agreements?state=FL', AgreementList);
    const first = list.body.data[0];
    const { body } = await get(`/agreements/${first?.agreementId}`, AgreementResponse);
    expect(body.data).toEqual({ ...first, formerIds: [] });
    expect((await getError('/agreements/agr-zzzzzzzzzz', 404)).body.error.code).toBe('not_found');
    expect((await getError('/agreements/agy-zzzzzzzzzz', 400)).body.error.code).toBe('invalid_request');
  });

  it('answers 404 with the error envelope for an unknown agency or path, 400 for a malformed id', async () => {
    const unknown = await getError('/agencies/agy-zzzzzzzzzz', 404);
    expect(unknown.body.error.code).toBe('not_found');
    expect((await getError('/nothing-here', 404)).body.error.code).toBe('not_found');
    const bad = await getError('/agencies/not-an-id', 400);
    expect(bad.body.error.code).toBe('invalid_request');
    expect(bad.body.error.details).toBeTruthy();
  });

  it('answers 400 with the error envelope for bad parameters', async () => {
    for (const path of [
      '/agencies?limit=0',
      '/agencies?limit=1001',
      '/agencies?limit=abc',
      '/agencies?status=bogus',
      '/agencies?state=Texas',
      '/agencies?model=XYZ',
      '/agencies?level=galaxy',
      '/agreements?active_on=2025-02-30',
      '/agreements?active_on=yesterday',
      '/events?since=2025-13-01',
      '/events?kind=exploded',
      '/events?model=XYZ',
      '/counties?on=2025/03/03',
      '/stats?on=nope',
      '/search',
      '/search?q=',
      '/search?q=x&limit=51',
      '/agencies?cursor=***',
    ]) {
      const { body } = await getError(path, 400);
      expect(body.error.code, path).toBe('invalid_request');
      expect(body.error.message.length).toBeGreaterThan(0);
    }
    const cursor = await getError(`/agencies?cursor=${Buffer.from('garbage').toString('base64url')}`, 400);
    expect(cursor.body.error.code).toBe('invalid_cursor');
  });

  it('answers 405 for other methods, 204 to a CORS preflight', async () => {
    const post = await getError('/agencies', 405, { method: 'POST', body: '{}' });
    expect(post.res.headers.get('allow')).toContain('GET');
    const pre = await api.request('/agencies', {
      method: 'OPTIONS',
      headers: { Origin: 'https://example.org', 'Access-Control-Request-Method': 'GET' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-methods')).toContain('GET');
  });
});

describe('filters and pagination', () => {
  it('pages through agencies with a cursor: every agency once, in order', async () => {
    const whole = await get('/agencies?limit=1000', AgencyList);
    const ids = whole.body.data.map((a) => a.agencyId);
    const n = await ledger.db
      .selectFrom('agencies')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('merged_into', 'is', null)
      .executeTakeFirstOrThrow();
    expect(ids).toHaveLength(Number(n.n));
    expect(whole.body.meta.count).toBe(ids.length);
    expect(whole.body.meta.next_cursor).toBeNull();
    const paged = await allPages('/agencies?limit=3', AgencyList, (b) => b.data);
    expect(paged.pages).toBe(Math.ceil(ids.length / 3));
    expect(paged.items.map((a) => (a as { agencyId: string }).agencyId)).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    // Ordered by state, then name.
    const keys = whole.body.data.map((a) => `${a.state} ${a.name.toLowerCase()}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('pages through events newest first and through agreements, without gaps or repeats', async () => {
    const events = await listChanges(ledger.db, '0001-01-01');
    const paged = await allPages('/events?limit=2', EventList, (b) => b.data);
    const got = paged.items as { eventId: string; date: string }[];
    expect(got.map((e) => e.eventId).sort()).toEqual(events.map((e) => e.eventId).sort());
    expect(new Set(got.map((e) => e.eventId)).size).toBe(got.length);
    const dates = got.map((e) => e.date);
    expect(dates).toEqual([...dates].sort().reverse());
    const agreements = await listAgreements(ledger.db);
    const pagedA = await allPages('/agreements?limit=4', AgreementList, (b) => b.data);
    expect((pagedA.items as { agreementId: string }[]).map((a) => a.agreementId).sort()).toEqual(
      agreements.map((a) => a.agreementId).sort(),
    );
  });

  it('a cursor stays valid with a filter: pages of one state', async () => {
    const tx = await get('/agencies?state=tx&limit=1000', AgencyList);
    expect(tx.body.data.length).toBeGreaterThan(3);
    expect(tx.body.data.every((a) => a.state === 'TX')).toBe(true);
    const paged = await allPages('/agencies?state=TX&limit=2', AgencyList, (b) => b.data);
    expect((paged.items as { agencyId: string }[]).map((a) => a.agencyId)).toEqual(
      tx.body.data.map((a) => a.agencyId),
    );
  });

  it('filters agencies by status, model, level and words of any name', async () => {
    const removed = await get('/agencies?status=removed', AgencyList);
    expect(removed.body.data.map((a) => a.name)).toEqual(["Cameron County Sheriff's Office"]);
    const pending = await get('/agencies?status=pending', AgencyList);
    expect(pending.body.data.map((a) => a.name)).toEqual(['Norman Police Department']);
    expect(pending.body.data[0]?.pendingModels).toEqual(['WSO']);
    const tfm = await get('/agencies?status=active&model=TFM', AgencyList);
    expect(tfm.body.data.map((a) => a.name).sort()).toEqual(
      [EVIL_NAME, 'Gulfport Police Department', 'Tulsa Police Department'].sort(),
    );
    const municipal = await get('/agencies?level=municipal', AgencyList);
    expect(municipal.body.data.length).toBeGreaterThan(0);
    expect(municipal.body.data.every((a) => a.level === 'municipal')).toBe(true);
    // A former name finds the agency; an abbreviation matches its expansion.
    const former = await get('/agencies?q=sheriff%20office%20marion', AgencyList);
    expect(former.body.data.map((a) => a.name)).toEqual(["Marion County Sheriff's Office and Jail"]);
    const bocc = await get('/agencies?q=board%20of%20county%20commissioners', AgencyList);
    expect(bocc.body.data.map((a) => a.name)).toEqual(['Pasco County BOCC']);
  });

  it('filters agreements by state, status, model and the date they were in force', async () => {
    const all = await listAgreements(ledger.db);
    const fl = await get('/agreements?state=FL&limit=1000', AgreementList);
    expect(fl.body.data.length).toBe(all.filter((a) => a.state === 'FL').length);
    const removed = await get('/agreements?status=removed', AgreementList);
    expect(removed.body.data.map((a) => a.name)).toEqual(["Cameron County Sheriff's Office"]);
    const jem = await get('/agreements?model=JEM&limit=1000', AgreementList);
    expect(jem.body.data.length).toBe(all.filter((a) => a.model === 'JEM').length);
    // Cameron was in force on 2025-03-03 only; Comal from 2025-03-31 only.
    const early = await get('/agreements?active_on=2025-03-03&limit=1000', AgreementList);
    const late = await get('/agreements?active_on=2025-03-31&limit=1000', AgreementList);
    const names = (b: typeof early.body) => b.data.map((a) => a.name);
    expect(names(early.body)).toContain("Cameron County Sheriff's Office");
    expect(names(early.body)).not.toContain("Comal County Sheriff's Office");
    expect(names(late.body)).toContain("Comal County Sheriff's Office");
    expect(names(late.body)).not.toContain("Cameron County Sheriff's Office");
    expect(early.body.meta.count).toBe(early.body.data.length);
  });

  it('filters events by date range, state, kind and agency', async () => {
    const all = await listChanges(ledger.db, '0001-01-01');
    const since = await get('/events?since=2025-03-17&limit=1000', EventList);
    expect(since.body.data.map((e) => e.eventId).sort()).toEqual(
      all
        .filter((e) => e.date >= '2025-03-17')
        .map((e) => e.eventId)
        .sort(),
    );
    const until = await get('/events?until=2025-03-10', EventList);
    expect(until.body.data.every((e) => e.date <= '2025-03-10')).toBe(true);
    expect(until.body.data.length).toBe(all.filter((e) => e.date <= '2025-03-10').length);
    const tx = await get('/events?state=TX', EventList);
    expect(tx.body.data.map((e) => e.kind).sort()).toEqual(['added', 'added', 'removed']);
    const renamed = await get('/events?kind=renamed', EventList);
    expect(renamed.body.data).toHaveLength(1);
    expect(renamed.body.data[0]?.title).toBe(
      "Renamed: Marion County Sheriff Office → Marion County Sheriff's Office and Jail (FL)",
    );
    const agency = renamed.body.data[0]?.agencyId as string;
    const mine = await get(`/events?agency=${agency}`, EventList);
    expect(mine.body.data.every((e) => e.agencyId === agency)).toBe(true);
    const gulfport = (await get('/events?kind=pending-to-signed', EventList)).body.data[0];
    expect(gulfport?.title).toBe('Signed (was pending): Tulsa Police Department (OK), Task Force Model');
  });

  it('filters events by model, keeping events about an agency under the models it held that day', async () => {
    const all = await listChanges(ledger.db, '0001-01-01');
    const wso = (await get('/events?model=WSO&limit=1000', EventList)).body.data;
    // Marion County's rename has no agreement, hence no model; Marion held a WSO agreement when it was renamed.
    expect(wso.map((e) => e.kind)).toContain('renamed');
    expect(wso.every((e) => e.model === 'WSO' || e.model === null)).toBe(true);
    expect(
      wso
        .filter((e) => e.model === 'WSO')
        .map((e) => e.eventId)
        .sort(),
    ).toEqual(
      all
        .filter((e) => e.model === 'WSO')
        .map((e) => e.eventId)
        .sort(),
    );
    const tfm = (await get('/events?model=TFM&limit=1000', EventList)).body.data;
    expect(tfm.length).toBeGreaterThan(0);
    expect(tfm.every((e) => e.model === 'TFM')).toBe(true);
    expect(tfm.map((e) => e.kind)).not.toContain('renamed');
    const byModel = await Promise.all(
      ['JEM', 'WSO', 'TFM'].map(
        async (m) => (await get(`/events?model=${m}&limit=1000`, EventList)).body.data,
      ),
    );
    // Every event with a model falls under exactly its own.
    expect(byModel.flat().filter((e) => e.model !== null).length).toBe(all.filter((e) => e.model).length);
    const bad = await getError('/events?model=XYZ', 400);
    expect(bad.body.error.code).toBe('invalid_request');
    expect(JSON.stringify(bad.body.error.details)).toContain('model');
  });

  it('lists publications newest first, filtered by kind', async () => {
    const snaps = await listSnapshots(ledger.db);
    const all = await get('/publications', PublicationList);
    expect(all.body.data.map((p) => p.publicationId).sort()).toEqual(snaps.map((s) => s.publication).sort());
    const dates = all.body.data.map((p) => p.asOf);
    expect(dates).toEqual([...dates].sort().reverse());
    const pending = await get('/publications?kind=pending', PublicationList);
    expect(pending.body.data.map((p) => p.date)).toEqual(['2025-03-24', '2025-03-03']);
  });
});

describe('geography endpoints', () => {
  it('gives per-county figures on a date, counties without agreements included', async () => {
    const fl = await get('/counties?state=FL&limit=1000', CountyList);
    expect(fl.body.data.date).toBe('2025-03-31');
    const byFips = new Map(fl.body.data.counties.map((c) => [c.fips, c]));
    expect(byFips.size).toBe(67);
    expect(byFips.get('12083')).toMatchObject({ agreements: { JEM: 0, WSO: 1, TFM: 0 } });
    expect(byFips.get('12083')?.population?.total).toBe(360000);
    expect(byFips.get('12086')?.agencies).toEqual([]);
    const early = await get('/counties?on=2025-03-03&state=TX&limit=1000', CountyList);
    const cameron = early.body.data.counties.find((c) => c.name === 'Cameron');
    expect(cameron?.agreements.JEM).toBe(1);
    const late = await get('/counties?state=TX&limit=1000', CountyList);
    expect(late.body.data.counties.find((c) => c.name === 'Cameron')?.agreements.JEM).toBe(0);
    const paged = await allPages('/counties?state=TX&limit=100', CountyList, (b) => b.data.counties);
    expect(paged.items).toHaveLength(254);
  });

  it('gives per-state figures and headline numbers that agree with the agreements', async () => {
    const all = await listAgreements(ledger.db);
    const active = all.filter((a) => a.status === 'active');
    const stats = (await get('/stats', StatsResponse)).body.data;
    expect(stats.agreements.active).toBe(active.length);
    expect(stats.agreements.pending).toBe(all.filter((a) => a.status === 'pending').length);
    expect(stats.agreements.byModel.JEM).toBe(active.filter((a) => a.model === 'JEM').length);
    expect(stats.states).toBe(new Set(active.map((a) => a.state)).size);
    expect(stats.agencies.active).toBe(new Set(active.map((a) => a.agencyId)).size);
    // Residents of counties with any agreement: the fixture's ACS rows of counties holding one.
    expect(stats.coverage?.anyAgreementCounties.residents).toBe(
      206000 + 360000 + 250000 + 525000 + 223000 + 650000 + 760000 + 58000,
    );
    expect(stats.coverage?.byModel.WSO.anyAgreementCounties.residents).toBe(360000);
    const states = (await get('/states', StateList)).body.data.states;
    const fl = states.find((s) => s.state === 'FL');
    expect(fl?.name).toBe('Florida');
    expect(fl?.agreements.active).toBe(active.filter((a) => a.state === 'FL').length);
    expect(fl?.coverage?.anyAgreementCounties.counties).toBe(3);
    const ok = states.find((s) => s.state === 'OK');
    expect(ok?.agencies).toEqual({ active: 1, pending: 1 });
    const march3 = (await get('/stats?on=2025-03-03', StatsResponse)).body.data;
    expect(march3.date).toBe('2025-03-03');
    expect(march3.agreements.active).toBe(12);
  });
});

describe('search', () => {
  const search = async (q: string, extra = '') =>
    (await get(`/search?q=${encodeURIComponent(q)}${extra}`, SearchResponse)).body.data;

  it('finds counties and agencies by abbreviations, ranking exact and prefix matches first', async () => {
    const stJohns = await search('st johns');
    expect(stJohns[0]).toMatchObject({
      type: 'county',
      id: '12109',
      match: 'exact',
      hasAgreement: true,
      path: '/county/12109/',
    });
    expect(stJohns[1]).toMatchObject({
      type: 'agency',
      name: "St. Johns County Sheriff's Office",
      match: 'prefix',
    });
    const saint = await search('Saint Johns County');
    expect(saint[0]?.id).toBe('12109');
    expect((await search('gulfport pd'))[0]?.name).toBe('Gulfport Police Department');
    expect((await search('pasco bocc'))[0]?.name).toBe('Pasco County BOCC');
    expect((await search('Pasco County Board of County Commissioners'))[0]?.name).toBe('Pasco County BOCC');
    expect((await search('texas'))[0]).toMatchObject({ type: 'state', id: 'TX', match: 'exact' });
    expect((await search('OK'))[0]).toMatchObject({ type: 'state', id: 'OK' });
  });

  it('tolerates typos and reports a county without any agreement as such', async () => {
    const typo = await search('gulfprot police');
    expect(typo[0]).toMatchObject({ name: 'Gulfport Police Department', match: 'fuzzy' });
    const harris = await search('harris county tx');
    expect(harris[0]).toMatchObject({ type: 'county', id: '48201', hasAgreement: false, agencyIds: [] });
    const counties = await search('marion', '&type=county&state=FL');
    expect(counties.length).toBeGreaterThan(0);
    expect(counties.every((h) => h.type === 'county' && h.state === 'FL')).toBe(true);
    expect(counties[0]).toMatchObject({ id: '12083', hasAgreement: true });
    expect(counties[0]?.agencyIds).toHaveLength(1);
    expect(await search('zzzzqqqq')).toEqual([]);
  });

  it('answers with the same bytes as serializing the hits afresh (entries serialized once)', async () => {
    const view = await new LedgerViews(ledger.db, 1000).current();
    const queries = ['st johns', 'gulfprot police', 'county', 'harris county tx', 'marion', 'fl', 'zzzzqqqq'];
    for (const q of queries)
      for (const [p, extra] of [
        [{ q, limit: 20 }, ''],
        [{ q, limit: 3, state: 'fl' }, '&state=fl'],
        [{ q, limit: 50, type: 'county' as const }, '&type=county'],
      ] as const) {
        const path = `/search?q=${encodeURIComponent(q)}&limit=${p.limit}${extra}`;
        const text = (await get(path, SearchResponse)).text;
        expect(text, JSON.stringify(p)).toBe(JSON.stringify(searchBody(view, p)));
        expect(searchJson(view, p), JSON.stringify(p)).toBe(JSON.stringify(searchBody(view, p)));
      }
  });
});

describe('HTTP behaviour', () => {
  it('sends a strong ETag and answers 304 to If-None-Match; CORS and Cache-Control on every answer', async () => {
    const first = await api.request('/agencies?state=FL');
    const firstText = await first.text();
    expect(AgencyList.parse(JSON.parse(firstText)).data.length).toBeGreaterThan(0);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=300');
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    const again = await api.request('/agencies?state=FL', { headers: { 'If-None-Match': etag as string } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('access-control-allow-origin')).toBe('*');
    expect(await again.text()).toBe('');
    const other = await api.request('/agencies?state=FL', {
      headers: { 'If-None-Match': '"something-else"' },
    });
    expect(other.status).toBe(200);
    expect(await other.text()).toBe(firstText);
    const tx = await api.request('/agencies?state=TX');
    expect(tx.headers.get('etag')).not.toBe(etag);
    // The same body gives the same tag (a hash of the body).
    const fresh = createApi({ db: ledger.db, now: FIXTURE_NOW });
    const same = await fresh.request('/agencies?state=FL');
    expect(same.headers.get('etag')).toBe(etag);
    const notFound = await api.request('/agencies/agy-zzzzzzzzzz');
    expect(notFound.headers.get('cache-control')).toBe('no-store');
    expect(notFound.headers.get('etag')).toBeNull();
  });

  it('sends bodies compressed once (br, gzip) with their own tags, and 304 on a weak or encoded tag', async () => {
    const plain = await api.request('/agencies?limit=1000');
    const text = await plain.text();
    const tag = plain.headers.get('etag') as string;
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
    for (const [accept, enc, unzip] of [
      ['gzip, deflate, br', 'br', brotliDecompressSync],
      ['gzip;q=1, br;q=0', 'gzip', gunzipSync],
    ] as const) {
      const res = await api.request('/agencies?limit=1000', { headers: { 'Accept-Encoding': accept } });
      expect(res.headers.get('content-encoding')).toBe(enc);
      expect(res.headers.get('etag')).toBe(`${tag.slice(0, -1)}-${enc}"`);
      expect(unzip(Buffer.from(await res.arrayBuffer())).toString('utf8')).toBe(text);
      const again = await api.request('/agencies?limit=1000', {
        headers: { 'Accept-Encoding': accept, 'If-None-Match': `W/${res.headers.get('etag')}` },
      });
      expect(again.status).toBe(304);
    }
    // Mounted behind a compression middleware (as the site is), bodies are not compressed twice.
    const site = new Hono();
    site.use('*', compress());
    site.route('/api/v1', api);
    const res = await site.request('/api/v1/agencies?limit=1000', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8')).toBe(text);
    expect(res.headers.get('etag')).toBe(`${tag.slice(0, -1)}-gzip"`);
  });

  it('limits requests per client: 429 with Retry-After and the error envelope, then allows again', async () => {
    let t = Date.parse('2026-01-01T00:00:00Z');
    const limited = createApi({
      db: ledger.db,
      now: () => new Date(t),
      rateLimit: { windowMs: 10_000, max: 3 },
    });
    for (let i = 0; i < 3; i++) expect((await limited.request('/stats')).status).toBe(200);
    t += 4_000;
    const res = await limited.request('/stats');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('6');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const body = ErrorBody.parse(await res.json());
    expect(body.error).toMatchObject({ status: 429, code: 'rate_limited' });
    t += 6_000;
    expect((await limited.request('/stats')).status).toBe(200);
  });

  it('keys the limit on the forwarded client address only behind a trusted proxy', async () => {
    const t = Date.parse('2026-01-01T00:00:00Z');
    const from = (ip: string) => ({ headers: { 'X-Forwarded-For': `203.0.113.9, ${ip}` } });
    for (const trustProxy of [true, false]) {
      const limited = createApi({
        db: ledger.db,
        now: () => new Date(t),
        rateLimit: { windowMs: 10_000, max: 2 },
        trustProxy,
      });
      for (let i = 0; i < 2; i++)
        expect((await limited.request('/stats', from('198.51.100.1'))).status).toBe(200);
      expect((await limited.request('/stats', from('198.51.100.1'))).status).toBe(429);
      // Another client behind the same proxy: its own budget when the proxy is trusted, the shared one otherwise.
      expect((await limited.request('/stats', from('198.51.100.2'))).status).toBe(trustProxy ? 200 : 429);
    }
  });

  it('answers 500 with the error envelope when the ledger cannot be read', async () => {
    const broken = createApi({
      db: {
        selectFrom: () => {
          throw new Error('database is gone');
        },
      } as unknown as Ledger['db'],
      now: FIXTURE_NOW,
    });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const res = await broken.request('/agencies');
      expect(res.status).toBe(500);
      expect(ErrorBody.parse(await res.json()).error.code).toBe('internal_error');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
    } finally {
      console.error = original;
    }
    expect(errors.length).toBe(1);
  });

  it('serves an OpenAPI 3.1 document with every route, its parameters and the shared components', async () => {
    const res = await api.request('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      servers: { url: string }[];
      paths: Record<
        string,
        { get?: { parameters?: { name: string; in: string }[]; responses: Record<string, unknown> } }
      >;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: '/api/v1' }]);
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/agencies',
        '/agencies/{id}',
        '/agreements',
        '/agreements/{id}',
        '/analyses',
        '/analyses/{id}',
        '/counties',
        '/documents',
        '/documents/search',
        '/documents/{sha256}',
        '/events',
        '/evidence',
        '/evidence/{id}',
        '/publications',
        '/search',
        '/states',
        '/stats',
        '/stop-datasets',
      ].sort(),
    );
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(item.get, path).toBeDefined();
      expect(Object.keys(item.get?.responses ?? {}), path).toEqual(
        expect.arrayContaining(['200', '400', '429']),
      );
    }
    const params = (p: string) =>
      (doc.paths[p]?.get?.parameters ?? []).map((x) => `${x.in}:${x.name}`).sort();
    expect(params('/agencies')).toEqual(
      [
        'query:cursor',
        'query:level',
        'query:limit',
        'query:model',
        'query:q',
        'query:state',
        'query:status',
      ].sort(),
    );
    expect(params('/agencies/{id}')).toEqual(['path:id']);
    expect(params('/agreements')).toContain('query:active_on');
    expect(params('/search')).toContain('query:q');
    for (const name of ['Meta', 'Error', 'Agreement', 'AgencyDetail', 'Event', 'CountyFigure', 'SearchHit'])
      expect(doc.components.schemas, name).toHaveProperty(name);
  });

  it('sees a new publication once the ledger changes (views rebuilt per ledger version)', async () => {
    const views = new LedgerViews(ledger.db, 0);
    const live = createApi({ db: ledger.db, now: FIXTURE_NOW, views });
    const before = await live.request('/agencies?q=lafayette');
    const beforeBody = AgencyList.parse(await before.json());
    expect(beforeBody.data).toEqual([]);
    const tag = before.headers.get('etag') as string;
    await ingest(
      ledger,
      [
        {
          file: 'participating-2025-04-07.xlsx',
          bytes: icePublication({
            kind: 'participating',
            modified: '2025-04-07T15:00:00Z',
            rows: [['LA', 'Lafayette Parish Sheriff Office', 'JEM', '2025-04-01']],
          }),
        },
      ],
      { now: FIXTURE_NOW },
    );
    // The previous view answers while the new one is built; `refresh()` waits for it.
    const stale = AgencyList.parse(await (await live.request('/agencies?q=lafayette')).json());
    expect(stale.data).toEqual([]);
    await views.refresh();
    const after = await live.request('/agencies?q=lafayette', { headers: { 'If-None-Match': tag } });
    expect(after.status).toBe(200);
    const afterBody = AgencyList.parse(await after.json());
    expect(afterBody.data.map((a) => a.name)).toEqual(['Lafayette Parish Sheriff Office']);
    expect(afterBody.meta.publication?.participating?.date).toBe('2025-04-07');
    // A cursor from before the change still pages (keys, not offsets).
    const cursor = encodeCursor('LA\u0000');
    const page = AgencyList.parse(await (await live.request(`/agencies?cursor=${cursor}&limit=1000`)).json());
    expect(page.data[0]?.name).toBe('Lafayette Parish Sheriff Office');
    expect(page.data.every((a) => a.state >= 'LA')).toBe(true);
  });
});
