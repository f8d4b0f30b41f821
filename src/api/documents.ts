/**
 * The documents endpoints (issue 15): `/documents` (filters: agency, agreement, model, template, deviations),
 * `/documents/search?q=` (full-text, phrase and prefix; filters state, model, template, year, deviations) and
 * `/documents/{sha256}` (fields with their evidence, sections, deviations with their diff, every page's text,
 * links). Answers come from the store (documents change as OCR reads them; each change is a new ledger version,
 * so the API's answer cache moves on).
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { documentDetail, listDocuments, searchDocuments } from '../read/documents.ts';
import type { LedgerView } from '../read/model.ts';
import type { Db } from '../store/db.ts';
import { errorBody, meta, paginate } from './envelope.ts';
import { DateString, ErrorBody, envelope } from './schemas.ts';

const Sha = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'expected a sha256 (64 lower-case hex digits)')
  .openapi({ example: 'e527dba4c798b3c0f4d3a3b4e2d1c0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3' });
const ModelQ = z.enum(['JEM', 'WSO', 'TFM']).optional();
const Deviations = z.enum(['true', 'false']).optional().openapi({
  description: '`true`: only documents that differ from their template; `false`: only those that do not',
});

const Signature = z.object({
  party: z.string(),
  name: z.string().nullable(),
  title: z.string().nullable(),
  date: DateString.nullable(),
});
const Link = z.object({
  url: z.string(),
  kind: z.enum(['moa', 'addendum', 'file']),
  firstSeen: z.string().nullable(),
  lastSeen: z.string().nullable(),
});
export const DocumentSummarySchema = z
  .object({
    sha256: z.string(),
    fileName: z.string(),
    size: z.number().int(),
    status: z.enum(['read', 'refused']),
    refusal: z.string().nullable(),
    pages: z.number().int().nullable(),
    pagesRead: z.number().int(),
    ocrPages: z.number().int().openapi({ description: 'Pages whose text comes (or will come) from OCR' }),
    pendingPages: z.number().int().openapi({ description: 'Pages still waiting for OCR' }),
    model: z.string().nullable(),
    party: z
      .string()
      .nullable()
      .openapi({ description: 'The agency that signs with ICE, as the document names it' }),
    template: z.string().nullable().openapi({ example: 'TFM 2025-02-12' }),
    templateRevision: z
      .string()
      .nullable()
      .openapi({ description: '`2025-02-12`, or `unmarked` (older templates)' }),
    signedOn: DateString.nullable(),
    signatures: z.array(Signature),
    agreementIds: z.array(z.string()),
    agencyIds: z.array(z.string()),
    links: z.array(Link),
    deviations: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Sections that differ from the template' }),
    archived: z.string().openapi({ description: 'Path of the archived PDF (the bytes as retrieved)' }),
  })
  .openapi('DocumentSummary');

const DocumentDetailSchema = DocumentSummarySchema.extend({
  fields: z
    .unknown()
    .openapi({ description: 'Each field: value, confidence, evidence (page, start, end, text) or reason' }),
  sections: z.array(
    z.object({
      key: z.string(),
      kind: z.string(),
      heading: z.string(),
      page: z.number(),
      endPage: z.number(),
    }),
  ),
  deviationList: z
    .unknown()
    .openapi({ description: 'Sections added, removed or changed, each with a word diff' }),
  pageTexts: z.array(
    z.object({
      page: z.number().int(),
      source: z.enum(['text', 'ocr', 'none']),
      text: z.string(),
      chars: z.number().int(),
      confidence: z.number().nullable(),
      engine: z.string().nullable(),
    }),
  ),
  info: z.record(z.string(), z.unknown()),
  problems: z.array(z.string()),
}).openapi('Document');

const Hit = z
  .object({
    sha256: z.string(),
    fileName: z.string(),
    page: z.number().int(),
    source: z.string(),
    rank: z.number(),
    snippet: z.string().openapi({ description: 'Text around the matches; each match between « and »' }),
  })
  .openapi('DocumentHit');

const errors = {
  400: { content: { 'application/json': { schema: ErrorBody } }, description: 'Invalid parameters' },
  429: { content: { 'application/json': { schema: ErrorBody } }, description: 'Too many requests' },
};
const ok = <T extends z.ZodType>(schema: T, description: string) => ({
  200: { content: { 'application/json': { schema } }, description },
});
const Limit = (max: number, def: number) =>
  z.coerce.number().int().min(1).max(max).default(def).openapi({ type: 'integer' });

const listRoute = createRoute({
  method: 'get',
  path: '/documents',
  summary: 'Archived MOA and addendum documents',
  request: {
    query: z.object({
      agency: z
        .string()
        .min(1)
        .max(200)
        .optional()
        .openapi({ description: 'Agency id, or words of the name' }),
      agreement: z.string().max(40).optional(),
      model: ModelQ,
      template: z.string().max(40).optional(),
      deviations: Deviations,
      cursor: z.string().max(2000).optional(),
      limit: Limit(1000, 100),
    }),
  },
  responses: {
    ...ok(envelope(z.array(DocumentSummarySchema), 'DocumentList'), 'Documents, oldest first'),
    ...errors,
  },
});

const searchRoute = createRoute({
  method: 'get',
  path: '/documents/search',
  summary: 'Full-text search of every document page: words, "phrases", prefix*, -excluded',
  request: {
    query: z.object({
      q: z.string().trim().min(1).max(300).openapi({ example: '"complaint procedure"' }),
      state: z
        .string()
        .regex(/^[A-Za-z]{2}$/)
        .optional(),
      model: ModelQ,
      template: z.string().max(40).optional(),
      year: z.coerce.number().int().min(1990).max(2100).optional().openapi({ type: 'integer' }),
      deviations: Deviations,
      offset: z.coerce.number().int().min(0).max(10_000).default(0).openapi({ type: 'integer' }),
      limit: Limit(100, 20),
    }),
  },
  responses: { ...ok(envelope(z.array(Hit), 'DocumentHits'), 'Pages, best first'), ...errors },
});

const oneRoute = createRoute({
  method: 'get',
  path: '/documents/{sha256}',
  summary: 'One document: fields with their evidence, sections, deviations, every page, links',
  request: { params: z.object({ sha256: Sha }) },
  responses: {
    ...ok(envelope(DocumentDetailSchema, 'DocumentResponse'), 'The document'),
    404: { content: { 'application/json': { schema: ErrorBody } }, description: 'No such document' },
    ...errors,
  },
});

const archived = (sha256: string) => `/documents/${sha256}.pdf`;
const bool = (v: string | undefined) => (v === undefined ? undefined : v === 'true');

type Env = { Variables: { view: LedgerView; json: string | undefined } };

function json(c: Context<Env>, body: unknown) {
  const text = JSON.stringify(body);
  c.set('json', text);
  return c.body(text, 200, { 'Content-Type': 'application/json; charset=utf-8' });
}

/** Adds the documents routes to the API (before its catch-all). */
export function documentRoutes(api: OpenAPIHono<Env>, db: Db): void {
  api.openapi(searchRoute, async (c) => {
    const p = c.req.valid('query');
    const r = await searchDocuments(
      db,
      p.q,
      {
        state: p.state?.toUpperCase(),
        model: p.model,
        template: p.template,
        year: p.year,
        deviations: bool(p.deviations),
      },
      p.limit,
      p.offset,
    );
    return json(c, { data: r.hits, meta: meta(c.get('view'), { count: r.total }) }) as never;
  });
  api.openapi(listRoute, async (c) => {
    const p = c.req.valid('query');
    const agencyIds = p.agency && /^agy-/.test(p.agency) ? [p.agency] : undefined;
    const docs = await listDocuments(db, {
      agencyIds,
      name: agencyIds ? undefined : p.agency,
      agreementId: p.agreement,
      model: p.model,
      template: p.template,
      deviations: bool(p.deviations),
    });
    const items = docs.map((d) => ({ ...d, archived: archived(d.sha256) }));
    const { page, next } = paginate(items, (d) => `${d.sha256}`, p.cursor, p.limit);
    return json(c, {
      data: page,
      meta: meta(c.get('view'), { next_cursor: next, count: items.length }),
    }) as never;
  });
  api.openapi(oneRoute, async (c) => {
    const { sha256 } = c.req.valid('param');
    const d = await documentDetail(db, sha256);
    if (!d) return c.json(errorBody(404, 'not_found', `No document with sha256 ${sha256}`), 404) as never;
    return json(c, { data: { ...d, archived: archived(sha256) }, meta: meta(c.get('view')) }) as never;
  });
}
