/**
 * Ties documents to the links that serve them and the agreements whose rows link them: every MOA and addendum
 * hyperlink of every stored list (cleaned as the listings clean them), the agency of its row (by the identity
 * decisions) and that agency's agreements of the row's model; and every retrieval that got a document's bytes.
 * A document retrieved from a URL no list links (a local file, the pack's folder) has a `file` link only.
 */
import { agencyKey } from '../normalize/agency-name.ts';
import { cleanLink } from '../normalize/link.ts';
import { normalizeModel } from '../normalize/model.ts';
import { normalizeState } from '../normalize/state.ts';
import type { Db } from '../store/db.ts';
import {
  agreementLinks,
  type DocumentLinkRow,
  documentRetrievals,
  identityKeys,
  listedLinks,
} from '../store/document-links.ts';

export interface ListedLink {
  url: string;
  kind: 'moa' | 'addendum';
  agreementIds: string[];
  agencyId: string | null;
}

/** A link as compared: the cleaned URL, scheme and case of the host folded. */
export function linkKey(url: string): string {
  return url
    .replace(/^https?:\/\//i, '')
    .replace(/^www\./i, '')
    .toLowerCase();
}

/** Every MOA and addendum link of the stored lists, with the agreements of the rows that carry it. */
export async function linksOfLists(db: Db): Promise<ListedLink[]> {
  const agencies = new Map<string, string>();
  for (const r of await identityKeys(db)) agencies.set(`${r.state}|${r.name_key}`, r.agency_id);
  const agreements = new Map<string, string[]>();
  for (const a of await agreementLinks(db)) {
    const k = `${a.agency_id}|${a.model}`;
    agreements.set(k, [...(agreements.get(k) ?? []), a.agreement_id]);
  }
  const byUrl = new Map<string, ListedLink>();
  for (const row of await listedLinks(db)) {
    const state = normalizeState(row.state).code;
    const agencyId =
      state && row.name ? (agencies.get(`${state}|${agencyKey(row.name, state)}`) ?? null) : null;
    const model = normalizeModel(row.model).model;
    const ids = agencyId && model ? (agreements.get(`${agencyId}|${model}`) ?? []) : [];
    for (const [kind, raw] of [
      ['moa', row.moa],
      ['addendum', row.addendum],
    ] as const) {
      const url = cleanLink(raw).url;
      if (!url || !/\.pdf(\?|#|$)/i.test(url)) continue;
      const k = `${kind}|${linkKey(url)}`;
      const e = byUrl.get(k) ?? { url, kind, agreementIds: [], agencyId };
      for (const id of ids) if (!e.agreementIds.includes(id)) e.agreementIds.push(id);
      byUrl.set(k, e);
    }
  }
  return [...byUrl.values()];
}

/** The rows of document_links: each retrieval URL of a document, with the agreements of the lists that link it. */
export async function documentLinkRows(db: Db): Promise<DocumentLinkRow[]> {
  const listed = new Map<string, ListedLink[]>();
  for (const l of await linksOfLists(db))
    listed.set(linkKey(l.url), [...(listed.get(linkKey(l.url)) ?? []), l]);
  const rows: DocumentLinkRow[] = [];
  for (const r of await documentRetrievals(db)) {
    // A Wayback copy's URL names the original after the capture's timestamp.
    const original = /^https?:\/\/[^/]+\/web\/\d+[a-z_]*\/(.+)$/i.exec(r.url)?.[1] ?? r.url;
    const links = listed.get(linkKey(original)) ?? [];
    const base = { sha256: r.sha256 as string, url: r.url, first_seen: r.first_seen, last_seen: r.last_seen };
    if (links.length === 0) rows.push({ ...base, kind: 'file', agreement_id: null, agency_id: null });
    for (const l of links) {
      if (l.agreementIds.length === 0)
        rows.push({ ...base, kind: l.kind, agreement_id: null, agency_id: l.agencyId });
      for (const id of l.agreementIds)
        rows.push({ ...base, kind: l.kind, agreement_id: id, agency_id: l.agencyId });
    }
  }
  return rows;
}
