/**
 * One OCR job: the document's pages not yet in the cache are rasterized in the PDF sandbox (one page at a time, so
 * memory stays bounded), read by the engine, and cached one by one (the lease renewed after each). When every page
 * is cached, the pages, the document's fields, and the templates and deviations of all documents are written in
 * one transaction, recorded as an `ocr` run (a new ledger version, so caches of the site and the API move on).
 */
import type { DocumentPage } from '../domain/document.ts';
import { analyseStored, refreshDocuments } from '../ingest/refresh-documents.ts';
import { ocrLayout, parseTsv } from '../sources/moa-pdf/ocr-tsv.ts';
import { RASTER_VERSION } from '../sources/moa-pdf/raster.ts';
import type { PdfSandbox } from '../sources/moa-pdf/sandbox.ts';
import type { Db } from '../store/db.ts';
import { writePages } from '../store/documents.ts';
import {
  type CachedPage,
  cachedPages,
  cachePage,
  finishOcrJob,
  type OcrJob,
  renewLease,
} from '../store/ocr-queue.ts';
import type { RawStore } from '../store/raw-store.ts';
import { finishRun, startRun } from '../store/runs.ts';
import { transaction } from '../store/transaction.ts';
import type { OcrEngine } from './engines.ts';

export interface JobDeps {
  db: Db;
  raw: RawStore;
  sandbox: PdfSandbox;
  engine: OcrEngine;
  now: () => Date;
  owner: string;
  leaseMs: number;
  /** Called after each page (for progress). */
  onPage?: (sha256: string, done: number, total: number) => void;
  /** True when the worker should stop after the current page. */
  stopping?: () => boolean;
}

/** The OCR cache's key: the engine and its model, and the rasterizer's version. */
export function cacheKey(engine: OcrEngine): string {
  return `${engine.version} raster ${RASTER_VERSION}`;
}

/**
 * Reads one page of a PDF with the engine: rasterized in the sandbox, recognized, laid out. A page that paints no
 * image gives an empty page (nothing to read).
 */
export async function ocrPage(
  sandbox: PdfSandbox,
  engine: OcrEngine,
  bytes: Uint8Array,
  file: string,
  page: number,
): Promise<CachedPage> {
  const [img] = await sandbox.raster(bytes, [page], file);
  const t0 = performance.now();
  if (!img?.png)
    return {
      page,
      text: '',
      layout: { width: img?.widthPt ?? 612, height: img?.heightPt ?? 792, lines: [] },
      chars: 0,
      confidence: null,
      ms: 0,
    };
  const tsv = await engine.recognize(Buffer.from(img.png));
  const o = ocrLayout(parseTsv(tsv), img.dpi, img.widthPt, img.heightPt);
  return { page, ...o, ms: Math.round(performance.now() - t0) };
}

/** Works the job; returns 'done', or 'stopped' when asked to stop before its last page. */
export async function runJob(d: JobDeps, job: OcrJob): Promise<'done' | 'stopped'> {
  const bytes = d.raw.get(job.sha256);
  const key = cacheKey(d.engine);
  const cached = new Map((await cachedPages(d.db, job.sha256, key)).map((p) => [p.page, p]));
  for (const page of job.pages) {
    if (cached.has(page)) continue;
    if (d.stopping?.()) return 'stopped';
    const p = await ocrPage(d.sandbox, d.engine, bytes, job.sha256, page);
    await cachePage(d.db, job.sha256, key, p, d.now().toISOString());
    cached.set(page, p);
    const until = new Date(d.now().getTime() + d.leaseMs).toISOString();
    await renewLease(d.db, job.sha256, d.owner, until, cached.size);
    d.onPage?.(job.sha256, cached.size, job.pages.length);
  }
  await publish(d, job, cached);
  return 'done';
}

/** Writes the OCR'd pages and everything read from them, as one `ocr` run. */
async function publish(d: JobDeps, job: OcrJob, cached: Map<number, CachedPage>): Promise<void> {
  const pages: DocumentPage[] = job.pages.map((n) => {
    const c = cached.get(n) as CachedPage;
    return {
      page: n,
      source: 'ocr',
      text: c.text,
      layout: c.layout,
      chars: c.chars,
      confidence: c.confidence,
      engine: d.engine.version,
    };
  });
  await transaction(d.db, async (tx) => {
    const at = d.now().toISOString();
    const run = await startRun(tx, 'ocr', at);
    await writePages(tx, job.sha256, pages);
    await analyseStored(tx, job.sha256, at);
    const refresh = await refreshDocuments(tx, at);
    await finishOcrJob(tx, job.sha256, 'done', at, d.engine.version, null);
    await finishRun(tx, run, d.now().toISOString(), {
      command: 'ocr',
      document: job.sha256,
      pages: pages.length,
      engine: d.engine.version,
      refresh,
    });
  });
}
