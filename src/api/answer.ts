/**
 * How a cacheable API answer is made, shared by the Hono middleware (app.ts) and the fast lane (fast-lane.ts), so
 * both send the same bytes and headers: rendered bodies kept per ledger version (body-cache.ts) with their strong
 * ETag (etag.ts), 304 on If-None-Match, brotli or gzip made once per body (compression.ts), CORS, and the
 * per-client rate limit (rate-limit.ts) with its 429.
 */
import { BodyCache, type Cached } from './body-cache.ts';
import { encoded, encodingFor } from './compression.ts';
import { errorBody } from './envelope.ts';
import { etagMatches } from './etag.ts';
import { type RateLimit, RateLimiter } from './rate-limit.ts';

export const JSON_TYPE = 'application/json; charset=UTF-8';
const CACHE_CONTROL = 'public, max-age=300';

const ALLOW_ORIGIN = '*';
const EXPOSE = 'ETag, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset';
/** The CORS headers of every answer. */
export const COMMON: Record<string, string> = {
  'Access-Control-Allow-Origin': ALLOW_ORIGIN,
  'Access-Control-Expose-Headers': EXPOSE,
};

/** A whole answer: status, every header the API sets, and the body. */
export interface ApiAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array<ArrayBuffer> | null;
}

/** The rate limit and the rendered-body cache of one API instance (one per server). */
export class ApiAnswers {
  readonly cache = new BodyCache();
  private readonly limiter: RateLimiter | null;

  constructor(
    private readonly limit: RateLimit | false,
    private readonly now: () => Date,
  ) {
    this.limiter = limit ? new RateLimiter(limit.windowMs, limit.max) : null;
  }

  /** Counts a request against its client's limit: the RateLimit headers to send, and the 429 when over it. */
  admit(client: string): { rl: Record<string, string>; refused: ApiAnswer | null } {
    const rl: Record<string, string> = {};
    if (!this.limiter || !this.limit) return { rl, refused: null };
    const r = this.limiter.hit(client, this.now().getTime());
    rl['RateLimit-Limit'] = String(this.limit.max);
    rl['RateLimit-Remaining'] = String(r.remaining);
    rl['RateLimit-Reset'] = String(r.reset);
    if (r.allowed) return { rl, refused: null };
    const body = errorBody(
      429,
      'rate_limited',
      `Too many requests: at most ${this.limit.max} per ${this.limit.windowMs / 1000} s`,
      { retryAfter: r.reset },
    );
    return {
      rl,
      refused: answer(
        429,
        JSON.stringify(body),
        addHeaders({}, rl, { 'Retry-After': String(r.reset), 'Cache-Control': 'no-store' }),
      ),
    };
  }
}

/**
 * Copies headers into `into`. Header objects are built by assignment, never by spreading: spreading a dozen header
 * names into a new object leaves V8's fast path for such keys; assigning them is far cheaper (docs/performance.md
 * § Choices measured in the code).
 */
export function addHeaders(
  into: Record<string, string>,
  ...from: Record<string, string>[]
): Record<string, string> {
  for (const f of from) for (const k in f) into[k] = f[k] as string;
  return into;
}

/** A cached 200 body's answer: 304 when If-None-Match matches, else the body, compressed when accepted. */
export function cachedAnswer(
  hit: Cached,
  rl: Record<string, string>,
  acceptEncoding: string | undefined,
  ifNoneMatch: string | undefined,
): ApiAnswer {
  const enc = encodingFor(hit, acceptEncoding);
  const headers = addHeaders({}, rl);
  headers.ETag = enc ? `${hit.etag.slice(0, -1)}-${enc}"` : hit.etag;
  headers['Cache-Control'] = CACHE_CONTROL;
  headers.Vary = 'Accept-Encoding';
  if (etagMatches(ifNoneMatch, hit.etag)) return answer(304, null, headers);
  if (!enc) return answer(200, hit.body, headers);
  const a = answer(200, '', headers);
  a.headers['Content-Encoding'] = enc;
  a.body = encoded(hit, enc);
  return a;
}

/** An answer with the CORS headers (and the JSON type when it has a body). */
export function answer(status: number, body: string | null, extra: Record<string, string>): ApiAnswer {
  const headers: Record<string, string> =
    body === null
      ? { 'Access-Control-Allow-Origin': ALLOW_ORIGIN, 'Access-Control-Expose-Headers': EXPOSE }
      : {
          'Content-Type': JSON_TYPE,
          'Access-Control-Allow-Origin': ALLOW_ORIGIN,
          'Access-Control-Expose-Headers': EXPOSE,
        };
  return { status, headers: addHeaders(headers, extra), body };
}
