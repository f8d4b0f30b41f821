/**
 * Cheap checks on a PDF's bytes before pdf.js sees them: the header, the end-of-file marker (a truncated
 * download), the size, and what the file declares (encryption, JavaScript, a page count) — read from the raw
 * bytes, without parsing. A refusal names the file and the reason; a warning is kept with the document.
 */

export interface GuardLimits {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
}

export const DEFAULT_GUARD_LIMITS: GuardLimits = { maxBytes: 64 * 1024 * 1024 };

export type GuardResult = { ok: true; warnings: string[] } | { ok: false; reason: string };

/** The byte offset of `needle` in `bytes` (latin1), searching from `from`, or -1. */
function find(bytes: Uint8Array, needle: string, from = 0): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(needle, from, 'latin1');
}

/** Whether the file declares JavaScript (an /JS or /JavaScript name): never run here, but worth saying. */
export function declaresJavaScript(bytes: Uint8Array): boolean {
  return find(bytes, '/JavaScript') >= 0 || /\/JS[\s(<[/]/.test(latin1Sample(bytes));
}

/** The file as latin1 text when small, else its first and last 4 MB (enough for names in object headers). */
function latin1Sample(bytes: Uint8Array): string {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length <= 8 * 1024 * 1024) return b.toString('latin1');
  return (
    b.subarray(0, 4 * 1024 * 1024).toString('latin1') +
    b.subarray(b.length - 4 * 1024 * 1024).toString('latin1')
  );
}

/** Checks a PDF's bytes; `ok: false` with the reason when the file is not to be parsed at all. */
export function guardPdf(bytes: Uint8Array, limits: GuardLimits = DEFAULT_GUARD_LIMITS): GuardResult {
  if (bytes.length === 0) return { ok: false, reason: 'empty file (0 bytes)' };
  if (bytes.length > limits.maxBytes)
    return {
      ok: false,
      reason: `too large: ${bytes.length} bytes (the limit is ${limits.maxBytes}; an MOA is under 5 MB)`,
    };
  const head = find(bytes.subarray(0, 1024), '%PDF-');
  if (head < 0) return { ok: false, reason: 'not a PDF document (no %PDF- header in its first 1 KB)' };
  const tailFrom = Math.max(0, bytes.length - 4096);
  if (find(bytes, '%%EOF', tailFrom) < 0)
    return {
      ok: false,
      reason: 'truncated: the file does not end with the %%EOF marker (an interrupted download?)',
    };
  const warnings: string[] = [];
  if (declaresJavaScript(bytes)) warnings.push('the file contains JavaScript (never run here)');
  return { ok: true, warnings };
}
