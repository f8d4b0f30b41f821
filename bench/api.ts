/**
 * API load test (target: p99 ≤ 20 ms at 100 concurrent connections for agency-by-ID and search).
 *
 * A child process builds a ledger (the real pack when REASSESS_DATA is set: every participating and pending
 * workbook plus the reference files; else the test fixtures), serves it as `reassess serve` does (the compiled
 * build's startServer: pages, the API and its fast lane, security headers; REASSESS_BENCH_TSX=1 for the sources
 * through tsx) on 127.0.0.1 (random port, rate limit off) and reports its port and agency IDs; this process then runs autocannon
 * against `/api/v1/agencies/{id}` (rotating through every agency), `/api/v1/search?q=…` (a few queries) and
 * searches that never repeat, and prints one JSON line per endpoint: requests/s, p50, p99. Run: `npx tsx bench/api.ts`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { packWorkbooks } from './pack.ts';
import { buildProduct, productModule } from './product.ts';

export interface ApiBenchOptions {
  /** The data pack folder; default: REASSESS_DATA (fixtures when unset). */
  data?: string | undefined;
  connections?: number;
  /** Seconds per endpoint. */
  duration?: number;
  log?: (line: string) => void;
}

export interface ApiBenchResult {
  endpoint: string;
  ledger: 'pack' | 'fixtures';
  connections: number;
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  /** Average response bytes per second (bodies and headers). */
  bytesPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** How long the server's event loop was blocked at a time (monitorEventLoopDelay) during the measured run. */
  serverEventLoopDelayMs: { p99: number; max: number };
  errors: number;
  non2xx: number;
  targetP99Ms: number;
  pass: boolean;
}

interface AutocannonResult {
  requests: { average: number; total: number };
  throughput: { average: number };
  latency: { p50: number; p90: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}

type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;

const SEARCHES = ['st johns', 'gulfport pd', 'harris county', 'pasco bocc', 'polk sheriff', 'maricopa'];
const TARGET_P99 = 20;

// ---------------------------------------------------------------------------------------------------------------
// Server side (child process)

async function serve(data: string | undefined): Promise<void> {
  // The compiled build (what `reassess serve` runs), unless REASSESS_BENCH_TSX=1: see bench/product.ts.
  const { startServer } = await productModule<typeof import('../src/cli/serve.ts')>('cli/serve');
  const { ingest } = await productModule<typeof import('../src/ingest/ingest.ts')>('ingest/ingest');
  const { openLedger } = await productModule<typeof import('../src/store/connection.ts')>('store/connection');
  const home = mkdtempSync(join(tmpdir(), 'reassess-api-bench-'));
  const ledger = await openLedger({ home });
  const now = () => new Date();
  const t0 = performance.now();
  let kind: 'pack' | 'fixtures';
  if (data) {
    kind = 'pack';
    const base = join(data, 'ice-287g');
    const workbooks = packWorkbooks(data, ['participating', 'pending']);
    const refs = [join(base, 'reference', 'fbi_lee_latest.csv')];
    const acs = join(data, 'racial-profiling-fixtures', 'acs_2017_5yr_county_B03002.csv');
    if (existsSync(acs)) refs.push(acs);
    await ingest(
      ledger,
      refs.map((f) => ({ bytes: readFileSync(f), file: f })),
      { now },
    );
    await ingest(
      ledger,
      workbooks.map((f) => ({ bytes: readFileSync(f), file: f })),
      { now },
    );
  } else {
    kind = 'fixtures';
    const { FIXTURE_FILES, referenceFiles } = await import('../test/support/api-fixture.ts');
    await ingest(ledger, referenceFiles(), { now });
    await ingest(ledger, FIXTURE_FILES, { now });
  }
  const ingestMs = Math.round(performance.now() - t0);
  const rows = await ledger.db
    .selectFrom('agencies')
    .select(['agency_id', 'first_name'])
    .where('merged_into', 'is', null)
    .execute();
  const ids = rows.map((r) => r.agency_id);
  const names = rows.map((r) => r.first_name);
  // The server `reassess serve` runs (pages, API with its fast lane, security headers), rate limit off: the load
  // generator is one client.
  const server = await startServer({ db: ledger.db, port: 0, now, rateLimit: false });
  process.send?.({ port: server.port, ids, names, kind, ingestMs });
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  process.on('message', (m) => {
    if (m === 'loop-reset') loop.reset();
    if (m === 'loop-report')
      process.send?.({ loopDelayMs: { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 } });
  });
  process.on('disconnect', () => {
    void server.close();
    ledger
      .close()
      .catch(() => undefined)
      .finally(() => {
        rmSync(home, { recursive: true, force: true });
        process.exit(0);
      });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Load side

function startServer(data: string | undefined): Promise<{
  child: ChildProcess;
  port: number;
  ids: string[];
  names: string[];
  kind: 'pack' | 'fixtures';
  ingestMs: number;
}> {
  const self = fileURLToPath(import.meta.url);
  buildProduct();
  // The V8 flag `reassess serve` runs with (bin/reassess.js): a larger young generation, fewer GC pauses.
  // REASSESS_BENCH_NODE_ARGS adds Node flags to the server process (e.g. `--cpu-prof` to profile it).
  const extra = (process.env.REASSESS_BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(
    process.execPath,
    ['--max-semi-space-size=32', ...extra, '--import', 'tsx', self, '--serve'],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, REASSESS_BENCH_DATA: data ?? '' },
    },
  );
  return new Promise((resolve, reject) => {
    child.once('message', (m) => {
      const msg = m as {
        port: number;
        ids: string[];
        names: string[];
        kind: 'pack' | 'fixtures';
        ingestMs: number;
      };
      resolve({ child, ...msg });
    });
    child.once('exit', (code) => reject(new Error(`bench server exited (${code}) before it was ready`)));
  });
}

/**
 * Search URLs that never repeat within a run: words of agency names (whole, cut short, or with a letter dropped)
 * times every `limit` from 1 to 50, shuffled.
 */
function distinctSearches(names: string[]): string[] {
  const queries = new Set<string>();
  for (const n of names) {
    const words = n.split(/\s+/).filter((w) => /^[A-Za-z]{3,}$/.test(w));
    const [a, b] = words;
    if (!a) continue;
    queries.add(a);
    if (b) queries.add(`${a} ${b}`);
    if (b) queries.add(`${a} ${b.slice(0, 3)}`);
    if (a.length > 5) queries.add(`${a.slice(0, 2)}${a.slice(3)}`);
  }
  const out: string[] = [];
  for (const q of queries)
    for (let limit = 1; limit <= 50; limit++)
      out.push(`/api/v1/search?q=${encodeURIComponent(q)}&limit=${limit}`);
  // Deterministic shuffle (so runs are comparable).
  let seed = 42;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j] as string, out[i] as string];
  }
  return out;
}

