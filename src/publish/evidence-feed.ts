/**
 * The Atom feed of evidence records (`feeds/evidence.atom`, issue 18): one entry per published record, newest
 * change first (a record's first publication, a new published version, or its retraction updates its entry).
 * Only records a second editor approved are here; text is escaped plain text.
 */
import { LICENCE } from '../api/envelope.ts';
import type { PublicRecord } from '../read/evidence.ts';
import type { LedgerView } from '../read/model.ts';
import { xmlEscape } from './feeds.ts';

export const EVIDENCE_FEED_PATH = 'feeds/evidence.atom';
const ENTRIES = 100;

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

function entry(r: PublicRecord, base: string, baseUrl: string): string {
  const title = r.retracted ? `Retracted: ${r.title}` : r.title;
  const summary = [
    `${r.agencyName} (${r.state}), ${r.date}.`,
    r.summary,
    r.retracted ? `Retracted on ${r.retracted.at.slice(0, 10)}: ${r.retracted.reason}` : '',
    `Sources: ${r.sources.map((s) => s.url).join(' ')}`,
  ]
    .filter(Boolean)
    .join('\n');
  return [
    '  <entry>',
    `    <id>${xmlEscape(tagId(baseUrl, `evidence:${r.recordId}`))}</id>`,
    `    <title type="text">${xmlEscape(title)}</title>`,
    `    <link rel="alternate" type="text/html" href="${xmlEscape(`${base}/evidence/${r.recordId}/`)}"/>`,
    `    <published>${xmlEscape(r.firstPublishedAt)}</published>`,
    `    <updated>${xmlEscape(r.updatedAt)}</updated>`,
    `    <category term="${xmlEscape(r.kind)}"/>`,
    `    <category term="${xmlEscape(r.state)}" label="${xmlEscape(r.state)}"/>`,
    ...r.criteria.map((c) => `    <category term="${xmlEscape(c)}"/>`),
    `    <summary type="text">${xmlEscape(summary)}</summary>`,
    '  </entry>',
  ].join('\n');
}

/** The evidence feed as Atom XML. */
export function evidenceFeedXml(view: LedgerView, baseUrl: string, now: () => Date): string {
  const base = baseUrl.replace(/\/+$/, '');
  const records = view.evidence.byUpdate().slice(0, ENTRIES);
  const updated = records[0]?.updatedAt ?? view.lastUpdated ?? now().toISOString();
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xmlEscape(tagId(baseUrl, EVIDENCE_FEED_PATH))}</id>`,
    `  <title type="text">${xmlEscape('287(g) agencies: evidence records')}</title>`,
    `  <subtitle type="text">${xmlEscape('Reviewed, sourced records of civil-rights history, compiled by Reassess')}</subtitle>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(`${base}/${EVIDENCE_FEED_PATH}`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(`${base}/evidence/`)}"/>`,
    `  <updated>${xmlEscape(updated)}</updated>`,
    '  <author><name>Reassess</name></author>',
    `  <rights type="text">${xmlEscape(LICENCE)}</rights>`,
    '  <generator>Reassess</generator>',
    ...records.map((r) => entry(r, base, baseUrl)),
    '</feed>',
    '',
  ].join('\n');
}
