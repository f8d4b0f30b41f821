/**
 * Which links serve which document and which agreements link it (issue 15): the MOA and addendum links of every
 * stored list (from the row versions' hyperlinks), the retrievals that got a document's bytes, and the table tying
 * them together (rebuilt whole each time the documents are refreshed).
 */
import { sql } from 'kysely';
import type { Db } from './db.ts';

/** Distinct (state, agency, support type, MOA link, addendum link) of every stored row with a link. */
export async function listedLinks(db: Db) {
  const r = await sql<{
    state: string | null;
    name: string | null;
    model: string | null;
    moa: string | null;
    addendum: string | null;
  }>`
    select distinct
      cells->'STATE'->>'v' as state,
      cells->'LAW ENFORCEMENT AGENCY'->>'v' as name,
      cells->'SUPPORT TYPE'->>'v' as model,
      cells->'MOA'->>'link' as moa,
      cells->'ADDENDUM'->>'link' as addendum
    from row_versions
    where cells->'MOA'->>'link' is not null or cells->'ADDENDUM'->>'link' is not null
  `.execute(db);
  return r.rows;
}

/** The first and last time each stored document was retrieved from each URL (successful retrievals). */
export async function documentRetrievals(db: Db) {
  return db
    .selectFrom('fetches')
    .innerJoin('documents', 'documents.sha256', 'fetches.sha256')
    .select((eb) => [
      'fetches.url',
      'fetches.sha256',
      eb.fn.min('fetches.retrieved_at').as('first_seen'),
      eb.fn.max('fetches.retrieved_at').as('last_seen'),
    ])
    .where('fetches.error', 'is', null)
    .groupBy(['fetches.url', 'fetches.sha256'])
    .execute();
}

/** Every identity decision's (state, name key) → agency id. */
export async function identityKeys(db: Db) {
  return db.selectFrom('identity_decisions').select(['state', 'name_key', 'agency_id']).execute();
}

/** Every agreement's id, agency and model, with its current links. */
export async function agreementLinks(db: Db) {
  return db
    .selectFrom('agreements')
    .select(['agreement_id', 'agency_id', 'model', 'moa_url', 'addendum_url'])
    .execute();
}

export interface DocumentLinkRow {
  sha256: string;
  url: string;
  kind: 'moa' | 'addendum' | 'file';
  agreement_id: string | null;
  agency_id: string | null;
  first_seen: string | null;
  last_seen: string | null;
}

export async function replaceDocumentLinks(db: Db, rows: DocumentLinkRow[]): Promise<void> {
  await db.deleteFrom('document_links').execute();
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('document_links')
      .values(rows.slice(i, i + 500))
      .execute();
}

export async function documentLinks(db: Db, sha256?: string) {
  let q = db.selectFrom('document_links').selectAll();
  if (sha256) q = q.where('sha256', '=', sha256);
  return q.orderBy('sha256').orderBy('url').execute();
}

/** The URLs already retrieved whole (status 200) as a PDF, with when they were last. */
export async function retrievedUrls(db: Db, source: string[]) {
  return db
    .selectFrom('fetches')
    .select((eb) => ['url', eb.fn.max('retrieved_at').as('last')])
    .where('source', 'in', source)
    .where('error', 'is', null)
    .where('status', '=', 200)
    .groupBy('url')
    .execute();
}

/** The documents linked by each of the agreements (every agreement without a list): agreement id → [{ sha256, kind }]. */
export async function documentsOfAgreements(db: Db, agreementIds?: string[]) {
  const out = new Map<string, { sha256: string; kind: string; url: string }[]>();
  if (agreementIds && agreementIds.length === 0) return out;
  let q = db
    .selectFrom('document_links')
    .select(['agreement_id', 'sha256', 'kind', 'url'])
    .where('agreement_id', 'is not', null);
  if (agreementIds) q = q.where('agreement_id', 'in', agreementIds);
  const rows = await q.orderBy('kind').orderBy('last_seen', 'desc').execute();
  for (const r of rows) {
    const list = out.get(r.agreement_id as string) ?? [];
    if (!list.some((x) => x.sha256 === r.sha256)) list.push({ sha256: r.sha256, kind: r.kind, url: r.url });
    out.set(r.agreement_id as string, list);
  }
  return out;
}

/** Whether the sha256 is a stored document (only documents are served as archived PDFs). */
export async function isDocument(db: Db, sha256: string): Promise<{ file_name: string } | undefined> {
  return db.selectFrom('documents').select('file_name').where('sha256', '=', sha256).executeTakeFirst();
}
