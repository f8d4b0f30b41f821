/**
 * `reassess serve [--port N] [--base-url URL]`: serves the ledger as it is — the web pages, the API at /api/v1,
 * the feeds and the downloads — until interrupted (Ctrl-C). The embedded ledger stays open (and locked) while it
 * serves; other CLI processes' read commands are answered through it (store/remote.ts), their writes refused. Port: --port, else REASSESS_PORT, else 8287; address: REASSESS_HOST (default 127.0.0.1); where
 * corrections go: REASSESS_CORRECTIONS (a mailto: address or a GitHub repository URL).
 */

import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { ApiDeps } from '../api/app.ts';
import { UsageError } from '../domain/errors.ts';
import { startBackgroundOcr } from '../ocr/background.ts';
import { debianTesseract } from '../ocr/engines.ts';
import { createReassessApp } from '../server/app.ts';
import type { Ledger } from '../store/connection.ts';
import type { Db } from '../store/db.ts';
import { hasPublications } from '../store/publications.ts';
import type { RawStore } from '../store/raw-store.ts';
import { listenReadOnly, type ReadChannel } from '../store/remote.ts';
import { removeServeRecord, socketPathFor, writeServeRecord } from '../store/served.ts';
import { LOAD_COMMANDS } from '../web/components/empty-ledger.tsx';
import { type Context, configuredBaseUrl } from './context.ts';

export const DEFAULT_PORT = 8287;

export interface RunningServer {
  url: string;
  port: number;
  /** How many requests the API's fast lane answered (the rest went through Hono). */
  laneServed(): number;
  close(): Promise<void>;
}

export interface ServerOptions {
  db: Db;
  port: number;
  host?: string;
  now?: () => Date;
  baseUrl?: string;
  corrections?: string;
  trustProxy?: boolean;
  /** The API's per-client rate limit (default 600 a minute; `false` turns it off: benchmarks). */
  rateLimit?: ApiDeps['rateLimit'];
  /** `false`: no fast lane, every request through Hono (tests compare the two). */
  lane?: boolean;
  /** The raw store (archived documents are served from it). */
  raw?: RawStore;
  /** The raw store's path of a sha256 (stored files are served at /files/). */
  rawPath?: (sha256: string) => string;
}

/**
 * Starts the web server; resolves once it listens and answers. Without a base URL, the address it listens on is
 * the public URL of every absolute link (never a request's Host header, which any client can set).
 */
export async function startServer(o: ServerOptions): Promise<RunningServer> {
  let handle: RequestListener = (_req, res) => {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '1' });
    res.end('Starting.\n');
  };
  const server = createServer((req, res) => handle(req, res));
  const host = o.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shown =
    host === '127.0.0.1' || host === '::1' || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const url = `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
  let made: Awaited<ReturnType<typeof createReassessApp>>;
  try {
    made = await createReassessApp({
      db: o.db,
      baseUrl: o.baseUrl || `${url}/`,
      ...(o.now ? { now: o.now } : {}),
      ...(o.corrections ? { corrections: o.corrections } : {}),
      ...(o.trustProxy ? { trustProxy: true } : {}),
      ...(o.rateLimit !== undefined ? { rateLimit: o.rateLimit } : {}),
      ...(o.raw ? { raw: o.raw } : {}),
      ...(o.rawPath ? { rawPath: o.rawPath } : {}),
    });
  } catch (e) {
    server.close();
    throw e;
  }
  const { app, lane } = made;
  const hono = getRequestListener(app.fetch);
  // The API's hottest requests take the fast lane; everything else, and whatever it leaves, goes to Hono.
  handle = o.lane === false ? hono : (req, res) => lane(req, res, () => void hono(req, res));
  return {
    url,
    port,
    laneServed: () => lane.served,
    close: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server)
          (server as { closeAllConnections(): void }).closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function servePort(ctx: Pick<Context, 'flags' | 'env'>): number {
  const raw = typeof ctx.flags.port === 'string' ? ctx.flags.port : ctx.env.REASSESS_PORT;
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(`port must be a number from 0 to 65535, not "${raw}"`);
  return n;
}

const stops = new Set<() => void>();

/** Stops every `runServe` of this process as SIGINT would (for tests and embedding). */
export function stopServing(): void {
  for (const stop of [...stops]) stop();
}

/** What the terminal says when the ledger holds no ICE list: the commands the home page shows too. */
export function emptyLedgerLines(): string[] {
  return [
    'This ledger holds no ICE list yet. Load them from a terminal in the Reassess folder:',
    `  ${LOAD_COMMANDS.sync}      downloads ICE's current lists and the reference tables (needs the internet)`,
    `  ${LOAD_COMMANDS.backfill}  recovers ICE's past lists from the Internet Archive`,
    `  ${LOAD_COMMANDS.ingest}  loads workbooks and reference tables from files or folders`,
    'then reload the page.',
  ];
}

