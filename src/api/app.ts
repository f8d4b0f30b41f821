/**
 * The JSON API (mounted by the server at /api/v1): one zod schema per route validates the request and generates
 * the OpenAPI 3.1 document (`/openapi.json` within the sub-app). Every response uses one envelope
 * (`{ data, meta }` or `{ error }`), carries CORS, a strong ETag (304 on If-None-Match) and a cache lifetime, and
 * is rate limited per client address. Bodies are served from in-memory views rebuilt per ledger version, and
 * rendered bodies are kept (with their ETag) until the ledger changes.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import { CRITERIA, EVIDENCE_KINDS } from '../domain/evidence.ts';
import type { LedgerView } from '../read/model.ts';
import { LedgerViews } from '../read/model-cache.ts';
import type { Db } from '../store/db.ts';
import { analysesBody, analysisBody, stopDatasetsBody } from './analyses.ts';
import { analysesRoute, analysisRoute, stopDatasetsRoute } from './analysis-routes.ts';
import { type ApiAnswer, ApiAnswers, answer, COMMON, cachedAnswer, JSON_TYPE } from './answer.ts';
import type { Cached } from './body-cache.ts';
import { documentRoutes } from './documents.ts';
import { CursorError, errorBody } from './envelope.ts';
import { strongEtag } from './etag.ts';
import { evidenceListBody, evidenceRecordBody } from './evidence-handlers.ts';
import { type ApiLane, apiLane } from './fast-lane.ts';
import {
  agenciesBody,
  agencyBody,
  agreementBody,
  agreementsBody,
  countiesBody,
  eventsBody,
  publicationsBody,
  type searchBody,
  searchJson,
  statesBody,
  statsBody,
} from './handlers.ts';
import { clientKey } from './rate-limit.ts';
import {
  AgencyList,
  AgencyResponse,
  AgencyStatus,
  AgreementList,
  AgreementResponse,
  AgreementStatus,
  CountyList,
  DateString,
  ErrorBody,
  EVENT_KINDS,
  EventList,
  EvidenceList,
  EvidenceResponse,
  Level,
  ListKind,
  Model,
  PublicationList,
  SearchResponse,
  StateList,
  StatsResponse,
} from './schemas.ts';

export interface ApiDeps {
  db: Db;
  now: () => Date;
  /** Requests per client address per window; default 600 per minute; `false` turns the limit off. */
  rateLimit?: { windowMs: number; max: number } | false;
  /** How often the ledger's version is checked (ms); default 1000. */
  checkIntervalMs?: number;
  /** Shared views (the web pages may use the same instance); one is made when absent. */
  views?: LedgerViews;
  /**
   * Behind a reverse proxy every request comes from the proxy's address: when true, the client is the last
   * address of `X-Forwarded-For` (the one the proxy added), so the rate limit applies per client, not to all.
   */
  trustProxy?: boolean;
}

type Env = { Variables: { view: LedgerView; json: string | undefined } };

/**
 * A 200 JSON answer whose text the caching middleware takes from the context, so the body is serialized once and
 * never read back out of a Response stream (which cost about a fifth of an uncached request's time).
 */
function ok200<T>(c: Context<Env>, body: T): Response & TypedResponse<JSONParsed<T>, 200, 'json'> {
  return okText<T>(c, JSON.stringify(body));
}

/** `ok200` for a body already serialized (typed as the value it is the JSON of). */
function okText<T>(c: Context<Env>, text: string): Response & TypedResponse<JSONParsed<T>, 200, 'json'> {
  c.set('json', text);
  return c.body(text, 200, { 'Content-Type': JSON_TYPE }) as unknown as Response &
    TypedResponse<JSONParsed<T>, 200, 'json'>;
}

export const API_VERSION = '1.0.0';
export const API_INFO = {
  title: 'Reassess API',
  version: API_VERSION,
  description:
    "A public ledger of the U.S. 287(g) program built from ICE's published spreadsheets: agencies, agreements, " +
    'events, publications and county figures. Every response is `{ data, meta }` or `{ error }`.',
  license: { name: 'CC0-1.0 (compilation); ICE data is public domain', identifier: 'CC0-1.0' },
};

// ---------------------------------------------------------------------------------------------------------------
// Parameters

const StateParam = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'expected a two-letter USPS state code')
  .openapi({ example: 'TX', description: 'Two-letter USPS code' });
