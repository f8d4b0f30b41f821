/**
 * Cheap checks on a PDF's bytes before pdf.js sees them: the header, the end-of-file marker (a truncated
 * download), the size, and what the file declares (encryption, JavaScript, a page count) — read from the raw
 * bytes, without parsing — and what its compressed streams inflate to (each inflated up to a limit, so a decompression
 * bomb is refused before pdf.js inflates it whole). A refusal names the file and the reason; a warning is kept with the document.
 */
import { constants, inflateSync } from 'node:zlib';

export interface GuardLimits {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Largest size one compressed (Flate) stream may inflate to, in bytes. */
  maxStreamBytes: number;
  /** Largest size all Flate streams together may inflate to, in bytes. */
  maxInflatedBytes: number;
}

/** A scanned page at 600 dpi in colour inflates to about 100 MB; an MOA's streams together stay far below 1 GB. */
export const DEFAULT_GUARD_LIMITS: GuardLimits = {
  maxBytes: 64 * 1024 * 1024,
  maxStreamBytes: 128 * 1024 * 1024,
  maxInflatedBytes: 1024 * 1024 * 1024,
};

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

/**
 * Inflates each Flate stream of the file (as written in it: a stream's bytes between `stream` and `endstream`),
 * each at most to its limit, and says which one inflates beyond the limits — a decompression bomb — or null. Bytes
 * that are not Flate data are passed over. Bounded: no stream is inflated past its limit, nor the file past the
 * total (streams inside object streams are inflated with their container).
 */
export function inflationProblem(bytes: Uint8Array, limits: GuardLimits): string | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  let at = b.indexOf('stream', 0, 'latin1');
  while (at >= 0) {
    const isEnd = at >= 3 && b.toString('latin1', at - 3, at) === 'end';
    let start = at + 6;
    if (b[start] === 0x0d) start++;
    if (b[start] === 0x0a) start++;
    const end = isEnd ? -1 : b.indexOf('endstream', start, 'latin1');
    if (end > start) {
      const left = limits.maxInflatedBytes - total;
      const cap = Math.min(limits.maxStreamBytes, left) + 1;
      try {
        total += inflateSync(b.subarray(start, end), {
          maxOutputLength: cap,
          finishFlush: constants.Z_SYNC_FLUSH,
        }).length;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
          return cap <= limits.maxStreamBytes
            ? `a decompression bomb: its streams inflate to more than ${mb(limits.maxInflatedBytes)} (refused)`
            : `a decompression bomb: a stream of ${end - start} bytes inflates to more than ${mb(limits.maxStreamBytes)} (refused)`;
      }
    }
    at = b.indexOf('stream', end > start ? end + 9 : at + 6, 'latin1');
  }
  return null;
}

function mb(n: number): string {
  return `${Math.round(n / 1024 / 1024)} MB`;
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
  const bomb = inflationProblem(bytes, limits);
  if (bomb) return { ok: false, reason: bomb };
  const warnings: string[] = [];
  if (declaresJavaScript(bytes)) warnings.push('the file contains JavaScript (never run here)');
  return { ok: true, warnings };
}
