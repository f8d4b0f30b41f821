/**
 * Web targets: the home page's total transfer (compressed bytes of the HTML and everything it loads, map geometry
 * included; target ≤ 400 KB) and its first contentful paint in headless Chromium on localhost (target ≤ 1 s).
 *
 * The ledger: the real pack when REASSESS_DATA is set (`$REASSESS_DATA/ice-287g/participating` and `pending`,
 * plus the pack's FBI LEE table), else the web test fixture. Transfer is measured twice: as Chromium received it
 * (brotli; encoded body sizes from the network events) and by fetching each resource with
 * `Accept-Encoding: gzip` only. FCP is the median of cold loads (a fresh browser context each). Prints JSON.
 *
 * Run: `npx tsx bench/web.ts` (needs Debian's Chromium at /usr/bin/chromium).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningServer, startServer } from '../src/cli/serve.ts';
import { ingest } from '../src/ingest/ingest.ts';
import { type Ledger, openLedger } from '../src/store/connection.ts';
import { NOW, webLedger } from '../test/browser/fixture.ts';
import { launchChromium } from '../test/browser/support.ts';
import { tempDir } from '../test/support/ledgers.ts';
import { packWorkbooks } from './pack.ts';

export interface WebBenchResult {
  ledger: 'real-pack' | 'fixture';
  agencies: number;
  home: {
    /** Bytes on the wire as Chromium loaded the page (brotli where offered), bodies only. */
    transferBrotliBytes: number;
    /** The same resources fetched with Accept-Encoding: gzip only. */
    transferGzipBytes: number;
    uncompressedBytes: number;
    resources: { url: string; type: string; brotli: number; gzip: number; raw: number }[];
    /** First contentful paint, median of the cold loads (ms). */
    fcpMs: number;
    fcpRunsMs: number[];
    /** Until the map has drawn every county and dot (ms from navigation start), median. */
    mapReadyMs: number;
  };
  targets: { transferKB: number; fcpMs: number };
  pass: { transfer: boolean; fcp: boolean };
  serverStartMs: number;
}

async function realLedger(data: string): Promise<{ ledger: Ledger; dispose: () => Promise<void> }> {
  const home = tempDir('reassess-webbench-');
  const ledger = await openLedger({ home });
  const base = join(data, 'ice-287g');
  const inputs = packWorkbooks(data, ['participating', 'pending']).map((file) => ({
    file,
    bytes: readFileSync(file),
  }));
  const lee = join(base, 'reference', 'fbi_lee_latest.csv');
  if (existsSync(lee)) inputs.push({ file: lee, bytes: readFileSync(lee) });
  await ingest(ledger, inputs, { now: () => new Date() });
  return {
    ledger,
    dispose: async () => {
      await ledger.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

export async function runWebBench(runs = 5): Promise<WebBenchResult> {
  const data = process.env.REASSESS_DATA;
  const fx = data ? await realLedger(data) : await webLedger();
  let server: RunningServer | null = null;
  const browser = await launchChromium();
  try {
    const agencies = (await fx.ledger.db.selectFrom('agencies').select('agency_id').execute()).length;
    const t0 = performance.now();
    server = await startServer({ db: fx.ledger.db, port: 0, ...(data ? {} : { now: NOW }) });
    const base = `http://127.0.0.1:${server.port}`;
    // Warm the server's per-version state so the loads measure the page, not the first build.
    await (await fetch(`${base}/`)).text();
    const serverStartMs = Math.round(performance.now() - t0);

    const fcps: number[] = [];
    const ready: number[] = [];
    let resources: WebBenchResult['home']['resources'] = [];
    for (let i = 0; i < runs; i++) {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      const seen: { url: string; type: string; brotli: number }[] = [];
      const sizing: Promise<void>[] = [];
      page.on('requestfinished', (req) => {
        sizing.push(
          req.sizes().then(
            (sizes) => {
              seen.push({ url: req.url(), type: req.resourceType(), brotli: sizes.responseBodySize });
            },
            () => undefined,
          ),
        );
      });
      await page.goto(`${base}/`);
      await page.locator('#map[data-ready="true"]').waitFor({ timeout: 30_000 });
      await page.locator('#map circle.point, #map path.county').first().waitFor();
      const timing = await page.evaluate(
        () =>
          new Promise<{ fcp: number; ready: number }>((resolve) => {
            const ready = performance.now();
            new PerformanceObserver((list) => {
              const e = list.getEntriesByName('first-contentful-paint')[0];
              if (e) resolve({ fcp: e.startTime, ready });
            }).observe({ type: 'paint', buffered: true });
          }),
      );
      await Promise.all(sizing);
      fcps.push(Math.round(timing.fcp));
      ready.push(Math.round(timing.ready));
      if (i === 0) resources = seen.map((r) => ({ ...r, gzip: 0, raw: 0 }));
      await ctx.close();
    }
    for (const r of resources) {
      const gz = await fetch(r.url, { headers: { 'Accept-Encoding': 'gzip' } });
      // fetch decodes the body: the wire size is the compressed body (content-length or its re-encoding).
      const len = gz.headers.get('content-length');
      const body = new Uint8Array(await gz.arrayBuffer());
      r.raw = body.byteLength;
      r.gzip = len && gz.headers.get('content-encoding') ? Number(len) : await gzipSize(r.url, body);
    }
    const transferBrotliBytes = resources.reduce((n, r) => n + r.brotli, 0);
    const transferGzipBytes = resources.reduce((n, r) => n + r.gzip, 0);
    const fcpMs = median(fcps);
    return {
      ledger: data ? 'real-pack' : 'fixture',
      agencies,
      home: {
        transferBrotliBytes,
        transferGzipBytes,
        uncompressedBytes: resources.reduce((n, r) => n + r.raw, 0),
        resources,
        fcpMs,
        fcpRunsMs: fcps,
        mapReadyMs: median(ready),
      },
      targets: { transferKB: 400, fcpMs: 1000 },
      pass: { transfer: Math.max(transferBrotliBytes, transferGzipBytes) <= 400 * 1024, fcp: fcpMs <= 1000 },
      serverStartMs,
    };
  } finally {
    await browser.close();
    await server?.close();
    await fx.dispose();
  }
}

/** Gzip size of a page streamed without Content-Length (compressed on the fly): ask with raw node http. */
async function gzipSize(url: string, body: Uint8Array): Promise<number> {
  const { request } = await import('node:http');
  return new Promise((resolve) => {
    const req = request(url, { headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
      let n = 0;
      res.on('data', (c: Buffer) => {
        n += c.length;
      });
      res.on('end', () => resolve(res.headers['content-encoding'] ? n : body.byteLength));
    });
    req.on('error', () => resolve(body.byteLength));
    req.end();
  });
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain)
  runWebBench().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
