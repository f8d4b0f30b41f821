/**
 * The one door to the network. `HttpGet` is the injectable transport (tests hand in one that talks to local
 * servers on 127.0.0.1); `fetchWithRetry` wraps it with timeouts, retries and a byte cap and always answers with
 * a FetchRecord, so every retrieval, good or bad, can be written to the ledger.
 */
import type { FetchRecord } from '../domain/types.ts';

export interface HttpResponse {
  status: number;
  contentType: string | null;
  body: Buffer;
  /** The URL after redirects. */
  finalUrl: string;
}

export type HttpGet = (url: string, opts: { timeoutMs: number; maxBytes: number }) => Promise<HttpResponse>;

/** Thrown by an HttpGet when the body passes maxBytes; not retried (the next attempt would be as large). */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
  constructor(
    readonly url: string,
    readonly maxBytes: number,
    readonly status: number | null = null,
    readonly contentType: string | null = null,
  ) {
    super(`body exceeds ${maxBytes} bytes`);
  }
}

/** Thrown by an HttpGet when the request (headers or body) took longer than timeoutMs. */
export class HttpTimeoutError extends Error {
  override name = 'HttpTimeoutError';
  constructor(
    readonly url: string,
    readonly timeoutMs: number,
  ) {
    super(`timed out after ${timeoutMs} ms`);
  }
}

export const USER_AGENT = 'reassess/0.1 (public ledger of the 287(g) program)';

/**
 * Node 20's global fetch with one deadline for the whole exchange (headers and body), redirects followed, and a
 * streaming byte cap that cancels the download as soon as it passes maxBytes.
 */
export const nodeHttpGet: HttpGet = async (url, { timeoutMs, maxBytes }) => {
  const signal = AbortSignal.timeout(timeoutMs);
  const timedOut = (err: unknown): boolean =>
    signal.aborted || (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'));
  let res: Response;
  try {
    res = await fetch(url, {
      redirect: 'follow',
      signal,
      headers: { 'user-agent': USER_AGENT, accept: '*/*' },
    });
  } catch (err) {
    if (timedOut(err)) throw new HttpTimeoutError(url, timeoutMs);
    throw describeNetworkError(err);
  }
  const contentType = res.headers.get('content-type');
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => {});
    throw new BodyTooLargeError(url, maxBytes, res.status, contentType);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    if (res.body) {
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > maxBytes) {
          await reader.cancel().catch(() => {});
          throw new BodyTooLargeError(url, maxBytes, res.status, contentType);
        }
        chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
      }
    }
  } catch (err) {
    if (err instanceof BodyTooLargeError) throw err;
    if (timedOut(err)) throw new HttpTimeoutError(url, timeoutMs);
    throw describeNetworkError(err);
  }
  return { status: res.status, contentType, body: Buffer.concat(chunks, total), finalUrl: res.url || url };
};

/** undici reports every network failure as `TypeError: fetch failed` with the real reason in `cause`. */
function describeNetworkError(err: unknown): Error {
  if (!(err instanceof Error)) return new Error(String(err));
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return new Error(`${err.message}: ${typeof code === 'string' ? `${code} ` : ''}${cause.message}`.trim());
  }
  return err;
}

export interface FetchOptions {
  http: HttpGet;
  now: () => Date;
  /** Names the kind of retrieval in the FetchRecord (e.g. 'ice-page', 'ice-workbook', 'wayback'). */
  source: string;
  timeoutMs?: number;
  /** Extra attempts after the first one. */
  retries?: number;
  /** Wait before the first retry; doubled for each further one. */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
  maxBytes?: number;
}

export interface FetchOutcome {
  record: FetchRecord;
  /** The body of a 2xx answer; null when the retrieval failed or the server answered with an error status. */
  body: Buffer | null;
  /** The URL the last answer came from, after redirects; null when no answer came. */
  finalUrl: string | null;
  attempts: number;
}

export const FETCH_DEFAULTS = {
  timeoutMs: 60_000,
  retries: 3,
  backoffMs: 2_000,
  maxBytes: 64 * 1024 * 1024,
} as const;

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

import { sha256Hex } from '../domain/hash.ts';

export { sha256Hex };

/** Statuses worth asking again for: server trouble and rate limiting. A 404 or 403 will not change. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

/**
 * GETs a URL with retries on network errors, timeouts, 5xx and 429 (exponential backoff through the injected
 * sleep). Never throws for a retrieval problem: the answer always carries a FetchRecord (sha256 and size of
 * whatever body the last attempt received; `error` set when the retrieval did not give a 2xx body).
 */
export async function fetchWithRetry(url: string, opts: FetchOptions): Promise<FetchOutcome> {
  const timeoutMs = opts.timeoutMs ?? FETCH_DEFAULTS.timeoutMs;
  const retries = Math.max(0, opts.retries ?? FETCH_DEFAULTS.retries);
  const backoffMs = opts.backoffMs ?? FETCH_DEFAULTS.backoffMs;
  const maxBytes = opts.maxBytes ?? FETCH_DEFAULTS.maxBytes;
  const sleep = opts.sleep ?? realSleep;
  const base = (retrievedAt: Date): FetchRecord => ({
    source: opts.source,
    url,
    retrievedAt: retrievedAt.toISOString(),
    status: null,
    contentType: null,
    size: null,
    sha256: null,
    error: null,
  });

  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { record: { ...base(opts.now()), error: 'invalid URL' }, body: null, finalUrl: null, attempts: 0 };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return {
      record: { ...base(opts.now()), error: `unsupported URL scheme ${parsed.protocol}` },
      body: null,
      finalUrl: null,
      attempts: 0,
    };
  }

  const attemptsAllowed = retries + 1;
  let attempt = 0;
  for (;;) {
    attempt++;
    const startedAt = opts.now();
    const last = attempt >= attemptsAllowed;
    const tries = attempt > 1 ? ` (after ${attempt} attempts)` : '';
    try {
      const res = await opts.http(url, { timeoutMs, maxBytes });
      const record: FetchRecord = {
        ...base(startedAt),
        status: res.status,
        contentType: res.contentType,
        size: res.body.length,
        sha256: sha256Hex(res.body),
      };
      if (res.status >= 200 && res.status < 300) {
        return { record, body: res.body, finalUrl: res.finalUrl, attempts: attempt };
      }
      if (!last && isRetryableStatus(res.status)) {
        await sleep(backoffMs * 2 ** (attempt - 1));
        continue;
      }
      return {
        record: { ...record, error: `HTTP ${res.status}${tries}` },
        body: null,
        finalUrl: res.finalUrl,
        attempts: attempt,
      };
    } catch (err) {
      if (err instanceof BodyTooLargeError) {
        return {
          record: {
            ...base(startedAt),
            status: err.status,
            contentType: err.contentType,
            error: err.message,
          },
          body: null,
          finalUrl: null,
          attempts: attempt,
        };
      }
      const message = err instanceof Error ? err.message : String(err);
      // A host name that does not resolve (no network, or a wrong URL) will not resolve a second later.
      if (!last && !/ENOTFOUND/.test(message)) {
        await sleep(backoffMs * 2 ** (attempt - 1));
        continue;
      }
      return {
        record: { ...base(startedAt), error: `${message}${tries}` },
        body: null,
        finalUrl: null,
        attempts: attempt,
      };
    }
  }
}
