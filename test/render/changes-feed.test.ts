/**
 * The changes page's filtered view on the live server (issue 16, item 5): the model filter keeps only that model's
 * changes, the chart of additions and removals by month is drawn with its table, and the page links the Atom feed
 * of exactly its filters (in the page and in its head); that feed lists only the matching events, refuses a bad
 * value with 400 naming the parameter, and ignores parameters it does not know.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReassessApp, type ReassessApp } from '../../src/server/app.ts';
import { listChanges } from '../../src/store/agreements.ts';
import { NOW, webLedger } from '../browser/fixture.ts';

let fx: Awaited<ReturnType<typeof webLedger>>;
let r: ReassessApp;

beforeAll(async () => {
  fx = await webLedger();
  r = await createReassessApp({ db: fx.ledger.db, now: NOW, rateLimit: false });
});
afterAll(async () => {
  await fx?.dispose();
});

async function get(path: string) {
  const res = await r.app.request(path);
  return { res, text: await res.text() };
}

const entryIds = (xml: string) =>
  [...xml.matchAll(/<id>[^<]*:event:(evt-[0-9a-f]+)<\/id>/g)].map((m) => m[1]);

describe('the changes page and its feed', () => {
  it('filters by model, draws the chart of additions and removals with its table, and links its own feed', async () => {
    const all = await listChanges(fx.ledger.db, '1900-01-01');
    const jem = all.filter((c) => c.model === 'JEM');
    expect(jem.length).toBeGreaterThan(0);
    expect(jem.length).toBeLessThan(all.length);
    const { text } = await get('/changes/?model=jem&kind=&utm_source=x');
    const rows = [
      ...text.matchAll(/<tr data-date="[^"]+" data-state="[^"]*" data-kind="[^"]+" data-model="([^"]*)"/g),
    ];
    expect(rows.map((m) => m[1])).toEqual(jem.map(() => 'JEM'));
    expect(text).toMatch(/<option value="JEM" selected/);
    // The chart: an SVG with a title and a description, bars for the months with additions, and its table.
    expect(text).toMatch(/<figure class="chart changes-chart" id="changes-chart"><svg[^>]*role="img"/);
    const added = jem.filter((c) => c.kind === 'added');
    const months = new Set(added.map((c) => c.date.slice(0, 7)));
    expect(text.match(/<rect class="bar-added"/g)?.length).toBe(months.size);
    expect(text).toContain(`${added.length} addition`);
    expect(text).toContain('Additions and removals by month (table)');
    // The feed of exactly this filter, in the page and in its head.
    expect(text).toContain('<a id="changes-feed" href="/feeds/changes.atom?model=JEM"');
    expect(text).toMatch(
      /<link rel="alternate" type="application\/atom\+xml" title="Feed of these changes \(Atom\)" href="\/feeds\/changes\.atom\?model=JEM">/,
    );
    const es = (await get('/es/changes/?state=TX&model=JEM&kind=added')).text;
    // The Spanish page links the Spanish feed of its filters, in the page and in its head, and the Spanish feeds.
    expect(es).toContain(
      'id="changes-feed" href="/es/feeds/changes.atom?state=TX&amp;model=JEM&amp;kind=added"',
    );
    expect(es).toMatch(
      /<link rel="alternate" type="application\/atom\+xml" title="[^"]+" href="\/es\/feeds\/events\.atom">/,
    );
    expect(es).toMatch(
      /<link rel="alternate" type="application\/atom\+xml" title="[^"]+" href="\/es\/feeds\/changes\.atom\?state=TX&amp;model=JEM&amp;kind=added">/,
    );
    expect(es).toContain('<a href="/es/feeds/events.atom">');
    expect(es).not.toContain('href="/feeds/');
    expect(es).toContain('Altas y bajas por mes (tabla)');
  });

  it('lists in the filtered feed only the matching events, and answers 400 to a bad value', async () => {
    const all = await listChanges(fx.ledger.db, '1900-01-01');
    // A removal's state and model: the feed of that state, model and kind holds it and its like, nothing else.
    const one = all.find((c) => c.kind === 'removed' && c.model && c.state);
    if (!one) throw new Error('the fixture has no removal with a model');
    const [state, model] = [one.state as string, one.model as string];
    const want = all.filter((c) => c.state === state && c.model === model && c.kind === 'removed');
    const feed = await get(`/feeds/changes.atom?kind=removed&utm_source=x&model=${model}&state=${state}`);
    expect(feed.res.status).toBe(200);
    expect(feed.res.headers.get('content-type')).toContain('application/atom+xml');
    expect(entryIds(feed.text).sort()).toEqual(want.map((c) => c.eventId).sort());
    expect(feed.text).toContain('<link rel="self" type="application/atom+xml" href="');
    expect(feed.text).toContain(`/feeds/changes.atom?state=${state}&amp;model=${model}&amp;kind=removed"/>`);
    expect(entryIds(feed.text).length).toBeLessThan(all.length);
    const everything = await get('/feeds/changes.atom');
    expect(entryIds(everything.text).length).toBe(Math.min(100, all.length));
    for (const bad of ['state=ZZ', 'model=XYZ', 'kind=deleted', 'from=yesterday', 'state=TX&state=FL']) {
      const res = await get(`/feeds/changes.atom?${bad}`);
      expect(res.res.status, bad).toBe(400);
      expect(res.text).toMatch(new RegExp(`^Bad feed filter: ${bad.split('=')[0]}`));
    }
    // The Spanish feed of the same filter: the same entries, Spanish words, the same 400s.
    const es = await get(`/es/feeds/changes.atom?kind=removed&model=${model}&state=${state}`);
    expect(es.res.status).toBe(200);
    expect(es.res.headers.get('content-type')).toContain('application/atom+xml');
    expect(
      [...es.text.matchAll(/<id>[^<]*:es\/event:(evt-[0-9a-f]+)<\/id>/g)].map((m) => m[1]).sort(),
    ).toEqual(want.map((c) => c.eventId).sort());
    expect(es.text).toMatch(
      /<title type="text">Acuerdos 287\(g\) en [^<]+: cambios, [A-Z]{3} \([^)]+\), Retirada<\/title>/,
    );
    expect((await get('/es/feeds/changes.atom?model=XYZ')).res.status).toBe(400);
    expect((await get('/es/feeds/nope.atom')).res.status).toBe(404);
    expect((await get('/es/feeds/events.atom')).text).toContain(
      '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es">',
    );
    // Other feeds ignore the query, as before.
    expect((await get('/feeds/state/TX.atom?model=XYZ')).res.status).toBe(200);
  });
});
