/**
 * The Atom feed of evidence records (`feeds/evidence.atom`, issue 18; in Spanish `es/feeds/evidence.atom`): one entry
 * per published record, newest change first (a record's first publication, a new published version, or its
 * retraction updates its entry). Only records a second editor approved are here; text is escaped plain text. The
 * Spanish feed has Spanish fixed words (feed-words.ts), links to the Spanish pages and its own entry IDs; a
 * record's title and summary stay as its editor wrote them.
 */
import { LICENCE } from '../api/envelope.ts';
import type { PublicRecord } from '../read/evidence.ts';
import type { LedgerView } from '../read/model.ts';
import type { Lang } from '../web/i18n.ts';
import { EVIDENCE_SUBTITLE, EVIDENCE_TITLE, evidenceEntryWords } from './feed-words.ts';
import { xmlEscape } from './feeds.ts';

export const EVIDENCE_FEED_PATH = 'feeds/evidence.atom';
const ENTRIES = 100;

/** The evidence feed's path in a language: English under `feeds/`, Spanish under `es/feeds/`. */
export function evidenceFeedPath(lang: Lang): string {
  return lang === 'es' ? `es/${EVIDENCE_FEED_PATH}` : EVIDENCE_FEED_PATH;
}

/** The language of the evidence feed a path (`/feeds/evidence.atom`, `es/feeds/evidence.atom`) names, or null. */
export function evidenceFeedLang(path: string): Lang | null {
  const p = path.replace(/^\/+/, '');
  return p === EVIDENCE_FEED_PATH ? 'en' : p === evidenceFeedPath('es') ? 'es' : null;
}

function tagId(baseUrl: string, rest: string): string {
  let host: string | null = null;
  try {
    const h = new URL(baseUrl).hostname;
    host = h && /^[a-z0-9.-]+$/i.test(h) ? h.toLowerCase() : null;
  } catch {
    host = null;
  }
  return host ? `tag:${host},2025:${rest}` : `urn:reassess:${rest}`;
}

/** One entry; `pages` is the base of the pages in the feed's language (`…/es` for Spanish). */
function entry(r: PublicRecord, pages: string, baseUrl: string, lang: Lang): string {
  const { title, summary } = evidenceEntryWords(r, lang);
  // A Spanish entry is another entry than the English one of the same record (as the Spanish event feeds).
  const id = `${lang === 'es' ? 'es/' : ''}evidence:${r.recordId}`;
  return [
    '  <entry>',
    `    <id>${xmlEscape(tagId(baseUrl, id))}</id>`,
    `    <title type="text">${xmlEscape(title)}</title>`,
    `    <link rel="alternate" type="text/html" href="${xmlEscape(`${pages}/evidence/${r.recordId}/`)}"/>`,
    `    <published>${xmlEscape(r.firstPublishedAt)}</published>`,
    `    <updated>${xmlEscape(r.updatedAt)}</updated>`,
    `    <category term="${xmlEscape(r.kind)}"/>`,
    `    <category term="${xmlEscape(r.state)}" label="${xmlEscape(r.state)}"/>`,
    ...r.criteria.map((c) => `    <category term="${xmlEscape(c)}"/>`),
    `    <summary type="text">${xmlEscape(summary)}</summary>`,
    '  </entry>',
  ].join('\n');
}

/** The evidence feed as Atom XML, in English or Spanish. */
export function evidenceFeedXml(
  view: LedgerView,
  baseUrl: string,
  now: () => Date,
  lang: Lang = 'en',
): string {
  const base = baseUrl.replace(/\/+$/, '');
  const pages = lang === 'es' ? `${base}/es` : base;
  const path = evidenceFeedPath(lang);
  const records = view.evidence.byUpdate().slice(0, ENTRIES);
  const updated = records[0]?.updatedAt ?? view.lastUpdated ?? now().toISOString();
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    lang === 'es'
      ? '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es">'
      : '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xmlEscape(tagId(baseUrl, path))}</id>`,
    `  <title type="text">${xmlEscape(EVIDENCE_TITLE[lang])}</title>`,
    `  <subtitle type="text">${xmlEscape(EVIDENCE_SUBTITLE[lang])}</subtitle>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(`${base}/${path}`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(`${pages}/evidence/`)}"/>`,
    `  <updated>${xmlEscape(updated)}</updated>`,
    '  <author><name>Reassess</name></author>',
    `  <rights type="text">${xmlEscape(LICENCE)}</rights>`,
    '  <generator>Reassess</generator>',
    ...records.map((r) => entry(r, pages, baseUrl, lang)),
    '</feed>',
    '',
  ].join('\n');
}