const Cursor = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,2000}$/, 'expected a cursor from meta.next_cursor')
  .openapi({ description: 'Opaque: `meta.next_cursor` of the previous page' });
const Limit = z.coerce
  .number()
  .int()
  .min(1)
  .max(1000)
  .default(100)
  .openapi({ type: 'integer', description: 'Items per page (1-1000, default 100)', example: 100 });
const AgencyId = z
  .string()
  .regex(/^agy-[a-z0-9]{10}$/, 'expected an agency id like agy-0a1b2c3d4e')
  .openapi({ example: 'agy-0a1b2c3d4e' });
const AgreementId = z
  .string()
  .regex(/^agr-[a-z0-9]{10}$/, 'expected an agreement id like agr-0a1b2c3d4e')
  .openapi({ example: 'agr-0a1b2c3d4e' });
const OnDate = DateString.optional().openapi({
  description: 'The date (YYYY-MM-DD); default: the latest list',
});

const errors = {
  400: { content: { 'application/json': { schema: ErrorBody } }, description: 'Invalid parameters' },
  429: { content: { 'application/json': { schema: ErrorBody } }, description: 'Too many requests' },
  500: { content: { 'application/json': { schema: ErrorBody } }, description: 'Server error' },
};

function ok<T extends z.ZodType>(
  schema: T,
  description: string,
): { 200: { content: { 'application/json': { schema: T } }; description: string } } {
  return { 200: { content: { 'application/json': { schema } }, description } };
}

// ---------------------------------------------------------------------------------------------------------------
// Routes

const agenciesRoute = createRoute({
  method: 'get',
  path: '/agencies',
  summary: 'Agencies, filtered, one page at a time',
  request: {
    query: z.object({
      state: StateParam.optional(),
      status: AgencyStatus.optional(),
      model: Model.optional().openapi({
        description: 'Holds an agreement of this model (with `status`: an agreement of that status)',
      }),
      level: Level.optional(),
      q: z.string().min(1).max(200).optional().openapi({ description: 'Words of any name the agency had' }),
      cursor: Cursor.optional(),
      limit: Limit,
    }),
  },
  responses: { ...ok(AgencyList, 'Agencies by state and name'), ...errors },
});

const agencyRoute = createRoute({
  method: 'get',
  path: '/agencies/{id}',
  summary: 'One agency: names, agreements, events, placement, population, with their sources',
  request: { params: z.object({ id: AgencyId }) },
  responses: {
    ...ok(AgencyResponse, 'The agency'),
    404: { content: { 'application/json': { schema: ErrorBody } }, description: 'No such agency' },
    ...errors,
  },
});

const agreementsRoute = createRoute({
  method: 'get',
  path: '/agreements',
  summary: 'Agreements (one per agency, model and generation)',
  request: {
    query: z.object({
      state: StateParam.optional(),
      status: AgreementStatus.optional(),
      model: Model.optional(),
      active_on: DateString.optional().openapi({ description: 'Listed as participating on this date' }),
      agency: AgencyId.optional(),
      cursor: Cursor.optional(),
      limit: Limit,
    }),
  },
  responses: { ...ok(AgreementList, 'Agreements by state, name and model'), ...errors },
});

const agreementRoute = createRoute({
  method: 'get',
  path: '/agreements/{id}',
  summary: 'One agreement; a retired ID answers the agreement that holds its listings now',
  request: { params: z.object({ id: AgreementId }) },
  responses: {
    ...ok(AgreementResponse, 'The agreement (`formerIds`: retired IDs that resolve to it)'),
    404: { content: { 'application/json': { schema: ErrorBody } }, description: 'No such agreement' },
    410: {
      content: { 'application/json': { schema: ErrorBody } },
      description: 'A retired agreement ID no agreement succeeds, with the reason',
    },
    ...errors,
  },
});

const eventsRoute = createRoute({
  method: 'get',
  path: '/events',
  summary: 'Events (added, removed, renamed, ...), newest first',
  request: {
    query: z.object({
      since: DateString.optional(),
      until: DateString.optional(),
      state: StateParam.optional(),
      kind: z.enum(EVENT_KINDS).optional(),
      list: ListKind.optional(),
      model: Model.optional().openapi({
        description:
          'Events of an agreement of this model, and events about an agency itself (renamed, moved) when the agency had an agreement of this model on that list that day',
      }),
      agency: AgencyId.optional(),
      cursor: Cursor.optional(),
      limit: Limit,
    }),
  },
  responses: { ...ok(EventList, 'Events, newest first'), ...errors },
});

