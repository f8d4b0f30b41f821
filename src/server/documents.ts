/**
 * The archived PDFs (`/documents/<sha256>.pdf`): the bytes exactly as retrieved, from the raw store, for stored
 * documents only. Served with a sandboxing Content-Security-Policy (no script in a PDF can run from this site)
 * and immutable caching (the address is the content's hash).
 */
import type { Hono } from 'hono';
import type { Db } from '../store/db.ts';
import { isDocument } from '../store/document-links.ts';
import type { RawStore } from '../store/raw-store.ts';

export function serveArchivedDocuments(app: Hono, db: Db, raw: RawStore): void {
  app.get('/documents/:file{[0-9a-f]{64}\\.pdf}', async (c) => {
    const sha256 = c.req.param('file').slice(0, 64);
    const doc = await isDocument(db, sha256);
    if (!doc || !raw.has(sha256)) return c.text('No archived document with this sha256', 404);
    const name = doc.file_name.replace(/[^\w.() -]/g, '_');
    return c.body(new Uint8Array(raw.get(sha256)), 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="${name}"`,
      'Content-Security-Policy': "sandbox; default-src 'none'",
      'Cache-Control': 'public, max-age=31536000, immutable',
    });
  });
}