export async function runApiBench(opts: ApiBenchOptions = {}): Promise<ApiBenchResult[]> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const data = opts.data ?? (process.env.REASSESS_DATA || undefined);
  const connections = opts.connections ?? 100;
  const duration = opts.duration ?? 10;
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  const server = await startServer(data);
  const base = `http://127.0.0.1:${server.port}`;
  log(
    JSON.stringify({
      setup: server.kind,
      agencies: server.ids.length,
      ingestMs: server.ingestMs,
      url: base,
    }),
  );
  try {
    // The first request builds the in-memory views (once per ledger version); measure it apart.
    const t = performance.now();
    const first = await fetch(`${base}/api/v1/stats`);
    await first.text();
    log(JSON.stringify({ firstRequestMs: Math.round(performance.now() - t), status: first.status }));
    const ids = server.ids;
    const endpoints: { name: string; paths: string[]; headers?: Record<string, string> }[] = [
      { name: '/api/v1/agencies/{id}', paths: ids.map((id) => `/api/v1/agencies/${id}`) },
      {
        name: '/api/v1/agencies/{id} (Accept-Encoding: br, gzip, as browsers send)',
        paths: ids.map((id) => `/api/v1/agencies/${id}`),
        headers: { 'accept-encoding': 'gzip, deflate, br' },
      },
      { name: '/api/v1/search?q=', paths: SEARCHES.map((q) => `/api/v1/search?q=${encodeURIComponent(q)}`) },
      {
        name: '/api/v1/search?q= (distinct queries: no rendered-body cache hits)',
        paths: distinctSearches(server.names),
      },
    ];
    // The answers must be real before their speed means anything.
    for (const e of endpoints) {
      const res = await fetch(`${base}${e.paths[0]}`);
      const body = (await res.json()) as { data?: unknown };
      if (res.status !== 200 || !body.data) throw new Error(`${e.paths[0]}: status ${res.status}, no data`);
    }
    const results: ApiBenchResult[] = [];
    // REASSESS_BENCH_ONLY=text runs only the endpoints whose name contains it.
    const only = process.env.REASSESS_BENCH_ONLY;
    for (const e of endpoints.filter((x) => !only || x.name.includes(only))) {
      let i = 0;
      const run = (seconds: number) =>
        autocannon({
          url: base,
          connections,
          duration: seconds,
          ...(e.headers ? { headers: e.headers } : {}),
          requests: [
            {
              method: 'GET',
              setupRequest: (req: Record<string, unknown>) => ({
                ...req,
                path: e.paths[i++ % e.paths.length],
              }),
            },
          ],
        });
      // Warm-up (JIT, first render of each body), not reported.
      await run(Math.min(3, duration));
      server.child.send('loop-reset');
      const r = await run(duration);
      const loop = await new Promise<{ p99: number; max: number }>((resolve) => {
        const on = (m: unknown) => {
          const msg = m as { loopDelayMs?: { p99: number; max: number } };
          if (!msg.loopDelayMs) return;
          server.child.off('message', on);
          resolve(msg.loopDelayMs);
        };
        server.child.on('message', on);
        server.child.send('loop-report');
      });
      const out: ApiBenchResult = {
        endpoint: e.name,
        ledger: server.kind,
        connections,
        durationSeconds: r.duration,
        requests: r.requests.total,
        requestsPerSecond: Math.round(r.requests.average),
        bytesPerSecond: Math.round(r.throughput.average),
        latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
        serverEventLoopDelayMs: { p99: Math.round(loop.p99), max: Math.round(loop.max) },
        errors: r.errors + r.timeouts,
        non2xx: r.non2xx,
        targetP99Ms: TARGET_P99,
        pass: r.latency.p99 <= TARGET_P99 && r.non2xx === 0 && r.errors === 0,
      };
      results.push(out);
      log(JSON.stringify(out));
    }
    return results;
  } finally {
    server.child.disconnect();
    await new Promise<void>((resolve) => {
      if (server.child.exitCode !== null) resolve();
      else server.child.once('exit', () => resolve());
    });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  if (process.argv.includes('--serve'))
    serve(process.env.REASSESS_BENCH_DATA || undefined).catch((e) => {
      console.error(e);
      process.exit(1);
    });
  else
    runApiBench().catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
