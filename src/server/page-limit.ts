/**
 * The per-client rate limit of everything the web app serves besides the API (which has its own) and the hashed
 * assets (made once, in memory, and asked for several times by every page load): pages, feeds and downloads.
 * The same limiter and client key as the API's (api/rate-limit.ts), with a higher budget, since one visit asks for
 * a page and a feed or download now and then. Over it: a 429 in both languages, with `Retry-After`.
 */
import type { MiddlewareHandler } from 'hono';
import { clientAddress } from '../api/app.ts';
import { type RateLimit, RateLimiter } from '../api/rate-limit.ts';

/** Requests a client may make to pages, feeds and downloads: 1,200 a minute (the API allows 600). */
export const PAGE_RATE_LIMIT: RateLimit = { windowMs: 60_000, max: 1200 };

export interface PageLimitOptions {
  limit: RateLimit | false;
  trustProxy: boolean;
  now: () => Date;
  /** Whether a request path (without the base path) is outside the limit (the API, the assets). */
  exempt: (path: string) => boolean;
}

export function pageRateLimit(o: PageLimitOptions): MiddlewareHandler {
  if (!o.limit) return (_c, next) => next();
  const { windowMs, max } = o.limit;
  const limiter = new RateLimiter(windowMs, max);
  return async (c, next) => {
    if (o.exempt(c.req.path)) return next();
    const r = limiter.hit(clientAddress(c, o.trustProxy), o.now().getTime());
    if (r.allowed) return next();
    const seconds = String(r.reset);
    return c.text(
      `Too many requests: at most ${max} a minute. Try again in ${seconds} s.\n` +
        `Demasiadas solicitudes: como máximo ${max} por minuto. Vuelva a intentarlo en ${seconds} s.\n`,
      429,
      { 'Retry-After': seconds, 'Cache-Control': 'no-store' },
    );
  };
}
