import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { HTML_ERROR_PAGE, miniPdf, workbookBytes } from '../../test/support/fake-servers.ts';
import { packDir, requirePackFile } from '../../test/support/pack.ts';
import { sniffPdf, sniffWorkbook } from './sniff.ts';

describe('sniffWorkbook', () => {
  it('accepts a workbook (the real pack when REASSESS_DATA is set)', () => {
    const { participating, pending } = workbookBytes();
    expect(sniffWorkbook(participating)).toEqual({ ok: true });
    expect(sniffWorkbook(pending)).toEqual({ ok: true });
  });

  it('reports an HTML error page as such', () => {
    expect(sniffWorkbook(Buffer.from(HTML_ERROR_PAGE))).toEqual({
      ok: false,
      reason: 'an HTML page, not an Excel workbook',
    });
    expect(sniffWorkbook(Buffer.from('\n  <html><body>Service Unavailable</body></html>'))).toEqual({
      ok: false,
      reason: 'an HTML page, not an Excel workbook',
    });
  });

  it('rejects a ZIP that is not a workbook, a cut-short workbook, a PDF and an empty body', () => {
    const docx = Buffer.from(zipSync({ 'word/document.xml': strToU8('<w:document/>') }));
    expect(sniffWorkbook(docx)).toEqual({
      ok: false,
      reason: 'a ZIP archive but not an Excel workbook (no xl/workbook.xml)',
    });
    const { participating } = workbookBytes();
    const cut = sniffWorkbook(participating.subarray(0, Math.floor(participating.length / 2)));
    expect(cut.ok).toBe(false);
    expect(sniffWorkbook(miniPdf())).toEqual({ ok: false, reason: 'a PDF document, not an Excel workbook' });
    expect(sniffWorkbook(Buffer.alloc(0))).toEqual({ ok: false, reason: 'empty file' });
  });
});

describe('sniffPdf', () => {
  it('accepts a body starting with %PDF-', () => {
    expect(sniffPdf(miniPdf())).toEqual({ ok: true });
  });

  // Needs the data pack: not run without REASSESS_DATA; fails when it is set and the file is missing.
  it.skipIf(packDir() === null)('accepts a real MOA from the pack', () => {
    const pdf = readFileSync(requirePackFile('ice-287g/moa/ArcadiaPDFL_TFM_MOA_030425.pdf'));
    expect(sniffPdf(pdf)).toEqual({ ok: true });
  });

  it('explains what else it got', () => {
    expect(sniffPdf(Buffer.from(HTML_ERROR_PAGE))).toEqual({
      ok: false,
      reason: 'an HTML page, not a PDF document',
    });
    expect(sniffPdf(workbookBytes().pending)).toEqual({
      ok: false,
      reason: 'a ZIP archive, not a PDF document',
    });
    expect(sniffPdf(Buffer.alloc(0))).toEqual({ ok: false, reason: 'empty file' });
    expect(sniffPdf(Buffer.from(' %PDF-1.7'))).toEqual({
      ok: false,
      reason: 'not a PDF document (no %PDF- header)',
    });
  });
});