/**
 * On the embedded ledger, other CLI processes' read commands are answered through a socket beside the lock
 * (store/remote.ts), recorded with the site's address in reassess.serve.json (store/served.ts).
 */
async function openReadChannel(ledger: Ledger): Promise<ReadChannel | null> {
  if (ledger.backend !== 'pglite') return null;
  const { socket, folder } = socketPathFor(ledger.home);
  const channel = await listenReadOnly(ledger.db, socket, folder);
  writeServeRecord(ledger.home, { socket, url: null });
  return channel;
}

async function closeReadChannel(ledger: Ledger, channel: ReadChannel | null): Promise<void> {
  if (!channel) return;
  removeServeRecord(ledger.home);
  await channel.close();
}

/** Serves until SIGINT or SIGTERM (or stopServing()); returns the exit code. */
export async function runServe(ctx: Context): Promise<number> {
  const port = servePort(ctx);
  const baseUrl = configuredBaseUrl(ctx);
  const ledger = await ctx.ledger();
  let channel: ReadChannel | null = null;
  let server: RunningServer;
  try {
    channel = await openReadChannel(ledger);
    server = await startServer({
      db: ledger.db,
      raw: ledger.raw,
      port,
      host: ctx.env.REASSESS_HOST || '127.0.0.1',
      now: ctx.now,
      rawPath: (sha) => ledger.raw.pathOf(sha),
      ...(baseUrl ? { baseUrl } : {}),
      ...(ctx.env.REASSESS_CORRECTIONS ? { corrections: ctx.env.REASSESS_CORRECTIONS } : {}),
      ...(ctx.env.REASSESS_TRUST_PROXY === '1' ? { trustProxy: true } : {}),
    });
  } catch (e) {
    await closeReadChannel(ledger, channel);
    await ledger.close();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      ctx.err(`reassess: port ${port} is already in use; choose another with --port N or REASSESS_PORT`);
      return 1;
    }
    if (code === 'EACCES') {
      ctx.err(
        `reassess: not allowed to listen on port ${port}; choose another with --port N or REASSESS_PORT`,
      );
      return 1;
    }
    throw e;
  }
  if (channel) writeServeRecord(ledger.home, { socket: channel.socket, url: server.url });
  ctx.err(`Serving the ledger on ${server.url}  (pages, API at /api/v1, feeds, downloads; Ctrl-C stops)`);
  // Scanned pages are read in the background while the site is served (REASSESS_NO_OCR=1: not here).
  const ocr =
    ctx.env.REASSESS_NO_OCR && ctx.env.REASSESS_NO_OCR !== '0'
      ? null
      : startBackgroundOcr({
          db: ledger.db,
          raw: ledger.raw,
          engine: () => debianTesseract(),
          now: ctx.now,
          log: (m) => ctx.err(m),
        });
  if (!(await hasPublications(ledger.db))) for (const line of emptyLedgerLines()) ctx.err(line);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      stops.delete(stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    stops.add(stop);
  });
  ctx.err('Stopping.');
  await ocr?.stop();
  await server.close();
  await closeReadChannel(ledger, channel);
  await ledger.close();
  return 0;
}
