/**
 * How a cacheable API answer is made, shared by the Hono middleware (app.ts) and the fast lane (fast-lane.ts), so
 * both send the same bytes and headers: rendered bodies kept per ledger version with their strong ETag, 304 on
 * If-None-Match, brotli or gzip made once per body, CORS, and the per-client rate limit with its 429.
 */
import { hash } from 'node:crypto';
import { brotliCompressSync, gzipSync, constants as zlibConstants } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import { errorBody } from './envelope.ts';

export const JSON_TYPE = 'application/json; charset=UTF-8';
const CACHE_CONTROL = 'public, max-age=300';
const CACHE_BYTES = 64 * 1024 * 1024;

export interface Cached {
  body: string;
  /** Strong tag of the identity body; compressed bodies add `-br` / `-gzip` inside the quotes. */
  etag: string;
  /** Compressed bodies, made on first request. */
  br?: Uint8Array<ArrayBuffer>;
  gzip?: Uint8Array<ArrayBuffer>;
}

/** Bodies below this size are sent as they are. */
const COMPRESS_FROM = 1024;

/** Keys remembered by the cache's doorkeeper before it forgets them all. */
const SEEN_KEYS = 100_000;

/**
 * Rendered bodies of one ledger version, least recently used dropped past a byte budget. lru-cache rather than a
 * Map used as a queue: deleting a Map's oldest keys leaves holes that the next `keys().next()` walks over again,
 * which cost about 6 % of an uncached search request when every request evicted one.
 *
 * A body is kept from the second time its URL is asked (a doorkeeper, as in TinyLFU): a body kept on first sight
 * outlives a young-generation collection, which then copies it (and promotes it) — with searches that rarely
 * repeat, every collection copied megabytes and paused the server 5-8 ms, every 100 ms (measured with --trace-gc).
 */
export class BodyCache {
  private version = '';
  private readonly seen = new Set<string>();
  private readonly lru = new LRUCache<string, Cached>({
    maxSize: CACHE_BYTES,
    // Room for the compressed copies too.
    sizeCalculation: (value) => Math.ceil(value.body.length * 1.5),
  });

  get(version: string, key: string): Cached | undefined {
    return version === this.version ? this.lru.get(key) : undefined;
  }

  set(version: string, key: string, value: Cached) {
    // A request answered from the previous view, finishing after the swap, must not evict the new one.
    if (this.version !== '' && Number(version) < Number(this.version)) return;
    if (version !== this.version) {
      this.lru.clear();
      this.seen.clear();
      this.version = version;
    }
    if (value.body.length > CACHE_BYTES / 4) return;
    if (!this.seen.has(key)) {
      if (this.seen.size >= SEEN_KEYS) this.seen.clear();
      this.seen.add(key);
      return;
    }
    this.lru.set(key, value);
  }
}

export function strongEtag(body: string): string {
  // One-shot hash (no Hash object per call): about a tenth of an uncached search request's time otherwise.
  return `"${hash('sha1', body, 'base64url')}"`;
}

/**
 * If-None-Match uses the weak comparison (RFC 9110 13.1.2): `W/` is ignored, and so is the encoding suffix, since
 * every encoding of a body holds the same content.
 */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = etag.slice(1, -1);
  return header.split(',').some((t) => {
    const v = t.trim().replace(/^W\//, '');
    if (!v.startsWith('"') || !v.endsWith('"')) return false;
    const inner = v.slice(1, -1);
    return inner === opaque || inner === `${opaque}-br` || inner === `${opaque}-gzip`;
  });
}

/** The encoding to send: br, else gzip, when the client accepts it (`q=0` refuses). */
export function pickEncoding(header: string | undefined): 'br' | 'gzip' | null {
  if (!header) return null;
  const ok = new Set<string>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) ok.add(name);
  }
  if (ok.has('br')) return 'br';
  if (ok.has('gzip')) return 'gzip';
  return null;
}

function encoded(hit: Cached, enc: 'br' | 'gzip'): Uint8Array<ArrayBuffer> {
  if (enc === 'br')
    hit.br ??= new Uint8Array(
      brotliCompressSync(hit.body, {
        params: {
          [zlibConstants.BROTLI_PARAM_QUALITY]: 5,
          [zlibConstants.BROTLI_PARAM_SIZE_HINT]: hit.body.length,
        },
      }),
    );
  else hit.gzip ??= new Uint8Array(gzipSync(hit.body, { level: 6 }));
  return (enc === 'br' ? hit.br : hit.gzip) as Uint8Array<ArrayBuffer>;
}

/**
 * The rate limit's client key: the socket's address, or with a trusted proxy the address it forwarded (the last of
 * `X-Forwarded-For`). `remote` is a function: reading the socket's address can throw.
 */
export function clientKey(
  forwardedFor: string | undefined,
  remote: () => string | undefined,
  trustProxy: boolean,
): string {
  if (trustProxy) {
    const last = forwardedFor?.split(',').pop()?.trim();
    if (last) return last;
  }
  try {
    return remote() ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly windowMs: number,
    private readonly max: number,
  ) {}

  /** null when allowed, else seconds until the window resets. */
  hit(key: string, now: number): { allowed: boolean; remaining: number; reset: number } {
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      if (this.windows.size > 50_000)
        for (const [k, v] of this.windows) if (now - v.start >= this.windowMs) this.windows.delete(k);
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    const reset = Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000));
    return { allowed: w.count <= this.max, remaining: Math.max(0, this.max - w.count), reset };
  }
}

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

export interface RateLimit {
  windowMs: number;
  max: number;
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

/** The encoding a cached body goes out in for this Accept-Encoding (null: as it is). */
function encodingFor(hit: Cached, acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  return hit.body.length >= COMPRESS_FROM ? pickEncoding(acceptEncoding) : null;
}

/**
 * Copies headers into `into`. Header objects are built by assignment, never by spreading: spreading a dozen header
 * names into a new object cost ~4 µs (V8 leaves its fast path for such keys), assigning them ~0.1 µs (measured).
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
