/**
 * Local stand-ins for ice.gov and the Wayback Machine, on 127.0.0.1 with a random port, with per-path failure
 * injection. Tests never touch the internet.
 *
 * Workbook bytes: the real pack when REASSESS_DATA is set (a missing file is then an error, so the test fails),
 * else tiny workbooks generated here with fflate.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { waybackDigest } from '../../src/sources/wayback/cdx.ts';

// ---------------------------------------------------------------------------------------------------------------
// Tiny workbooks

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function colName(i: number): string {
  let s = '';
  let n = i + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A minimal valid .xlsx (one sheet, inline strings, docProps) that the project's reader accepts. */
export function miniXlsx(rows: string[][], opts: { modified?: string; sheetName?: string } = {}): Buffer {
  const modified = opts.modified ?? '2026-05-18T14:00:00Z';
  const sheetName = opts.sheetName ?? 'Sheet1';
  const sheetRows = rows
    .map((cells, r) => {
      const cs = cells
        .map((v, c) => `<c r="${colName(c)}${r + 1}" t="inlineStr"><is><t>${xmlEscape(v)}</t></is></c>`)
        .join('');
      return `<row r="${r + 1}">${cs}</row>`;
    })
    .join('');
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        '</Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
        '</Relationships>',
    ),
    'docProps/core.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        '<dc:creator>test</dc:creator><cp:lastModifiedBy>test</cp:lastModifiedBy>' +
        `<dcterms:created xsi:type="dcterms:W3CDTF">${modified}</dcterms:created>` +
        `<dcterms:modified xsi:type="dcterms:W3CDTF">${modified}</dcterms:modified>` +
        '</cp:coreProperties>',
    ),
    'xl/workbook.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        `<sheets><sheet name="${xmlEscape(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
        '</Relationships>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        `<sheetData>${sheetRows}</sheetData></worksheet>`,
    ),
  };
  return Buffer.from(zipSync(files, { level: 6, mtime: new Date('2026-01-01T00:00:00Z') }));
}

export const PARTICIPATING_HEADER = [
  'STATE',
  'LAW ENFORCEMENT AGENCY',
  'TYPE',
  'COUNTY',
  'SUPPORT TYPE',
  'SIGNED',
  'MOA',
  'ADDENDUM',
];
export const PENDING_HEADER = ['STATE', 'LAW ENFORCEMENT AGENCY', 'TYPE', 'COUNTY', 'SUPPORT TYPE', 'MOA'];

/** A tiny participating list; `tag` makes the bytes (and the cells) differ between calls. */
export function miniParticipating(tag = 'a'): Buffer {
  return miniXlsx([
    PARTICIPATING_HEADER,
    [
      'ALABAMA',
      `Test County Sheriff's Office ${tag}`,
      'County',
      'Test County',
      'Task Force Model',
      '45000',
      'link',
      '',
    ],
  ]);
}

export function miniPending(tag = 'a'): Buffer {
  return miniXlsx([
    PENDING_HEADER,
    [
      'TEXAS',
      `Example Police Department ${tag}`,
      'Municipality',
      'Example County',
      'Warrant Service Officer',
      '',
    ],
  ]);
}

export interface WorkbookBytes {
  participating: Buffer;
  pending: Buffer;
  /** True when the bytes are ICE's real files from REASSESS_DATA. */
  real: boolean;
}

export const REAL_PARTICIPATING = 'ice-287g/participating/2026-05-18.xlsx';
export const REAL_PENDING = 'ice-287g/pending/2026-02-27.xlsx';

/** Real workbooks from $REASSESS_DATA when it is set (missing files throw), else generated ones. */
export function workbookBytes(env: NodeJS.ProcessEnv = process.env): WorkbookBytes {
  const root = env.REASSESS_DATA;
  if (root) {
    const read = (rel: string): Buffer => {
      const path = join(root, rel);
      if (!existsSync(path)) throw new Error(`REASSESS_DATA is set but ${path} is missing`);
      return readFileSync(path);
    };
    return { participating: read(REAL_PARTICIPATING), pending: read(REAL_PENDING), real: true };
  }
  return { participating: miniParticipating(), pending: miniPending(), real: false };
}

