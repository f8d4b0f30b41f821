/**
 * The Internet Archive's CDX index: which captures of a URL prefix exist, and where each capture's raw bytes are.
 * See NOTES.md for the query, the output format and the traps.
 */
import { FetchError } from '../../domain/errors.ts';

export interface Capture {
  /** 14 digits, UTC: yyyyMMddhhmmss. */
  timestamp: string;
  /** The URL as it was captured (scheme and case as the crawler saw them). */
  original: string;
  statusCode: number;
  /** The archive's digest of the payload (base32 SHA-1). */
  digest: string;
  mimeType: string | null;
  length: number | null;
}

export const CDX_FIELDS = ['timestamp', 'original', 'statuscode', 'digest', 'mimetype', 'length'] as const;

/** The index query for every 200 capture under a prefix, one row per distinct digest run. */
export function cdxQueryUrl(
  cdxBase: string,
  urlPrefix: string,
  range: { from?: string; to?: string; limit?: number } = {},
): string {
  const params = new URLSearchParams({
    url: `${urlPrefix.replace(/\*+$/, '')}*`,
    output: 'json',
    fl: CDX_FIELDS.join(','),
    filter: 'statuscode:200',
    collapse: 'digest',
  });
  if (range.from) params.set('from', range.from);
  if (range.to) params.set('to', range.to);
  if (range.limit !== undefined) params.set('limit', String(range.limit));
  return `${cdxBase}?${params.toString()}`;
}

/**
 * Parses CDX `output=json`: an array of string arrays whose first row names the fields. An empty body or `[]`
 * means no captures. Rows whose status is not 200 (revisits show `-`) or whose timestamp is malformed are dropped.
 */
export function parseCdxJson(text: string, source = 'CDX response'): Capture[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  let data: unknown;
  try {
    data = JSON.parse(trimmed);
  } catch {
    throw new FetchError(source, `not JSON (starts with ${JSON.stringify(trimmed.slice(0, 40))})`);
  }
  if (!Array.isArray(data)) throw new FetchError(source, 'CDX JSON is not an array of rows');
  if (data.length === 0) return [];
  const header = data[0];
  if (!Array.isArray(header)) throw new FetchError(source, 'CDX JSON has no header row');
  const col = (name: string): number => header.findIndex((h) => String(h).toLowerCase() === name);
  const iTs = col('timestamp');
  const iOrig = col('original');
  const iStatus = col('statuscode');
  const iDigest = col('digest');
  const iMime = col('mimetype');
  const iLen = col('length');
  if (iTs < 0 || iOrig < 0) throw new FetchError(source, 'CDX header lacks timestamp/original');
  const out: Capture[] = [];
  for (const row of data.slice(1)) {
    if (!Array.isArray(row)) continue;
    const cell = (i: number): string | null => (i >= 0 && row[i] != null ? String(row[i]) : null);
    const timestamp = cell(iTs) ?? '';
    const original = cell(iOrig) ?? '';
    const status = iStatus >= 0 ? cell(iStatus) : '200';
    if (status !== '200' || !/^\d{14}$/.test(timestamp) || !original) continue;
    const mime = cell(iMime);
    const len = Number(cell(iLen));
    out.push({
      timestamp,
      original,
      statusCode: 200,
      digest: cell(iDigest) ?? '',
      mimeType: mime && mime !== '-' ? mime : null,
      length: Number.isFinite(len) && cell(iLen) !== null && cell(iLen) !== '-' ? len : null,
    });
  }
  return out;
}

/** The raw bytes of a capture, without the Wayback toolbar or rewritten links: `<base>/web/<ts>id_/<original>`. */
export function captureUrl(waybackBase: string, c: Capture): string {
  return `${waybackBase.replace(/\/+$/, '')}/web/${c.timestamp}id_/${c.original}`;
}

/** yyyyMMddhhmmss → ISO 8601 UTC. */
export function captureInstant(timestamp: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(timestamp);
  if (!m) throw new FetchError(timestamp, 'not a 14-digit Wayback timestamp');
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`;
}

/** The archive's digest format: base32 (RFC 4648, no padding) of the payload's SHA-1. */
export function waybackDigest(sha1: Buffer): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of sha1) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}
