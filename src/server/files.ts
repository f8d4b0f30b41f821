/**
 * `/files/{sha256}.{ext}`: every file the ledger stores (ICE's workbooks, the reference tables, archived PDFs),
 * served read-only from the raw store with its media type, a Content-Disposition naming it as it was retrieved
 * (`participatingAgencies05022025.xlsx`, else its sha256), and a year-long immutable cache (the bytes behind a
 * sha256 never change). Only files the ledger records are served; anything else is a 404.
 */
import { createReadStream, existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { Hono } from 'hono';
import type { StoredFile } from '../read/files.ts';
import { fileExtension } from '../web/paths.ts';

export interface FileDeps {
  /** The raw store's path of a sha256 (src/store/raw-store.ts). */
  pathOf: (sha256: string) => string;
  /** The stored files of the current ledger version. */
  files: () => Promise<StoredFile[]>;
  local: (path: string) => string;
}

const FILE = /^\/files\/([0-9a-f]{64})\.([a-z]+)$/;

/** The name a stored file is downloaded under: its retrieved name when it has one of the right kind. */
export function downloadName(f: StoredFile): string {
  const ext = fileExtension(f.mediaType);
  for (const r of f.retrievals) {
    const last = (r.from.split('?')[0] ?? '').split(/[\\/]/).pop() ?? '';
    if (/^[\w.() -]+$/.test(last) && last.toLowerCase().endsWith(`.${ext}`)) return last;
  }
  return `${f.sha256}.${ext}`;
}

export function serveStoredFiles(app: Hono, deps: FileDeps) {
  app.get('/files/:file', async (c) => {
    const m = FILE.exec(deps.local(c.req.path));
    const f = m ? (await deps.files()).find((x) => x.sha256 === m[1]) : undefined;
    if (!m || !f || fileExtension(f.mediaType) !== m[2]) return c.text('No such file', 404);
    const path = deps.pathOf(f.sha256);
    if (!existsSync(path)) return c.text('This file is recorded but missing from the raw store', 404);
    const body = Readable.toWeb(createReadStream(path)) as ReadableStream;
    return c.body(body, 200, {
      'Content-Type': f.mediaType,
      'Content-Length': String(f.size),
      'Content-Disposition': `attachment; filename="${downloadName(f).replace(/"/g, '')}"`,
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    });
  });
}