export function miniPdf(tag = 'x'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n% test MOA ${tag}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n`,
  );
}

export const HTML_ERROR_PAGE =
  '<!DOCTYPE html>\n<html lang="en"><head><title>Access Denied</title></head>' +
  "<body><h1>Access Denied</h1><p>You don't have permission to access this resource.</p></body></html>\n";

// ---------------------------------------------------------------------------------------------------------------
// A local HTTP server with per-path failure modes

export type FailureMode = 'ok' | 'timeout' | '500' | 'html-error' | '404' | 'stall';

export type Route =
  | { body: Buffer | string; contentType?: string; status?: number }
  | { redirect: string; status?: number };

interface ModeState {
  mode: FailureMode;
  /** For '500': failures still to serve before answering normally. */
  remaining: number;
  delayMs?: number;
}

export class FakeServer {
  readonly routes = new Map<string, Route>();
  readonly hits = new Map<string, number>();
  /** Every request target (path and query) in arrival order. */
  readonly requests: string[] = [];
  private readonly modes = new Map<string, ModeState>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private handler: ((req: IncomingMessage, res: ServerResponse, path: string) => boolean) | null = null;

  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(): Promise<FakeServer> {
    let fake: FakeServer | null = null;
    const server = createServer((req, res) => fake?.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    fake = new FakeServer(server, `http://127.0.0.1:${port}`);
    return fake;
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  route(path: string, route: Route): this {
    this.routes.set(path, route);
    return this;
  }

  /** Extra dynamic handling (tried before the static routes); return true when the request was answered. */
  use(handler: (req: IncomingMessage, res: ServerResponse, path: string) => boolean): this {
    this.handler = handler;
    return this;
  }

  /**
   * 'timeout': never answers (or answers normally after `delayMs`); '500': fails `times` times (default: always)
   * then answers normally; 'html-error': 200 with an HTML error page; '404'; 'stall': sends headers and part of
   * the body, then nothing.
   */
  setMode(path: string, mode: FailureMode, opts: { times?: number; delayMs?: number } = {}): this {
    const state: ModeState = { mode, remaining: opts.times ?? Number.POSITIVE_INFINITY };
    if (opts.delayMs !== undefined) state.delayMs = opts.delayMs;
    this.modes.set(path, state);
    return this;
  }

  hitCount(path: string): number {
    return this.hits.get(path) ?? 0;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const target = req.url ?? '/';
    const path = target.split('?')[0] ?? '/';
    this.requests.push(target);
    this.hits.set(path, (this.hits.get(path) ?? 0) + 1);
    const state = this.modes.get(path);
    if (state && state.mode !== 'ok') {
      switch (state.mode) {
        case 'timeout':
          if (state.delayMs !== undefined) {
            const t = setTimeout(() => {
              this.timers.delete(t);
              this.answer(req, res, path);
            }, state.delayMs);
            this.timers.add(t);
          }
          return; // never answers
        case '500':
          if (state.remaining > 0) {
            state.remaining--;
            res
              .writeHead(500, { 'content-type': 'text/html' })
              .end('<html><body>Internal Server Error</body></html>');
            return;
          }
          break;
        case 'html-error':
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(HTML_ERROR_PAGE);
          return;
        case '404':
          res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Page Not Found</body></html>');
          return;
        case 'stall':
          res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': '100000' });
          res.write(Buffer.alloc(1000, 1));
          return;
      }
    }
    this.answer(req, res, path);
  }

  private answer(req: IncomingMessage, res: ServerResponse, path: string): void {
    if (this.handler?.(req, res, path)) return;
    const route = this.routes.get(path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Page Not Found</body></html>');
      return;
    }
    if ('redirect' in route) {
      res.writeHead(route.status ?? 302, { location: route.redirect }).end();
      return;
    }
    const body = typeof route.body === 'string' ? Buffer.from(route.body) : route.body;
    res
      .writeHead(route.status ?? 200, {
        'content-type': route.contentType ?? 'application/octet-stream',
        'content-length': String(body.length),
      })
      .end(body);
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// A fake ice.gov

/**
 * Two page layouts. 'doclib': the 2026 page, absolute and root-relative links under
 * /doclib/about/offices/ero/287g/, double quotes. 'moved': the workbooks under another folder with other
 * prefixes, relative links, single quotes, whitespace, `&amp;` in a query, an upper-case extension, a duplicate,
 * decoys and a commented-out old link.
 */
export type PageLayout = 'doclib' | 'moved';

export interface FakeIce {
  server: FakeServer;
  pageUrl: string;
  participatingPath: string;
  pendingPath: string;
  participatingUrl: string;
  pendingUrl: string;
  moaPaths: string[];
  moaUrls: string[];
  html: string;
}

export interface FakeIceOptions {
  layout?: PageLayout;
  participating: Buffer;
  pending: Buffer;
  /** Include MOA links (and serve the PDFs). Default true. */
  moas?: boolean;
  /** Serve a page without any workbook link. */
  noWorkbookLinks?: boolean;
}

const MOA_NAMES = ['ArcadiaPDFL_TFM_MOA_030425.pdf', '287gJEM_%20etowahCoAL_06-09-2020.pdf'];

export async function startFakeIce(opts: FakeIceOptions): Promise<FakeIce> {
  const server = await FakeServer.start();
  const layout = opts.layout ?? 'doclib';
  const pagePath = layout === 'doclib' ? '/identify-and-arrest/287g' : '/identify-and-arrest/287g/';
  const participatingPath =
    layout === 'doclib'
      ? '/doclib/about/offices/ero/287g/participatingAgencies05182026am.xlsx'
      : '/sites/default/files/documents/Document/2026/287gParticipatingAgencies091526pm.XLSX';
  const pendingPath =
    layout === 'doclib'
      ? '/doclib/about/offices/ero/287g/pendingAgencies02272026am.xlsx'
      : '/sites/default/files/documents/Document/2026/Pending-Agencies_2026.xlsx';
  const moaPaths = MOA_NAMES.map((n) => `/doclib/287gMOA/${n}`);
  const moaLinks =
    opts.moas === false
      ? ''
      : `<h3>Memoranda of Agreement</h3><ul>
  <li><a href="${moaPaths[0]}">Arcadia PD</a></li>
  <li><a href="${server.origin}${moaPaths[1]}">Etowah County</a></li>
  <li><a href="/doclib/news/factsheet.pdf">Fact sheet (not an MOA)</a></li>
</ul>`;

  let workbookLinks: string;
  if (opts.noWorkbookLinks) workbookLinks = '<p>The lists are being updated.</p>';
  else if (layout === 'doclib') {
    workbookLinks = `<p>Participating agencies:
  <a class="usa-link" href="${server.origin}${participatingPath}">Participating Agencies (xlsx)</a></p>
<p>Pending agencies: <a href="${pendingPath}">Pending Agencies</a></p>
<p><a href="${participatingPath}#top">Participating again (same file)</a></p>`;
  } else {
    workbookLinks = `<!-- old: <a href="/doclib/about/offices/ero/287g/participatingAgencies01012026am.xlsx">old</a> -->
<div class="c-wysiwyg">
  <a data-id="x" href = '../../sites/default/files/documents/Document/2026/287gParticipatingAgencies091526pm.XLSX?v=2&amp;dl=1'
     title='Participating'>Participating</a>
  <a href="
     /sites/default/files/documents/Document/2026/Pending-Agencies_2026.xlsx  ">Pending</a>
  <a href="/sites/default/files/documents/Document/2026/detention-statistics.xlsx">Statistics (decoy)</a>
  <a href="/sites/default/files/documents/Document/2026/participating-agencies-map.pdf">Map (decoy)</a>
  <a href='/sites/default/files/documents/Document/2026/Pending-Agencies_2026.xlsx'>Pending again</a>
</div>`;
  }

  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Delegation of Immigration Authority Section 287(g)</title>
<link rel="stylesheet" href="/themes/ice.css"></head>
<body><main><h1>Delegation of Immigration Authority Section 287(g) Immigration and Nationality Act</h1>
<script>var tracking = "<a href='/doclib/about/offices/ero/287g/participatingAgenciesFAKE.xlsx'>";</script>
${workbookLinks}
${moaLinks}
</main></body></html>`;

  server.route(pagePath, { body: html, contentType: 'text/html; charset=utf-8' });
  server.route(participatingPath, { body: opts.participating, contentType: XLSX_TYPE });
  server.route(pendingPath, { body: opts.pending, contentType: XLSX_TYPE });
  moaPaths.forEach((p, i) => {
    server.route(p, { body: miniPdf(String(i)), contentType: 'application/pdf' });
  });
  return {
    server,
    pageUrl: server.url(pagePath),
    participatingPath,
    pendingPath,
    participatingUrl: server.url(participatingPath),
    pendingUrl: server.url(pendingPath),
    moaPaths,
    moaUrls: moaPaths.map((p) => server.url(p)),
    html,
  };
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// ---------------------------------------------------------------------------------------------------------------
// A fake Wayback Machine: CDX index plus raw captures

export interface FakeCapture {
  timestamp: string;
  original: string;
  body: Buffer | string;
  statuscode?: string;
  mimetype?: string;
  /** Defaults to the archive's digest of the body. */
  digest?: string;
}

export interface FakeWayback {
  server: FakeServer;
  cdxBase: string;
  waybackBase: string;
  cdxPath: string;
  /** Path of a capture's raw bytes (for setMode). */
  rawPath: (c: { timestamp: string; original: string }) => string;
  /** The `url` parameter of every CDX query, in order. */
  queries: URLSearchParams[];
}

function stripScheme(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
}

/** Serves `/cdx/search/cdx?url=<prefix>*&output=json...` and `/web/<ts>id_/<original>`. */
export async function startFakeWayback(captures: FakeCapture[]): Promise<FakeWayback> {
  const server = await FakeServer.start();
  const cdxPath = '/cdx/search/cdx';
  const queries: URLSearchParams[] = [];
  const rawPath = (c: { timestamp: string; original: string }) => `/web/${c.timestamp}id_/${c.original}`;
  const rows = captures.map((c) => {
    const body = typeof c.body === 'string' ? Buffer.from(c.body) : c.body;
    return {
      c,
      body,
      row: [
        c.timestamp,
        c.original,
        c.statuscode ?? '200',
        c.digest ?? waybackDigest(createHash('sha1').update(body).digest()),
        c.mimetype ?? XLSX_TYPE,
        String(body.length),
      ],
    };
  });
  server.use((req, res, path) => {
    if (path !== cdxPath) return false;
    const params = new URL(req.url ?? '/', server.origin).searchParams;
    queries.push(params);
    const prefix = stripScheme(params.get('url') ?? '')
      .replace(/\*$/, '')
      .toLowerCase();
    const matching = rows.filter((r) => stripScheme(r.c.original).toLowerCase().startsWith(prefix));
    const from = params.get('from');
    const to = params.get('to');
    const inRange = matching.filter(
      (r) => (!from || r.c.timestamp >= from.padEnd(14, '0')) && (!to || r.c.timestamp <= to.padEnd(14, '9')),
    );
    const out =
      inRange.length === 0 ? [] : [params.get('fl')?.split(',') ?? [], ...inRange.map((r) => r.row)];
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(out));
    return true;
  });
  for (const r of rows) {
    server.route(rawPath(r.c), { body: r.body, contentType: r.c.mimetype ?? XLSX_TYPE });
  }
  return {
    server,
    cdxBase: server.url(cdxPath),
    waybackBase: server.origin,
    cdxPath,
    rawPath,
    queries,
  };
}

/** A sleep that resolves at once and remembers what it was asked to wait. */
export function instantSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    sleep: (ms: number) => {
      waits.push(ms);
      return Promise.resolve();
    },
  };
}

/** A clock that advances one second per call. */
export function steppingClock(start = '2026-05-19T12:00:00Z'): () => Date {
  let t = Date.parse(start);
  return () => {
    const d = new Date(t);
    t += 1000;
    return d;
  };
}
