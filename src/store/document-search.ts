/**
 * Full-text search over every document page (issue 15): PostgreSQL's `english` text search on both backends. The
 * query is a tsquery built from letters and digits only (documents/search-query.ts); hits are pages, best first,
 * each with a snippet whose matches are marked « ». Filters: state (of an agreement that links the document),
 * model, template, year (of the latest signature).
 */
import { sql } from 'kysely';
import type { Db } from './db.ts';

export interface SearchFilters {
  state?: string | undefined;
  model?: string | undefined;
  template?: string | undefined;
  year?: number | undefined;
  /** Only documents with at least one deviation from their template (true) or none (false). */
  deviations?: boolean | undefined;
}

export interface PageHit {
  sha256: string;
  file_name: string;
  page: number;
  source: string;
  rank: number;
  snippet: string;
}

export async function searchPages(
  db: Db,
  tsquery: string,
  f: SearchFilters,
  limit: number,
  offset = 0,
): Promise<{ hits: PageHit[]; total: number }> {
  const where = [sql`p.tsv @@ q.query`];
  if (f.model) where.push(sql`d.model = ${f.model}`);
  if (f.template) where.push(sql`d.template = ${f.template}`);
  if (f.year) where.push(sql`extract(year from d.signed_on) = ${f.year}`);
  if (f.deviations === true) where.push(sql`d.deviation_count > 0`);
  if (f.deviations === false) where.push(sql`d.deviation_count = 0`);
  if (f.state)
    where.push(sql`exists (select 1 from document_links l join agreements a on a.agreement_id = l.agreement_id
      where l.sha256 = d.sha256 and a.state = ${f.state})`);
  const cond = sql.join(where, sql` and `);
  const r = await sql<PageHit & { total: string }>`
    with q as (select to_tsquery('english', ${tsquery}) as query),
    hits as (
      select p.sha256, p.page, p.source, d.file_name, ts_rank_cd(p.tsv, q.query) as rank, count(*) over () as total
      from document_pages p join documents d on d.sha256 = p.sha256, q
      where ${cond}
      order by rank desc, p.sha256, p.page
      limit ${limit} offset ${offset}
    )
    select h.sha256, h.file_name, h.page, h.source, h.rank, h.total,
      ts_headline('english', p.text, q.query,
        'StartSel=«, StopSel=», MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter= … ') as snippet
    from hits h join document_pages p on p.sha256 = h.sha256 and p.page = h.page, q
    order by h.rank desc, h.sha256, h.page
  `.execute(db);
  const total = Number(r.rows[0]?.total ?? 0);
  return { hits: r.rows.map(({ total: _t, ...h }) => ({ ...h, rank: Number(h.rank) })), total };
}
