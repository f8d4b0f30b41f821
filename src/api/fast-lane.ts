/**
 * The API's fast lane: the two requests the API is most asked — a search and an agency by ID — answered straight
 * from Node's request, past Hono's routing, its request and response objects and its asynchronous validation,
 * which together cost about 45 % of an uncached search (bench/api.ts: ~8,000 → ~16,000 requests/s on one core).
 *
 * It sends what the Hono route sends: the route's own zod schema validates the query (synchronously), and the
 * rate limit, rendered-body cache, ETag, 304 and compression are the same code (answer.ts and the files it
 * uses), plus the headers the web app adds to every response. Anything else — another route or method, a query the schema refuses, an unknown
 * agency, a target the Node adapter would rewrite, a ledger that cannot be read — goes on to Hono untouched (and
 * is counted only there). test/contract/fast-lane.test.ts holds both paths to the same answers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from '@hono/zod-openapi';
import { getQueryParams } from 'hono/utils/url';
import type { LedgerView } from '../read/model.ts';
import type { LedgerViews } from '../read/model-cache.ts';
import { type ApiAnswer, type ApiAnswers, addHeaders, cachedAnswer } from './answer.ts';
import type { Cached } from './body-cache.ts';
import { strongEtag } from './etag.ts';
import { agencyBody, type SearchParams, searchJson } from './handlers.ts';
import { clientKey } from './rate-limit.ts';
import { malformedEscape } from './url-escapes.ts';

/** Answers the request, or calls `next` (Hono) without having touched it. */
export type ApiLane = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export interface LaneDeps {
  answers: ApiAnswers;
  views: LedgerViews;
  trustProxy: boolean;
  /** The query schema the search route validates with. */
  searchQuery: z.ZodType<SearchParams, unknown>;
}

/** Query strings taken as they are: characters and escapes the Node adapter's URL handling leaves unchanged. */
const PLAIN_QUERY = /^(?:[A-Za-z0-9&=+._~-]|%[0-9A-Fa-f]{2})*$/;
const AGENCY_ID = /^agy-[a-z0-9]{10}$/;
/** Host headers the Node adapter takes without parsing them (it checks others, and may refuse them). */
const PLAIN_HOST = /^[a-z0-9._-]+(?::(?:[1-5]\d{3,4}|[6-9]\d{3}))?$/;

type Render = (view: LedgerView) => string | null;

/** The query as Hono's validator sees it: a value per name, or a list when the name repeats. */
function queryValues(target: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const all = getQueryParams(`http://h${target}`) as Record<string, string[]>;
  for (const [k, v] of Object.entries(all)) out[k] = v.length === 1 ? (v[0] as string) : v;
  return out;
}

/**
 * The lane for an API mounted at `${prefix}/api/v1`; `extra`: the headers the web app sets on every response.
 * `served` counts the requests it answered (tests check that it answers at all).
 */
export function apiLane(
  deps: LaneDeps,
  prefix: string,
  extra: Record<string, string>,
): ApiLane & { served: number } {
  const searchPath = `${prefix}/api/v1/search`;
  const agencyPath = `${prefix}/api/v1/agencies/`;

  function renderer(target: string): Render | null {
    if (target.startsWith(agencyPath)) {
      const id = target.slice(agencyPath.length);
      if (!AGENCY_ID.test(id)) return null;
      return (view) => {
        const body = agencyBody(view, id);
        return body ? JSON.stringify(body) : null;
      };
    }
    if (!target.startsWith(searchPath) || target.charCodeAt(searchPath.length) !== 63 /* ? */) return null;
    // A malformed %-escape goes on to Hono, which answers it 400 (url-escapes.ts).
    if (!PLAIN_QUERY.test(target.slice(searchPath.length + 1)) || malformedEscape(target)) return null;
    const parsed = deps.searchQuery.safeParse(queryValues(target));
    return parsed.success ? (view) => searchJson(view, parsed.data) : null;
  }

  /** The answer (made for this request) with the web app's headers and its length added: what goes out. */
  function whole(a: ApiAnswer): ApiAnswer {
    const headers = addHeaders(a.headers, extra);
    if (a.body !== null)
      headers['Content-Length'] = String(
        typeof a.body === 'string' ? Buffer.byteLength(a.body) : a.body.byteLength,
      );
    return a;
  }

  function send(res: ServerResponse, a: ApiAnswer): void {
    res.writeHead(a.status, a.headers);
    res.end(a.body ?? undefined);
  }

  const lane = (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const target = req.url ?? '';
    const render = req.method === 'GET' && PLAIN_HOST.test(req.headers.host ?? '') ? renderer(target) : null;
    if (!render) {
      next();
      return;
    }
    deps.views
      .current()
      .then((view) => {
        let hit: Cached | undefined = deps.answers.cache.get(view.version, target);
        if (!hit) {
          const body = render(view);
          if (body === null) return next();
          hit = { body, etag: strongEtag(body) };
          deps.answers.cache.set(view.version, target, hit);
        }
        const forwarded = req.headers['x-forwarded-for'];
        const { rl, refused } = deps.answers.admit(
          clientKey(
            Array.isArray(forwarded) ? forwarded.join(', ') : forwarded,
            () => req.socket.remoteAddress,
            deps.trustProxy,
          ),
        );
        lane.served++;
        send(
          res,
          whole(
            refused ?? cachedAnswer(hit, rl, req.headers['accept-encoding'], req.headers['if-none-match']),
          ),
        );
      }, next)
      // A failure before anything was sent: Hono answers (with its 500, if it fails the same way).
      .catch((err: unknown) => (res.headersSent ? res.destroy(err as Error) : next()));
  };
  lane.served = 0;
  return lane;
}
