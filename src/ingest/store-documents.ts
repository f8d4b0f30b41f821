/**
 * The documents stage of an ingest (issue 15): each PDF among the inputs (recognized by its bytes) is read in the
 * sandbox (text layer; bounded time and memory), refused with its reason, found unchanged (same bytes stored), or
 * stored — raw bytes, raw-file record, the document, its pages (pages without usable text wait for OCR as `none`)
 * and its fields — and its OCR job queued. Then the links, templates and deviations of every document are
 * refreshed (also after new lists: which agreements link which document may change). OCR never runs here.
 */
import { basename } from 'node:path';
import type { DocumentPage } from '../domain/document.ts';
import { InputError } from '../domain/errors.ts';
import { sha256Hex } from '../domain/hash.ts';
import { PDF_MEDIA_TYPE } from '../domain/media-types.ts';
import type { PdfReading } from '../sources/moa-pdf/read-pdf.ts';
import { PdfSandbox } from '../sources/moa-pdf/sandbox.ts';
import { documentShas, insertDocument } from '../store/documents.ts';
import { enqueueOcr } from '../store/ocr-queue.ts';
import { insertFetch, insertRawFile } from '../store/raw-files.ts';
import { analyseStored, type RefreshSummary, refreshDocuments, refreshLinks } from './refresh-documents.ts';
import { retrievalOf } from './retrieval.ts';
import type { RunContext } from './run-context.ts';
import type { IngestInput, InputResult } from './types.ts';

/** True for bytes that start (within their first KB) with the PDF header. */
export function isPdf(bytes: Buffer): boolean {
  return bytes.subarray(0, 1024).includes('%PDF-', 0, 'latin1');
}

/** A file's name as a person knows it: the last part of its path or URL, decoded. */
export function fileNameOf(file: string): string {
  const last = basename(file.split(/[?#]/)[0] ?? file);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** The reading as stored pages: text-layer pages as read, the others empty until OCR reads them. */
export function pagesOf(r: PdfReading): DocumentPage[] {
  return r.pages.map((p) =>
    p.needsOcr
      ? {
          page: p.page,
          source: 'none',
          text: '',
          layout: { width: p.width, height: p.height, lines: [] },
          chars: 0,
          confidence: null,
          engine: null,
        }
      : {
          page: p.page,
          source: 'text',
          text: p.text,
          layout: p.layout,
          chars: p.chars,
          confidence: null,
          engine: null,
        },
  );
}

async function storeOne(
  ctx: RunContext,
  sandbox: PdfSandbox,
  input: IngestInput,
  sha256: string,
): Promise<InputResult> {
  const file = input.file;
  let reading: PdfReading & { warnings: string[] };
  try {
    reading = await sandbox.read(input.bytes, file);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { file, sha256, status: 'rejected', reason: e.reason, kind: 'document' };
  }
  const at = ctx.now().toISOString();
  await ctx.raw.putAsync(sha256, input.bytes);
  await insertRawFile(ctx.tx, sha256, input.bytes.length, PDF_MEDIA_TYPE, at);
  const pages = pagesOf(reading);
  const ocr = reading.pages.filter((p) => p.needsOcr).map((p) => p.page);
  await insertDocument(
    ctx.tx,
    {
      sha256,
      fileName: fileNameOf(file),
      size: input.bytes.length,
      status: 'read',
      refusal: null,
      pageCount: reading.pageCount,
      ocrPages: ocr.length,
      pendingPages: ocr.length,
      info: { ...reading.info },
      problems: [...reading.warnings, ...reading.problems],
      firstSeen: at,
      runId: ctx.runId,
    },
    pages,
  );
  await analyseStored(ctx.tx, sha256, at);
  if (ocr.length > 0) await enqueueOcr(ctx.tx, sha256, ocr, at);
  return { file, sha256, status: 'new', kind: 'document', rows: reading.pageCount };
}

/**
 * Stores the PDF inputs; refreshes links, templates and deviations when a document or a list is new. Returns one
 * result per PDF input, and the refresh's summary (null when nothing called for one).
 */
export async function storeDocuments(
  ctx: RunContext,
  inputs: IngestInput[],
  listsChanged: boolean,
): Promise<{ results: InputResult[]; refresh: RefreshSummary | null }> {
  const results: InputResult[] = [];
  if (inputs.length > 0) {
    const known = await documentShas(ctx.tx);
    const sandbox = new PdfSandbox();
    try {
      for (const input of inputs) {
        const sha256 = sha256Hex(input.bytes);
        const fetch = retrievalOf(input, sha256, ctx.now);
        let r: InputResult;
        if (known.has(sha256))
          r = {
            file: input.file,
            sha256,
            status: 'unchanged',
            reason: 'same bytes already stored',
            kind: 'document',
          };
        else r = await storeOne(ctx, sandbox, input, sha256);
        if (r.status === 'new') known.add(sha256);
        await insertFetch(
          ctx.tx,
          ctx.runId,
          r.status === 'rejected' ? { ...fetch, error: `rejected: ${r.reason}` } : fetch,
        );
        ctx.log(`document ${input.file}: ${r.status}${r.reason ? ` (${r.reason})` : ''}`);
        results.push(r);
      }
    } finally {
      await sandbox.close();
    }
  }
  const changed = results.some((r) => r.status === 'new') || (listsChanged && (await hasAnyDocument(ctx)));
  const refresh = changed ? await refreshDocuments(ctx.tx, ctx.now().toISOString()) : null;
  // Known bytes retrieved again (a link checked, a Wayback copy): their links say so.
  if (!changed && results.some((r) => r.status === 'unchanged')) await refreshLinks(ctx.tx);
  return { results, refresh };
}

async function hasAnyDocument(ctx: RunContext): Promise<boolean> {
  return (await documentShas(ctx.tx)).size > 0;
}
