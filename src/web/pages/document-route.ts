/**
 * The routes of the document pages (`/documents/`, `/document/<sha256>/`): their data read from the store when
 * the page is rendered (documents change as OCR reads them), or null for any other path.
 */
import { documentDetail, listDocuments, searchDocuments } from '../../read/documents.ts';
import type { Db } from '../../store/db.ts';
import type { PageResult, RenderCtx } from '../context.ts';
import { dt } from './document/messages.ts';
import { documentPage, documentPaths } from './document.tsx';
import { documentsPage, documentsQuery } from './documents.tsx';
import { notFoundPage } from './not-found.tsx';

const ONE = /^\/document\/([0-9a-f]{64})\/$/;

export async function documentPages(
  db: Db,
  ctx: RenderCtx,
  path: string,
  query: URLSearchParams,
): Promise<PageResult | null> {
  if (path === documentPaths.list) {
    const q = documentsQuery(query);
    const filters = { model: q.model || undefined, deviations: q.deviations ? true : undefined };
    const docs = await listDocuments(db, filters);
    const search = q.q && ctx.mode === 'server' ? await searchDocuments(db, q.q, filters, 50) : null;
    return documentsPage(ctx, docs, q, search);
  }
  const m = ONE.exec(path);
  if (!m) return null;
  const d = await documentDetail(db, m[1] as string);
  return d ? documentPage(ctx, d) : notFoundPage(ctx, dt(ctx.lang, 'notFound', { sha: m[1] as string }));
}