const publicationsRoute = createRoute({
  method: 'get',
  path: '/publications',
  summary: 'Every ICE publication in the ledger, newest first',
  request: {
    query: z.object({
      kind: ListKind.optional(),
      status: z.enum(['ok', 'duplicate-content', 'quarantined']).optional(),
      cursor: Cursor.optional(),
      limit: Limit,
    }),
  },
  responses: { ...ok(PublicationList, 'Publications, newest first'), ...errors },
});

const countiesRoute = createRoute({
  method: 'get',
  path: '/counties',
  summary: 'Per-county figures on a date: agreements by model, agencies, sheriff, population',
  request: {
    query: z.object({ on: OnDate, state: StateParam.optional(), cursor: Cursor.optional(), limit: Limit }),
  },
  responses: { ...ok(CountyList, 'Counties by FIPS code'), ...errors },
});

const statesRoute = createRoute({
  method: 'get',
  path: '/states',
  summary: 'Per-state figures and counts on a date',
  request: { query: z.object({ on: OnDate }) },
  responses: { ...ok(StateList, 'States by USPS code'), ...errors },
});

const statsRoute = createRoute({
  method: 'get',
  path: '/stats',
  summary: 'Headline numbers: agreements, agencies, states, pending, residents covered, by model',
  request: { query: z.object({ on: OnDate }) },
  responses: { ...ok(StatsResponse, 'Headline numbers'), ...errors },
});

const searchRoute = createRoute({
  method: 'get',
  path: '/search',
  summary: 'Agencies, counties and states by name; tolerant of typos and abbreviations',
  request: {
    query: z.object({
      q: z.string().trim().min(1).max(200).openapi({ example: 'st johns' }),
      type: z.enum(['agency', 'county', 'state']).optional(),
      state: StateParam.optional(),
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(50)
        .default(20)
        .openapi({ type: 'integer', description: 'Results (1-50, default 20)' }),
    }),
  },
  responses: { ...ok(SearchResponse, 'Best matches first'), ...errors },
});

const evidenceRoute = createRoute({
  method: 'get',
  path: '/evidence',
  summary: 'Reviewed evidence records (civil-rights history of agencies), newest first',
  request: {
    query: z.object({
      kind: z.enum(EVIDENCE_KINDS).optional(),
      criterion: z.enum(CRITERIA).optional(),
      state: StateParam.optional(),
      agency: AgencyId.optional(),
      from: DateString.optional().openapi({ description: 'Records dated on or after' }),
      to: DateString.optional().openapi({ description: 'Records dated on or before' }),
      cursor: Cursor.optional(),
      limit: Limit,
    }),
  },
  responses: { ...ok(EvidenceList, 'Published and retracted records, newest first'), ...errors },
});

const evidenceRecordRoute = createRoute({
  method: 'get',
  path: '/evidence/{id}',
  summary: 'One reviewed evidence record, with its sources',
  request: {
    params: z.object({
      id: z
        .string()
        .regex(/^evd-[a-z0-9]{10}$/, 'expected a record id like evd-0a1b2c3d4e')
        .openapi({ example: 'evd-0a1b2c3d4e' }),
    }),
  },
  responses: {
    ...ok(EvidenceResponse, 'The record'),
    404: { content: { 'application/json': { schema: ErrorBody } }, description: 'No such published record' },
    ...errors,
  },
});

// ---------------------------------------------------------------------------------------------------------------
// Caching, ETag, CORS, rate limit: answer.ts

/** The rate limit's client key (see clientKey). */
export function clientAddress(c: Context, trustProxy = false): string {
  return clientKey(c.req.header('X-Forwarded-For'), () => getConnInfo(c).remote.address, trustProxy);
}

const toResponse = (a: ApiAnswer) => new Response(a.body, { status: a.status, headers: a.headers });

/** A response with the CORS headers (plain header objects: the Node adapter passes them on without copying). */
const respond = (status: number, body: string | null, extra: Record<string, string>) =>
  toResponse(answer(status, body, extra));

// ---------------------------------------------------------------------------------------------------------------

