/** Asks the Internet Archive's CDX index which captures exist under a URL prefix (the parsing is in sources/wayback). */
import { FetchError } from '../domain/errors.ts';
import type { FetchRecord } from '../domain/types.ts';
import { type Capture, cdxQueryUrl, parseCdxJson } from '../sources/wayback/cdx.ts';
import { fetchWithRetry, type HttpGet } from './http.ts';

export interface ListCapturesOptions {
  cdxBase: string;
  /** Host and path prefix without scheme, e.g. `www.ice.gov/doclib/about/offices/ero/287g/participatingAgencies`. */
  urlPrefix: string;
  http: HttpGet;
  now: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Inclusive bounds, as CDX takes them: 4 to 14 digits (`2025`, `20250301`, `20250301120000`). */
  from?: string;
  to?: string;
  limit?: number;
  timeoutMs?: number;
  retries?: number;
  /** Called with the record of the index query itself, success or not. */
  onFetch?: (record: FetchRecord) => Promise<void> | void;
}

/** Lists the 200 captures under a prefix. Throws FetchError when the index cannot be read (after recording it). */
export async function listCaptures(opts: ListCapturesOptions): Promise<Capture[]> {
  const url = cdxQueryUrl(opts.cdxBase, opts.urlPrefix, opts);
  const { record, body } = await fetchWithRetry(url, {
    http: opts.http,
    now: opts.now,
    source: 'wayback-cdx',
    ...(opts.sleep ? { sleep: opts.sleep } : {}),
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.retries !== undefined ? { retries: opts.retries } : {}),
    maxBytes: 32 * 1024 * 1024,
  });
  if (!body) {
    await opts.onFetch?.(record);
    throw new FetchError(url, record.error ?? 'no body', record.status ?? undefined);
  }
  try {
    const captures = parseCdxJson(body.toString('utf8'), url);
    await opts.onFetch?.(record);
    return captures;
  } catch (err) {
    if (err instanceof FetchError) await opts.onFetch?.({ ...record, error: err.reason });
    throw err;
  }
}
