import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVIL_NAME, FIXTURE_NOW, fixtureLedger } from '../../test/support/api-fixture.ts';
import { EvidenceIndex, type PublicRecord } from '../read/evidence.ts';
import { buildView, type LedgerView } from '../read/model.ts';
import { LedgerViews } from '../read/model-cache.ts';
import { listChanges } from '../store/agreements.ts';
import type { Ledger } from '../store/connection.ts';
import {
  buildFeeds,
  changesFeedFilter,
  FEED_ENTRIES,
  FeedQueryError,
  type FeedTarget,
  feedTarget,
  renderFeed,
  renderFeedXml,
  xmlEscape,
} from './feeds.ts';

// ---------------------------------------------------------------------------------------------------------------
// A strict parser for the XML subset feeds use: it throws on anything not well-formed (unbalanced or mismatched
// tags, a raw `<` or `&` in text or attributes, unknown entities, duplicate attributes, text outside the root).

interface El {
  name: string;
  attrs: Record<string, string>;
  children: (El | string)[];
}

const ENTITY = /&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/y;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string, where: string): string {
  let out = '';
  for (let i = 0; i < s.length; ) {
    const c = s[i] as string;
    if (c === '<') throw new Error(`raw < in ${where}`);
    if (c === '&') {
      ENTITY.lastIndex = i;
      const m = ENTITY.exec(s);
      if (!m?.[1]) throw new Error(`bad entity in ${where}: ${s.slice(i, i + 12)}`);
      const e = m[1];
      out +=
        NAMED[e] ?? String.fromCodePoint(e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)));
      i += m[0].length;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function parseXml(xml: string): El {
  let i = 0;
  const ws = () => {
    while (i < xml.length && /\s/.test(xml[i] as string)) i++;
  };
  const name = () => {
    const m = /[A-Za-z_:][\w.:-]*/y;
    m.lastIndex = i;
    const r = m.exec(xml);
    if (!r) throw new Error(`name expected at ${i}`);
    i += r[0].length;
    return r[0];
  };
  const element = (): El => {
    if (xml[i] !== '<') throw new Error(`< expected at ${i}`);
    i++;
    const el: El = { name: name(), attrs: {}, children: [] };
    for (;;) {
      ws();
      if (xml.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (xml[i] === '>') {
        i++;
        break;
      }
      const a = name();
      ws();
      if (xml[i] !== '=') throw new Error(`= expected at ${i}`);
      i++;
      ws();
      const q = xml[i];
      if (q !== '"' && q !== "'") throw new Error(`quote expected at ${i}`);
      const end = xml.indexOf(q, i + 1);
      if (end < 0) throw new Error('unterminated attribute');
      if (a in el.attrs) throw new Error(`duplicate attribute ${a}`);
      el.attrs[a] = decode(xml.slice(i + 1, end), `attribute ${a}`);
      i = end + 1;
    }
    for (;;) {
      if (xml.startsWith('</', i)) {
        i += 2;
        const n = name();
        if (n !== el.name) throw new Error(`</${n}> closes <${el.name}>`);
        ws();
        if (xml[i] !== '>') throw new Error(`> expected at ${i}`);
        i++;
        return el;
      }
      if (xml[i] === '<') el.children.push(element());
      else {
        const next = xml.indexOf('<', i);
        if (next < 0) throw new Error(`<${el.name}> not closed`);
        el.children.push(decode(xml.slice(i, next), `<${el.name}>`));
        i = next;
      }
    }
  };
  if (xml.startsWith('<?xml')) i = xml.indexOf('?>') + 2;
  ws();
  const root = element();
  ws();
  if (i !== xml.length) throw new Error('content after the root element');
  return root;
}

const kids = (el: El, name: string) =>
  el.children.filter((c): c is El => typeof c !== 'string' && c.name === name);
const text = (el: El | undefined) =>
  el ? el.children.filter((c) => typeof c === 'string').join('') : undefined;
const child = (el: El, name: string) => kids(el, name)[0];

// ---------------------------------------------------------------------------------------------------------------

let ledger: Ledger;
let dispose: () => Promise<void>;
let view: LedgerView;
const BASE = 'https://reassess.example.org';

beforeAll(async () => {
  ({ ledger, dispose } = await fixtureLedger());
  view = await buildView(ledger.db);
});

afterAll(async () => {
  await dispose?.();
});

describe('the strict XML parser of this test', () => {
  it('refuses what is not well-formed', () => {
    expect(() => parseXml('<a><b></a>')).toThrow();
    expect(() => parseXml('<a>x & y</a>')).toThrow();
    expect(() => parseXml('<a>x < y</a>')).toThrow();
    expect(() => parseXml('<a t="<"/>')).toThrow();
    expect(() => parseXml('<a>&nbsp;</a>')).toThrow();
    expect(() => parseXml('<a/><b/>')).toThrow();
    expect(text(parseXml('<a>&lt;&#38;&#x27;</a>'))).toBe("<&'");
  });
});

describe('Atom feeds', () => {
  it('builds the national feed, one per state and one per agency, all well-formed Atom', async () => {
    const feeds = await buildFeeds(ledger.db, BASE, FIXTURE_NOW, view);
    const paths = feeds.map((f) => f.path);
    expect(paths[0]).toBe('feeds/events.atom');
    for (const a of view.agencies) expect(paths).toContain(`feeds/agency/${a.agencyId}.atom`);
    for (const s of ['AL', 'FL', 'GA', 'MS', 'OK', 'TX']) expect(paths).toContain(`feeds/state/${s}.atom`);
    for (const f of feeds) {
      const feed = parseXml(f.body);
      expect(feed.name).toBe('feed');
      expect(feed.attrs.xmlns).toBe('http://www.w3.org/2005/Atom');
      for (const required of ['id', 'title', 'updated', 'author'])
        expect(child(feed, required), required).toBeDefined();
      const self = kids(feed, 'link').find((l) => l.attrs.rel === 'self');
      expect(self?.attrs.href).toBe(`${BASE}/${f.path}`);
      for (const e of kids(feed, 'entry'))
        for (const required of ['id', 'title', 'updated', 'link'])
          expect(child(e, required), `${f.path} entry ${required}`).toBeDefined();
    }
  });

  it('lists every event of the ledger in the national feed, newest first, with plain-English titles', async () => {
    const xml = renderFeedXml(view, { kind: 'all' }, BASE, FIXTURE_NOW) as string;
    const feed = parseXml(xml);
    const entries = kids(feed, 'entry');
    const events = await listChanges(ledger.db, '0001-01-01');
    expect(entries).toHaveLength(events.length);
    const ids = entries.map((e) => text(child(e, 'id')) as string);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.map((id) => id.replace(/^tag:reassess\.example\.org,2025:event:/, '')).sort()).toEqual(
      events.map((e) => e.eventId).sort(),
    );
    const updated = entries.map((e) => text(child(e, 'updated')) as string);
    expect(updated).toEqual([...updated].sort().reverse());
    expect(text(child(feed, 'updated'))).toBe(updated[0]);
    const titles = entries.map((e) => text(child(e, 'title')));
    expect(titles).toContain('Added: Cobb County Sheriff Office (GA), Jail Enforcement Model');
    expect(titles).toContain("Removed: Cameron County Sheriff's Office (TX), Jail Enforcement Model");
    const cobb = entries.find((e) => text(child(e, 'title'))?.startsWith('Added: Cobb')) as El;
    const cobbId = view.agencies.find((a) => a.name === 'Cobb County Sheriff Office')?.agencyId;
    expect(child(cobb, 'link')?.attrs.href).toBe(`${BASE}/agency/${cobbId}/`);
  });

  it('escapes markup, quotes and ampersands from agency names', () => {
    const evil = view.agencies.find((a) => a.name === EVIL_NAME);
    expect(evil).toBeDefined();
    for (const t of [{ kind: 'all' as const }, { kind: 'state' as const, state: 'AL' }]) {
      const xml = renderFeedXml(view, t, BASE, FIXTURE_NOW) as string;
      expect(xml).not.toContain('<script>');
      expect(xml).toContain('&lt;script&gt;');
      expect(xml).toContain('&quot;Evil&quot;');
      expect(xml).toContain('&amp; Sons');
      const titles = kids(parseXml(xml), 'entry').map((e) => text(child(e, 'title')));
      expect(titles).toContain(`Added: ${EVIL_NAME} (AL), Task Force Model`);
    }
    const own = renderFeedXml(
      view,
      { kind: 'agency', agencyId: evil?.agencyId as string },
      BASE,
      FIXTURE_NOW,
    );
    expect(text(child(parseXml(own as string), 'title'))).toBe(`287(g): ${EVIL_NAME} (AL)`);
  });

  it('keeps to its state or agency', () => {
    const tx = kids(
      parseXml(renderFeedXml(view, { kind: 'state', state: 'TX' }, BASE, FIXTURE_NOW) as string),
      'entry',
    );
    const txEvents = view.events.filter((e) => e.state === 'TX');
    expect(tx.map((e) => text(child(e, 'title')))).toEqual(txEvents.map((e) => e.title));
    const marion = view.agencies.find((a) => a.name.startsWith('Marion'))?.agencyId as string;
    const mine = kids(
      parseXml(renderFeedXml(view, { kind: 'agency', agencyId: marion }, BASE, FIXTURE_NOW) as string),
      'entry',
    );
    expect(mine.map((e) => text(child(e, 'title')))).toEqual([
      "Renamed: Marion County Sheriff Office → Marion County Sheriff's Office and Jail (FL)",
    ]);
    expect(renderFeedXml(view, { kind: 'agency', agencyId: 'agy-zzzzzzzzzz' }, BASE, FIXTURE_NOW)).toBeNull();
  });

  it(`keeps the latest ${FEED_ENTRIES} events`, () => {
    const template = view.events[0];
    if (!template) throw new Error('fixture has no events');
    const many = Array.from({ length: 150 }, (_, i) => ({
      ...template,
      eventId: `evt-${String(i).padStart(16, '0')}`,
      date: `2025-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    })).reverse();
    const xml = renderFeedXml({ ...view, events: many }, { kind: 'all' }, BASE, FIXTURE_NOW) as string;
    const entries = kids(parseXml(xml), 'entry');
    expect(entries).toHaveLength(FEED_ENTRIES);
    expect(text(child(entries[0] as El, 'updated'))).toBe(`${many[0]?.date}T00:00:00Z`);
  });

  it('renders one feed on demand from a path', async () => {
    const views = new LedgerViews(ledger.db);
    expect(feedTarget('/feeds/state/tx.atom')).toEqual({ kind: 'state', state: 'TX' });
    expect(feedTarget('feeds/events.atom')).toEqual({ kind: 'all' });
    expect(feedTarget('/feeds/agency/agy-../x.atom')).toBeNull();
    expect(feedTarget('/feeds/other.atom')).toBeNull();
    const onDemand = await renderFeed(views, '/feeds/state/FL.atom', BASE, FIXTURE_NOW);
    expect(onDemand).toBe(renderFeedXml(view, { kind: 'state', state: 'FL' }, BASE, FIXTURE_NOW));
    expect(await renderFeed(views, '/feeds/nope.atom', BASE, FIXTURE_NOW)).toBeNull();
  });

  it('lists in a changes feed exactly the events of its filter, with the filter in its title and links', async () => {
    const events = await listChanges(ledger.db, '0001-01-01');
    const filters = [
      { state: 'TX', model: 'JEM', kind: 'removed' },
      { state: 'TX', model: '', kind: 'added' },
      { state: '', model: 'TFM', kind: '' },
      { state: 'GA', model: '', kind: '' },
    ];
    let nonEmpty = 0;
    for (const f of filters) {
      const q = new URLSearchParams(Object.entries(f).filter(([, v]) => v));
      const xml = (await renderFeed(view, '/feeds/changes.atom', BASE, FIXTURE_NOW, q)) as string;
      const feed = parseXml(xml);
      const ids = kids(feed, 'entry').map((e) => (text(child(e, 'id')) as string).replace(/^.*:event:/, ''));
      const want = events.filter(
        (e) =>
          (!f.state || e.state === f.state) &&
          (!f.model || e.model === f.model) &&
          (!f.kind || e.kind === f.kind),
      );
      expect(ids.sort(), q.toString()).toEqual(want.map((e) => e.eventId).sort());
      if (ids.length > 0) nonEmpty++;
      const links = kids(feed, 'link');
      expect(links.find((l) => l.attrs.rel === 'self')?.attrs.href).toBe(`${BASE}/feeds/changes.atom?${q}`);
      expect(links.find((l) => l.attrs.rel === 'alternate')?.attrs.href).toBe(`${BASE}/changes/?${q}`);
    }
    expect(nonEmpty).toBeGreaterThanOrEqual(3);
    const title = (q: string) =>
      text(
        child(
          parseXml(
            renderFeedXml(
              view,
              feedTarget('/feeds/changes.atom', new URLSearchParams(q)) as FeedTarget,
              BASE,
              FIXTURE_NOW,
            ) as string,
          ),
          'title',
        ),
      );
    expect(title('state=tx&model=wso&kind=removed')).toBe(
      '287(g) agreements in Texas: changes, WSO (Warrant Service Officer), Removed',
    );
    expect(title('')).toBe('287(g) agreements: every change');
  });

  it('refuses a changes feed filter it cannot answer, naming the parameter; ignores unknown parameters', () => {
    const bad = (q: string) => () => changesFeedFilter(new URLSearchParams(q));
    expect(bad('state=ZZ')).toThrow(FeedQueryError);
    expect(bad('state=Texas')).toThrow(/state: "Texas" is not a USPS state code/);
    expect(bad('model=XYZ')).toThrow(/model: "XYZ" is not one of JEM, WSO, TFM/);
    expect(bad('kind=deleted')).toThrow(/kind: "deleted" is not one of/);
    expect(bad('from=yesterday')).toThrow(/from: "yesterday" is not a date/);
    expect(bad('to=2025-13-01')).toThrow(/to: "2025-13-01" is not a date/);
    expect(bad('to=2025-02-30')).toThrow(/to: "2025-02-30" is not a date/);
    expect(bad('from=2025-05-01&to=2025-04-01')).toThrow(/from 2025-05-01 is after to 2025-04-01/);
    expect(bad('state=TX&state=FL')).toThrow(/state: given 2 times/);
    expect(bad(`kind=${'x'.repeat(5000)}`)).toThrow(/kind: "x{40}" is not one of/);
    expect(changesFeedFilter(new URLSearchParams('utm_source=x&state=tx&model=wso&kind=&page=3'))).toEqual({
      from: '',
      to: '',
      state: 'TX',
      model: 'WSO',
      kind: '',
    });
  });

  it('writes each feed in Spanish too: Spanish titles and entries, links to the Spanish pages, well-formed', async () => {
    const feeds = await buildFeeds(ledger.db, BASE, FIXTURE_NOW, view);
    const english = feeds.filter((f) => f.path.startsWith('feeds/'));
    const spanish = feeds.filter((f) => f.path.startsWith('es/'));
    expect(english.map((f) => f.path)).toContain('feeds/evidence.atom');
    expect(spanish.map((f) => f.path)).toEqual(english.map((f) => `es/${f.path}`));
    const es = parseXml(renderFeedXml(view, { kind: 'all', lang: 'es' }, BASE, FIXTURE_NOW) as string);
    expect(es.attrs['xml:lang']).toBe('es');
    expect(text(child(es, 'title'))).toBe('Acuerdos 287(g): todos los cambios');
    expect(text(child(es, 'subtitle'))).toBe(
      'Cambios en las listas 287(g) que publica ICE, recopilados por Reassess',
    );
    const links = kids(es, 'link');
    expect(links.find((l) => l.attrs.rel === 'self')?.attrs.href).toBe(`${BASE}/es/feeds/events.atom`);
    expect(links.find((l) => l.attrs.rel === 'alternate')?.attrs.href).toBe(`${BASE}/es/`);
    const entries = kids(es, 'entry');
    expect(entries).toHaveLength(view.events.length);
    const titles = entries.map((e) => text(child(e, 'title')));
    expect(titles).toContain('Añadida: Cobb County Sheriff Office (GA), Modelo de control en cárceles');
    expect(titles).toContain("Retirada: Cameron County Sheriff's Office (TX), Modelo de control en cárceles");
    expect(titles).toContain(
      "Cambio de nombre: Marion County Sheriff Office → Marion County Sheriff's Office and Jail (FL)",
    );
    const cobb = entries.find((e) => text(child(e, 'title'))?.startsWith('Añadida: Cobb')) as El;
    const cobbId = view.agencies.find((a) => a.name === 'Cobb County Sheriff Office')?.agencyId;
    expect(child(cobb, 'link')?.attrs.href).toBe(`${BASE}/es/agency/${cobbId}/`);
    expect(text(child(cobb, 'summary'))).toMatch(
      /Lista: lista de participantes\. Visto en la lista de participantes de ICE del \d+ de [a-z]+ de \d{4} \(publicación \d+\)\./,
    );
    expect(text(child(cobb, 'id'))).toMatch(/^tag:reassess\.example\.org,2025:es\/event:evt-/);
    // The state's and a filtered view's titles; the English feed of the same path is as before.
    const title = (path: string, q = '') =>
      text(
        child(
          parseXml(
            renderFeedXml(
              view,
              feedTarget(path, new URLSearchParams(q)) as FeedTarget,
              BASE,
              FIXTURE_NOW,
            ) as string,
          ),
          'title',
        ),
      );
    expect(title('/es/feeds/state/TX.atom')).toBe('Acuerdos 287(g) en Texas: todos los cambios');
    expect(title('/es/feeds/changes.atom', 'state=TX&model=WSO&kind=removed&from=2025-01-01')).toBe(
      'Acuerdos 287(g) en Texas: cambios, WSO (Oficial de servicio de órdenes), Retirada, desde 2025-01-01',
    );
    expect(title('/feeds/state/TX.atom')).toBe('287(g) agreements in Texas: every change');
    expect(feedTarget('/es/feeds/state/tx.atom')).toEqual({ kind: 'state', state: 'TX', lang: 'es' });
    expect(await renderFeed(view, '/es/feeds/nope.atom', BASE, FIXTURE_NOW)).toBeNull();
    for (const f of spanish) {
      const feed = parseXml(f.body);
      expect(feed.attrs['xml:lang'], f.path).toBe('es');
      expect(f.body, f.path).not.toMatch(/<title type="text">(Added|Removed|Renamed|287\(g\) agreements)/);
    }
  });

  it('writes the evidence feed in Spanish: Spanish words and links, its own entry IDs, the record as written', async () => {
    const record = (id: string, over: Partial<PublicRecord>): PublicRecord => ({
      recordId: id,
      version: 1,
      agencyId: null,
      agencyName: "Harris County Sheriff's Office",
      state: 'TX',
      countyFips: '48201',
      kind: 'doj-findings',
      date: '2009-03-04',
      title: 'Findings on the jail <b>& more</b>',
      summary: 'What the findings say, in the editor’s words.',
      status: 'found',
      criteria: ['jail-conditions'],
      checklist: [],
      sources: [
        {
          url: 'https://www.justice.gov/example',
          publisher: 'DOJ',
          date: null,
          quote: 'q',
          archivedSha256: null,
          archives: [],
        },
      ],
      retracted: null,
      editor: { name: 'A', at: '2026-01-01T00:00:00Z' },
      reviewer: { name: 'B', at: '2026-01-02T00:00:00Z' },
      firstPublishedAt: '2026-01-02T00:00:00Z',
      publishedAt: '2026-01-02T00:00:00Z',
      updatedAt: '2026-01-02T00:00:00Z',
      ...over,
    });
    const shown = record('evd-aaaaaaaaaa', {});
    const retracted = record('evd-bbbbbbbbbb', {
      title: 'A misread ruling',
      retracted: { at: '2026-02-05T10:00:00Z', reason: 'The source was misread.' },
      updatedAt: '2026-02-05T10:00:00Z',
    });
    const withEvidence = { ...view, evidence: new EvidenceIndex([shown, retracted]) };
    const xml = (await renderFeed(withEvidence, '/es/feeds/evidence.atom', BASE, FIXTURE_NOW)) as string;
    const feed = parseXml(xml);
    expect(feed.attrs.xmlns).toBe('http://www.w3.org/2005/Atom');
    expect(feed.attrs['xml:lang']).toBe('es');
    expect(text(child(feed, 'id'))).toBe('tag:reassess.example.org,2025:es/feeds/evidence.atom');
    expect(text(child(feed, 'title'))).toBe('Agencias 287(g): registros de pruebas');
    expect(text(child(feed, 'subtitle'))).toBe(
      'Registros revisados y con fuentes del historial de derechos civiles, recopilados por Reassess',
    );
    const links = kids(feed, 'link');
    expect(links.find((l) => l.attrs.rel === 'self')?.attrs.href).toBe(`${BASE}/es/feeds/evidence.atom`);
    expect(links.find((l) => l.attrs.rel === 'alternate')?.attrs.href).toBe(`${BASE}/es/evidence/`);
    const entries = kids(feed, 'entry');
    // Newest change first: the retraction updated its entry.
    expect(entries.map((e) => text(child(e, 'id')))).toEqual([
      'tag:reassess.example.org,2025:es/evidence:evd-bbbbbbbbbb',
      'tag:reassess.example.org,2025:es/evidence:evd-aaaaaaaaaa',
    ]);
    const [gone, kept] = entries as [El, El];
    expect(text(child(gone, 'title'))).toBe('Retirado: A misread ruling');
    expect(text(child(gone, 'summary'))).toBe(
      [
        "Harris County Sheriff's Office (TX), 4 de marzo de 2009.",
        'What the findings say, in the editor’s words.',
        'Retirado el 5 de febrero de 2026: The source was misread.',
        'Fuentes: https://www.justice.gov/example',
      ].join('\n'),
    );
    expect(child(gone, 'link')?.attrs.href).toBe(`${BASE}/es/evidence/evd-bbbbbbbbbb/`);
    // The record's own words stay as written (escaped); only the fixed words are Spanish.
    expect(text(child(kept, 'title'))).toBe('Findings on the jail <b>& more</b>');
    expect(xml).toContain('Findings on the jail &lt;b&gt;&amp; more&lt;/b&gt;');
    expect(child(kept, 'link')?.attrs.href).toBe(`${BASE}/es/evidence/evd-aaaaaaaaaa/`);
    expect(xml).not.toMatch(/Retracted|Sources:/);
    // The English feed of the same records: as before, other entry IDs.
    const en = parseXml((await renderFeed(withEvidence, 'feeds/evidence.atom', BASE, FIXTURE_NOW)) as string);
    expect(en.attrs['xml:lang']).toBeUndefined();
    expect(text(child(en, 'title'))).toBe('287(g) agencies: evidence records');
    const enGone = kids(en, 'entry')[0] as El;
    expect(text(child(enGone, 'id'))).toBe('tag:reassess.example.org,2025:evidence:evd-bbbbbbbbbb');
    expect(text(child(enGone, 'title'))).toBe('Retracted: A misread ruling');
    expect(text(child(enGone, 'summary'))).toContain('Retracted on 2026-02-05: The source was misread.');
    expect(text(child(enGone, 'summary'))).toContain('Sources: https://www.justice.gov/example');
    expect(child(enGone, 'link')?.attrs.href).toBe(`${BASE}/evidence/evd-bbbbbbbbbb/`);
  });

  it('escapes every XML special character and replaces characters XML forbids', () => {
    expect(xmlEscape(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    expect(xmlEscape('a\u0000b\u001fc\td\ne')).toBe('a\uFFFDb\uFFFDc\td\ne');
    expect(xmlEscape('x\uD800y 😀')).toBe('x\uFFFDy 😀');
    expect(() => parseXml(`<t>${xmlEscape(EVIL_NAME)}</t>`)).not.toThrow();
  });
});
