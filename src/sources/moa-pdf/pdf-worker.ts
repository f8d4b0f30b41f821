/**
 * The PDF sandbox's worker thread: reads a document's text layer, or rasterizes pages for OCR, for the main
 * thread, which bounds its memory (resourceLimits) and time (it terminates the worker). One request at a time.
 */
import { parentPort } from 'node:worker_threads';
import { openPdf } from './pdfjs.ts';
import { grayPng } from './png.ts';
import { DEFAULT_RASTER, rasterPage } from './raster.ts';
import { type ReadLimits, readPdf } from './read-pdf.ts';

export type WorkerRequest =
  | { id: number; op: 'read'; bytes: Uint8Array; limits: ReadLimits }
  | { id: number; op: 'raster'; bytes: Uint8Array; pages: number[]; maxDpi: number };

export interface PageImage {
  page: number;
  /** PNG of the page's images (null: the page paints no image). */
  png: Uint8Array | null;
  dpi: number;
  widthPt: number;
  heightPt: number;
}

async function raster(bytes: Uint8Array, pages: number[], maxDpi: number): Promise<PageImage[]> {
  const pdf = await openPdf(bytes);
  try {
    const out: PageImage[] = [];
    for (const n of pages) {
      const page = await pdf.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const r = await rasterPage(page, { ...DEFAULT_RASTER, maxDpi });
      out.push({
        page: n,
        png: r ? new Uint8Array(grayPng(r.width, r.height, r.gray, r.dpi)) : null,
        dpi: r?.dpi ?? 0,
        widthPt: viewport.width,
        heightPt: viewport.height,
      });
      page.cleanup();
    }
    return out;
  } finally {
    await pdf.destroy();
  }
}

function errorOf(e: unknown): { name: string; message: string } {
  const err = e as { name?: string; message?: string };
  return { name: String(err?.name ?? 'Error'), message: String(err?.message ?? e) };
}

parentPort?.on('message', async (m: WorkerRequest) => {
  try {
    const result =
      m.op === 'read' ? await readPdf(m.bytes, m.limits) : await raster(m.bytes, m.pages, m.maxDpi);
    parentPort?.postMessage({ id: m.id, result });
  } catch (e) {
    parentPort?.postMessage({ id: m.id, error: errorOf(e) });
  }
});
