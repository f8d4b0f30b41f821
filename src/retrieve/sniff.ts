/**
 * Cheap checks of what a downloaded body really is, before anything is stored or parsed. Servers (ICE's, the
 * archive's) answer 200 with an HTML error page often enough that the status code alone proves nothing.
 */
import { InputError } from '../domain/errors.ts';
import { ZipArchive } from '../sources/xlsx/zip.ts';

export type SniffResult = { ok: true } | { ok: false; reason: string };

/** True only for a ZIP archive with an `xl/workbook.xml` entry. Reads the central directory, inflates nothing. */
export function sniffWorkbook(bytes: Buffer): SniffResult {
  try {
    const zip = new ZipArchive(bytes, 'download');
    if (!zip.has('xl/workbook.xml')) {
      return { ok: false, reason: 'a ZIP archive but not an Excel workbook (no xl/workbook.xml)' };
    }
    return { ok: true };
  } catch (err) {
    if (err instanceof InputError) return { ok: false, reason: err.reason };
    throw err;
  }
}

/** True for a body that starts with the PDF header `%PDF-`. */
export function sniffPdf(bytes: Buffer): SniffResult {
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return { ok: true };
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  const head = bytes.subarray(0, 512).toString('latin1').trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.includes('<html')) {
    return { ok: false, reason: 'an HTML page, not a PDF document' };
  }
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) {
    return { ok: false, reason: 'a ZIP archive, not a PDF document' };
  }
  return { ok: false, reason: 'not a PDF document (no %PDF- header)' };
}