/** The API app, and its fast lane (fast-lane.ts) for a Node server to put in front of it. */
export type Api = OpenAPIHono<Env> & {
  /** The lane for this API mounted at `${prefix}/api/v1` of an app that adds `extra` headers to every response. */
  lane(prefix: string, extra: Record<string, string>): ApiLane & { served: number };
};

/** A 400 for a request the route's schema refuses, naming each issue. */
function invalidRequest(
  result: { success: boolean; target: string; error?: z.ZodError },
  c: Context,
): Response | undefined {
  if (result.success || !result.error) return undefined;
  const issues = result.error.issues;
  return c.json(
    errorBody(
      400,
      'invalid_request',
      `Invalid ${result.target === 'param' ? 'path' : result.target}: ${issues
        .map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`)
        .join('; ')}`,
      issues.map((i) => ({ path: i.path.map(String), message: i.message, code: i.code })),
    ),
    400,
  );
}

/** A bad cursor or another client error as a 400-class answer; anything else logged, and a 500. */
function failed(err: Error, c: Context): Response {
  if (err instanceof CursorError)
    return c.json(errorBody(400, 'invalid_cursor', 'The cursor is not one this API issued'), 400);
  const s = (err as unknown as { status?: unknown }).status;
  const status = typeof s === 'number' ? s : 500;
  if (status >= 400 && status < 500)
    return c.json(errorBody(status, 'bad_request', err.message || 'Bad request'), status as 400);
  console.error(
    `api: ${c.req.method} ${c.req.path}: ${err instanceof Error ? (err.stack ?? err.message) : err}`,
  );
  return c.json(errorBody(500, 'internal_error', 'The server failed to answer this request'), 500);
}

/** A 200 answer as the handler made it, kept per ledger version and URL (or a non-200 one, not kept). */
async function rendered(
  c: Context<Env>,
  next: () => Promise<void>,
  answers: ApiAnswers,
  view: LedgerView,
  rl: Record<string, string>,
): Promise<Cached | null> {
  const url = c.req.url;
  const key = url.slice(url.indexOf('/', url.indexOf('//') + 2));
  const hit = answers.cache.get(view.version, key);
  if (hit) return hit;
  await next();
  const res = c.res;
  if (res.status !== 200) {
    const h = new Headers(res.headers);
    for (const [k, v] of Object.entries({ ...COMMON, ...rl })) h.set(k, v);
    h.set('Cache-Control', 'no-store');
    c.res = undefined;
    c.res = new Response(res.body, { status: res.status, headers: h });
    return null;
  }
  const body = c.get('json') ?? (await res.text());
  const made = { body, etag: strongEtag(body) };
  answers.cache.set(view.version, key, made);
  return made;
}

/**
 * Every request: CORS preflight, the rate limit, read-only methods, the current view (for the handlers), and the
 * rendered-body cache with its ETag, 304 and compression.
 */
function answering(answers: ApiAnswers, views: LedgerViews, trustProxy: boolean) {
  return async (c: Context<Env>, next: () => Promise<void>): Promise<Response | undefined> => {
    const method = c.req.method;
    if (method === 'OPTIONS') {
      return respond(204, null, {
        'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
        'Access-Control-Allow-Headers': 'If-None-Match, Content-Type',
        'Access-Control-Max-Age': '86400',
      });
    }
    const { rl, refused } = answers.admit(clientAddress(c, trustProxy));
    if (refused) return toResponse(refused);
    if (method !== 'GET' && method !== 'HEAD')
      return respond(
        405,
        JSON.stringify(
          errorBody(405, 'method_not_allowed', `${method} is not supported: the API is read-only`),
        ),
        { ...rl, Allow: 'GET, HEAD, OPTIONS', 'Cache-Control': 'no-store' },
      );
    let view: LedgerView;
    try {
      view = await views.current();
    } catch (err) {
      console.error(
        `api: reading the ledger failed: ${err instanceof Error ? (err.stack ?? err.message) : err}`,
      );
      return respond(
        500,
        JSON.stringify(errorBody(500, 'internal_error', 'The server could not read the ledger')),
        { ...rl, 'Cache-Control': 'no-store' },
      );
    }
    c.set('view', view);
    const hit = await rendered(c, next, answers, view, rl);
    if (!hit) return undefined;
    // Compressed once per body and kept (a compression middleware in front leaves encoded bodies alone).
    const out = toResponse(
      cachedAnswer(hit, rl, c.req.header('Accept-Encoding'), c.req.header('If-None-Match')),
    );
    // Replace (not merge with) whatever the handler answered.
    c.res = undefined;
    c.res = out;
    return undefined;
  };
}

/** The routes and their handlers (handlers.ts), the OpenAPI document, and the 404 of anything else. */
function routes(api: OpenAPIHono<Env>) {
  const view = (c: Context<Env>) => c.get('view');
  api.openapi(agenciesRoute, (c) => ok200(c, agenciesBody(view(c), c.req.valid('query'))));
  api.openapi(agencyRoute, (c) => {
    const id = c.req.valid('param').id;
    const body = agencyBody(view(c), id);
    if (!body) return c.json(errorBody(404, 'not_found', `No agency with id ${id}`), 404);
    return ok200(c, body);
  });
  api.openapi(agreementsRoute, (c) => ok200(c, agreementsBody(view(c), c.req.valid('query'))));
  api.openapi(agreementRoute, (c) => {
    const r = agreementBody(view(c), c.req.valid('param').id);
    return r.status === 200 ? ok200(c, r.body) : c.json(r.body, r.status);
  });
  api.openapi(eventsRoute, (c) => ok200(c, eventsBody(view(c), c.req.valid('query'))));
  api.openapi(publicationsRoute, (c) => ok200(c, publicationsBody(view(c), c.req.valid('query'))));
  api.openapi(countiesRoute, async (c) => ok200(c, await countiesBody(view(c), c.req.valid('query'))));
  api.openapi(statesRoute, async (c) => ok200(c, await statesBody(view(c), c.req.valid('query'))));
  api.openapi(statsRoute, async (c) => ok200(c, await statsBody(view(c), c.req.valid('query'))));
  api.openapi(searchRoute, (c) =>
    okText<ReturnType<typeof searchBody>>(c, searchJson(view(c), c.req.valid('query'))),
  );

  api.openapi(stopDatasetsRoute, async (c) => ok200(c, await stopDatasetsBody(view(c))));
  api.openapi(analysesRoute, async (c) => ok200(c, await analysesBody(view(c), c.req.valid('query'))));
  api.openapi(analysisRoute, async (c) => {
    const id = c.req.valid('param').id;
    const body = await analysisBody(view(c), id);
    if (!body) return c.json(errorBody(404, 'not_found', `No analysis with id ${id}`), 404);
    return ok200(c, body);
  });

  api.openapi(evidenceRoute, (c) => ok200(c, evidenceListBody(view(c), c.req.valid('query'))));
  api.openapi(evidenceRecordRoute, (c) => {
    const id = c.req.valid('param').id;
    const body = evidenceRecordBody(view(c), id);
    if (!body) return c.json(errorBody(404, 'not_found', `No published evidence record with id ${id}`), 404);
    return ok200(c, body);
  });

  api.doc31('/openapi.json', openApiConfig());

  const notFound = (c: Context) =>
    c.json(errorBody(404, 'not_found', `No such endpoint: ${c.req.path}`), 404);
  api.notFound(notFound);
  api.all('*', notFound);
}

export function createApi(deps: ApiDeps): Api {
  const views = deps.views ?? new LedgerViews(deps.db, deps.checkIntervalMs ?? 1000, undefined, deps.now);
  const answers = new ApiAnswers(
    deps.rateLimit === undefined ? { windowMs: 60_000, max: 600 } : deps.rateLimit,
    deps.now,
  );
  const api = new OpenAPIHono<Env>({ defaultHook: invalidRequest });
  api.onError(failed);
  api.use('*', answering(answers, views, deps.trustProxy ?? false));
  documentRoutes(api, deps.db);
  routes(api);
  return Object.assign(api, {
    lane: (prefix: string, extra: Record<string, string>) =>
      apiLane(
        { answers, views, trustProxy: deps.trustProxy ?? false, searchQuery: searchRoute.request.query },
        prefix,
        extra,
      ),
  });
}

export function openApiConfig() {
  return {
    openapi: '3.1.0',
    info: API_INFO,
    servers: [{ url: '/api/v1' }],
  };
}

/** The OpenAPI 3.1 document of the API (for the static export). */
export function openApiDocument(deps: Pick<ApiDeps, 'db' | 'now'>) {
  return createApi({ ...deps, rateLimit: false }).getOpenAPI31Document(openApiConfig());
}
