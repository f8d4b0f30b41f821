/**
 * Atom 1.0 feeds of events: national (`feeds/events.atom`), per state (`feeds/state/XX.atom`), per agency
 * (`feeds/agency/agy-….atom`) and, on the live server only, the changes page's filtered view
 * (`feeds/changes.atom?state=TX&model=WSO&kind=removed`, the page's parameters checked strictly: a bad value is a
 * FeedQueryError, which the server answers with 400), the latest 100 events each, newest first. Each also in
 * Spanish under `es/` (`es/feeds/events.atom`, …: Spanish titles and entries, links to the Spanish pages;
 * feed-words.ts). The evidence feed (evidence-feed.ts) is served and exported beside them, in both languages. Every text is XML-escaped (names come
 * from ICE's spreadsheets and may hold anything). `renderFeed` renders one feed on demand for the live server;
 * `buildFeeds` renders them all for the static export.
 */
import { LICENCE } from '../api/envelope.ts';
import type { TEvent } from '../api/schemas.ts';
import { pageText } from '../domain/display-text.ts';
import { buildView, type LedgerView } from '../read/model.ts';
import { LedgerViews } from '../read/model-cache.ts';
import { stateByUsps } from '../reference/us-states.ts';
import type { Db } from '../store/db.ts';
import {
  CHANGE_KINDS,
  CHANGE_MODELS,
  type ChangeFilter,
  FILTER_KEYS,
  filterQuery,
  isFilterDate,
  matches,
  NO_FILTER,
} from '../web/change-filter.ts';
import type { Lang } from '../web/i18n.ts';
import { evidenceFeedLang, evidenceFeedPath, evidenceFeedXml } from './evidence-feed.ts';
import { allTitle, changesTitle, entryWords, FEED_SUBTITLE } from './feed-words.ts';

export const FEED_ENTRIES = 100;
export const ATOM_TYPE = 'application/atom+xml; charset=utf-8';

/** Replaces what XML 1.0 does not allow at all (most control characters, lone surrogates, U+FFFE/U+FFFF). */
function xmlChars(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let bad = (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff;
    if (c >= 0xd800 && c <= 0xdbff) {
      const n = s.charCodeAt(i + 1);
      if (n >= 0xdc00 && n <= 0xdfff) i++;
      else bad = true;
    } else if (c >= 0xdc00 && c <= 0xdfff) bad = true;
    if (bad) {
      out += `${s.slice(from, i)}\uFFFD`;
      from = i + 1;
    }
  }
  return from === 0 ? s : out + s.slice(from);
}

