/**
 * Changes about an agency itself (a move to another county: no agreement, so no model) under a model filter
 * (issue 16): the changes page, its static copy's rows and the filtered Atom feed keep such a change when the
 * agency had an agreement of that model on ICE's list that day, and drop it under any other model; the page says
 * so in both languages.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.ts';
import { createReassessApp, type ReassessApp } from '../../src/server/app.ts';
import type { Ledger } from '../../src/store/connection.ts';
import { listsOf, steadyRows, type WorldRow, worldWorkbooks } from '../fixtures/relabel-world.ts';
import { openPgliteLedger } from '../support/ledgers.ts';

const NOW = () => new Date('2025-09-01T12:00:00.000Z');
const ALPHA: WorldRow = {
  state: 'MD',
  agency: 'Alpha County Sheriff Office',
  model: 'WSO',
  signed: '2025-02-26',
  doc: 'alphacoso_wso_moa.pdf',
  county: 'Alpha',
};
const BRAVO: WorldRow = {
  state: 'MD',
  agency: 'Bravo County Sheriff Office',
  model: 'JEM',
  signed: '2025-06-30',
  doc: 'bravocoso_jem_moa.pdf',
  county: 'Bravo',
};
const DATES = ['2025-07-01', '2025-07-08', '2025-07-15'];
const LATER = ['2025-07-22', '2025-07-29'];
// The steady agencies are JEM agreements in Texas; Alpha (WSO, Maryland) moves to another county on 2025-07-22;
// Bravo (JEM) is added on 2025-07-08.
const LISTS = [
  ...listsOf(DATES.slice(0, 1), [...steadyRows(20), ALPHA]),
  ...listsOf(DATES.slice(1), [...steadyRows(20), ALPHA, BRAVO]),
  ...listsOf(LATER, [...steadyRows(20), { ...ALPHA, county: 'Beta' }, BRAVO]),
];

let ledger: Ledger;
let home: string;
let r: ReassessApp;

beforeAll(async () => {
  ({ ledger, home } = await openPgliteLedger());
  await ingest(ledger, worldWorkbooks(LISTS), { now: NOW });
  r = await createReassessApp({ db: ledger.db, now: NOW, rateLimit: false });
});
afterAll(async () => {
  await ledger?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

const get = async (path: string) => (await r.app.request(path)).text();
const rowsOf = (html: string) =>
  [
    ...html.matchAll(/<tr data-date="([^"]+)" data-state="[^"]*" data-kind="([^"]+)" data-model="([^"]*)"/g),
  ].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
const feedTitles = (xml: string) =>
  [...xml.matchAll(/<entry>[\s\S]*?<title type="text">([^<]*)</g)].map((m) => m[1]);

describe('a change about the agency itself, filtered by model', () => {
  it('is kept under the model the agency held that day and dropped under another', async () => {
    const wso = rowsOf(await get('/changes/?model=WSO'));
    expect(wso).toEqual(['2025-07-22 moved WSO']);
    expect(rowsOf(await get('/changes/?model=JEM'))).not.toContainEqual(expect.stringContaining('moved'));
    expect(rowsOf(await get('/changes/?model=JEM'))).toEqual(['2025-07-08 added JEM']);
    expect(rowsOf(await get('/changes/?kind=moved'))).toEqual(['2025-07-22 moved WSO']);
    // The feed of the same filters agrees with the page.
    const moved = feedTitles(await get('/feeds/changes.atom?kind=moved&model=WSO'));
    expect(moved).toHaveLength(1);
    expect(moved[0]).toContain('Alpha County Sheriff Office');
    expect(feedTitles(await get('/feeds/changes.atom?kind=moved&model=JEM'))).toEqual([]);
    expect(feedTitles(await get('/feeds/changes.atom?kind=moved&model=TFM'))).toEqual([]);
  });

  it('says so on the page in both languages', async () => {
    expect(await get('/changes/')).toContain(
      'Filtered by model, it is kept when the agency had an agreement of that model on ICE’s list that day.',
    );
    expect(await get('/es/changes/')).toContain(
      'Al filtrar por modelo, se muestra si ese día la agencia tenía un acuerdo de ese modelo en la lista de ICE.',
    );
  });
});