/** Text or attribute value, escaped for XML. */
export function xmlEscape(s: string): string {
  return xmlChars(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export type FeedTarget = (
  | { kind: 'all' }
  | { kind: 'state'; state: string }
  | { kind: 'agency'; agencyId: string }
  | { kind: 'changes'; filter: ChangeFilter }
) & {
  /** The Spanish feed (`es/feeds/…`); English when absent. */
  lang?: Lang;
};

/** A filtered feed's query that cannot be answered (the server's 400), with the reason in plain words. */
export class FeedQueryError extends Error {}

/** One parameter of a filtered feed, checked: '' when absent or empty; a bad value throws FeedQueryError. */
function feedParam(q: URLSearchParams, key: (typeof FILTER_KEYS)[number]): string {
  const all = q.getAll(key);
  if (all.length > 1) throw new FeedQueryError(`${key}: given ${all.length} times; give it once`);
  const raw = all[0] ?? '';
  if (raw === '') return '';
  const v = key === 'state' || key === 'model' ? raw.toUpperCase() : raw;
  const ok =
    key === 'from' || key === 'to'
      ? isFilterDate(v)
      : key === 'state'
        ? v.length === 2 && stateByUsps(v) !== undefined
        : key === 'model'
          ? CHANGE_MODELS.includes(v)
          : CHANGE_KINDS.includes(v);
  if (ok) return v;
  const shown = JSON.stringify(raw.slice(0, 40));
  if (key === 'from' || key === 'to') throw new FeedQueryError(`${key}: ${shown} is not a date (YYYY-MM-DD)`);
  if (key === 'state') throw new FeedQueryError(`state: ${shown} is not a USPS state code (TX, FL, …)`);
  const of = key === 'model' ? CHANGE_MODELS : CHANGE_KINDS;
  throw new FeedQueryError(`${key}: ${shown} is not one of ${of.join(', ')}`);
}

/**
 * The filter of a changes feed from its query, strictly: each of from, to, state, model and kind at most once and
 * with a value the changes page offers (from not after to); other parameters are ignored, as pages ignore them.
 */
export function changesFeedFilter(q: URLSearchParams): ChangeFilter {
  const f = { ...NO_FILTER };
  for (const k of FILTER_KEYS) f[k] = feedParam(q, k);
  if (f.from && f.to && f.from > f.to) throw new FeedQueryError(`from ${f.from} is after to ${f.to}`);
  return f;
}

/**
 * The feed a path names (`feeds/events.atom`, `/feeds/state/TX.atom`, `feeds/agency/agy-….atom`, and
 * `feeds/changes.atom` with the filter of `query`; each also under `es/`), or null. Throws FeedQueryError for a bad
 * filter.
 */
export function feedTarget(path: string, query: URLSearchParams = new URLSearchParams()): FeedTarget | null {
  const p = path.replace(/^\/+/, '');
  if (p.startsWith('es/feeds/')) {
    const t = feedTarget(p.slice(3), query);
    return t ? { ...t, lang: 'es' } : null;
  }
  if (p === 'feeds/events.atom') return { kind: 'all' };
  if (p === 'feeds/changes.atom') return { kind: 'changes', filter: changesFeedFilter(query) };
  const s = /^feeds\/state\/([A-Za-z]{2})\.atom$/.exec(p);
  if (s?.[1]) return { kind: 'state', state: s[1].toUpperCase() };
  const a = /^feeds\/agency\/(agy-[a-z0-9]{10})\.atom$/.exec(p);
  if (a?.[1]) return { kind: 'agency', agencyId: a[1] };
  return null;
}

export function feedPath(t: FeedTarget): string {
  return t.lang === 'es' ? `es/${englishPath(t)}` : englishPath(t);
}

function englishPath(t: FeedTarget): string {
  if (t.kind === 'all') return 'feeds/events.atom';
  if (t.kind === 'state') return `feeds/state/${t.state}.atom`;
  if (t.kind === 'changes') {
    const q = filterQuery(t.filter);
    return q ? `feeds/changes.atom?${q}` : 'feeds/changes.atom';
  }
  return `feeds/agency/${t.agencyId}.atom`;
}

function trimBase(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

/** Tag URI authority (the site's host), or null when the base URL has none. */
function tagAuthority(baseUrl: string): string | null {
  try {
    const host = new URL(baseUrl).hostname;
    return host && /^[a-z0-9.-]+$/i.test(host) ? host.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** An entry's ID; a Spanish entry is another entry than the English one of the same event. */
function entryId(baseUrl: string, eventId: string, lang: Lang = 'en'): string {
  const host = tagAuthority(baseUrl);
  const es = lang === 'es' ? 'es/' : '';
  return host ? `tag:${host},2025:${es}event:${eventId}` : `urn:reassess:${es}event:${eventId}`;
}

function feedId(baseUrl: string, path: string): string {
  const host = tagAuthority(baseUrl);
  return host ? `tag:${host},2025:${path}` : `urn:reassess:${path}`;
}

const instant = (date: string) => `${date}T00:00:00Z`;

function entry(e: TEvent, baseUrl: string, view: LedgerView, lang: Lang): string {
  const link = `${trimBase(baseUrl)}${lang === 'es' ? '/es' : ''}/agency/${e.agencyId}/`;
  const { title, summary } = entryWords(e, view, lang);
  return [
    '  <entry>',
    `    <id>${xmlEscape(entryId(baseUrl, e.eventId, lang))}</id>`,
    `    <title type="text">${xmlEscape(pageText(title))}</title>`,
    `    <link rel="alternate" type="text/html" href="${xmlEscape(link)}"/>`,
    `    <published>${xmlEscape(instant(e.date))}</published>`,
    `    <updated>${xmlEscape(instant(e.date))}</updated>`,
    `    <category term="${xmlEscape(e.kind)}"/>`,
    ...(e.state ? [`    <category term="${xmlEscape(e.state)}" label="${xmlEscape(e.state)}"/>`] : []),
    `    <summary type="text">${xmlEscape(pageText(summary))}</summary>`,
    '  </entry>',
  ].join('\n');
}

/** Events of a feed, newest first (all of them; the feed keeps the first 100). */
export function feedEvents(view: LedgerView, t: FeedTarget): TEvent[] {
  if (t.kind === 'all') return view.events;
  if (t.kind === 'state') return view.events.filter((e) => e.state === t.state);
  if (t.kind === 'changes')
    return view.events.filter((e) => matches(e, t.filter, view.eventModels.get(e.eventId)));
  const id = view.details.get(t.agencyId)?.agencyId ?? t.agencyId;
  return eventsByAgency(view).get(id) ?? [];
}

/** Each agency's events, newest first, grouped once per view (every agency has a feed in each language). */
const byAgency = new WeakMap<LedgerView, Map<string, TEvent[]>>();
function eventsByAgency(view: LedgerView): Map<string, TEvent[]> {
  let m = byAgency.get(view);
  if (!m) {
    m = new Map();
    for (const e of view.events) {
      const list = m.get(e.agencyId);
      if (list) list.push(e);
      else m.set(e.agencyId, [e]);
    }
    byAgency.set(view, m);
  }
  return m;
}

/** One feed as Atom XML, or null when it names an unknown agency. */
export function renderFeedXml(
  view: LedgerView,
  t: FeedTarget,
  baseUrl: string,
  now: () => Date,
): string | null {
  const lang = t.lang ?? 'en';
  const base = trimBase(baseUrl);
  const pages = lang === 'es' ? `${base}/es` : base;
  let title: string;
  let alternate: string;
  if (t.kind === 'all') {
    title = allTitle(lang);
    alternate = `${pages}/`;
  } else if (t.kind === 'state') {
    title = allTitle(lang, t.state);
    alternate = `${pages}/state/${t.state}/`;
  } else if (t.kind === 'changes') {
    title = changesTitle(t.filter, lang);
    const q = filterQuery(t.filter);
    alternate = `${pages}/changes/${q ? `?${q}` : ''}`;
  } else {
    const d = view.details.get(t.agencyId);
    if (!d) return null;
    title = `287(g): ${d.name} (${d.state})`;
    alternate = `${pages}/agency/${d.agencyId}/`;
  }
  const events = feedEvents(view, t).slice(0, FEED_ENTRIES);
  const path = feedPath(t);
  const updated = events[0] ? instant(events[0].date) : (view.lastUpdated ?? now().toISOString());
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    lang === 'es'
      ? '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es">'
      : '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xmlEscape(feedId(baseUrl, path))}</id>`,
    `  <title type="text">${xmlEscape(pageText(title))}</title>`,
    `  <subtitle type="text">${xmlEscape(FEED_SUBTITLE[lang])}</subtitle>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(`${base}/${path}`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(alternate)}"/>`,
    `  <updated>${xmlEscape(updated)}</updated>`,
    '  <author><name>Reassess</name></author>',
    `  <rights type="text">${xmlEscape(LICENCE)}</rights>`,
    '  <generator>Reassess</generator>',
    ...events.map((e) => entry(e, baseUrl, view, lang)),
    '</feed>',
    '',
  ].join('\n');
}

/**
 * One feed on demand, for the live server: `path` like `/feeds/state/TX.atom` (and `query`, which only
 * `/feeds/changes.atom` reads). Pass the same `LedgerViews` the API uses (`createApi({ views })`) so feeds share its
 * cached view. Null for an unknown path or agency; throws FeedQueryError for a bad filter.
 */
export async function renderFeed(
  source: LedgerViews | LedgerView,
  path: string,
  baseUrl: string,
  now: () => Date,
  query: URLSearchParams = new URLSearchParams(),
): Promise<string | null> {
  const t = feedTarget(path, query);
  const evidence = evidenceFeedLang(path);
  if (!t && !evidence) return null;
  const view = source instanceof LedgerViews ? await source.current() : source;
  return t ? renderFeedXml(view, t, baseUrl, now) : evidenceFeedXml(view, baseUrl, now, evidence ?? 'en');
}

/**
 * Every feed, in English and in Spanish: national, one per state with an agency or an event, one per agency (empty
 * ones included), and the evidence feed; the English ones first, each Spanish one in the same order after them.
 */
export async function buildFeeds(
  db: Db,
  baseUrl: string,
  now: () => Date,
  view?: LedgerView,
): Promise<{ path: string; body: string }[]> {
  const v = view ?? (await buildView(db));
  const targets: FeedTarget[] = [{ kind: 'all' }];
  const states = new Set(v.events.map((e) => e.state).filter((s): s is string => !!s));
  for (const a of v.agencies) states.add(a.state);
  for (const state of [...states].sort()) targets.push({ kind: 'state', state });
  for (const a of v.agencies) targets.push({ kind: 'agency', agencyId: a.agencyId });
  const out: { path: string; body: string }[] = [];
  for (const lang of ['en', 'es'] as const) {
    for (const t of targets) {
      const body = renderFeedXml(v, { ...t, lang }, baseUrl, now);
      if (body !== null) out.push({ path: feedPath({ ...t, lang }), body });
    }
    out.push({ path: evidenceFeedPath(lang), body: evidenceFeedXml(v, baseUrl, now, lang) });
  }
  return out;
}
