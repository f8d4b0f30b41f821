/**
 * Web targets: the home page's total transfer (compressed bytes of the HTML and everything it loads, map geometry
 * included; target ≤ 400 KB) and its first contentful paint in headless Chromium on localhost (target ≤ 1 s).
 *
 * The ledger: the real pack when REASSESS_DATA is set (`$REASSESS_DATA/ice-287g/participating` and `pending`,
 * plus the pack's FBI LEE table), else the web test fixture. Transfer is measured twice: as Chromium received it
 * (brotli; encoded body sizes from the network events) and by fetching each resource with
 * `Accept-Encoding: gzip` only. FCP is the median of cold loads (a fresh browser context each). Prints JSON.
 *
 * Issue 16 adds two county pages (Harris County TX, with agreements; Multnomah County OR, without) measured the same
 * way, and zooming the national map with Ctrl + wheel under Chromium's 4× CPU throttling: frames per second during
 * the gesture (target 60) and the longest frame of the redraw after it.
 *
 * Run: `npx tsx bench/web.ts` (needs Debian's Chromium at /usr/bin/chromium).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
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
  /** County pages (issue 16): one with agreements, one without; the same measures as the home page. */
  counties: PageFigures[];
  /** Zooming the national map with Ctrl + wheel under 4× CPU throttling (issue 16: 60 fps). */
  zoom: ZoomFigures;
  targets: { transferKB: number; fcpMs: number; zoomFps: number };
  pass: { transfer: boolean; fcp: boolean; counties: boolean; zoom: boolean };
  serverStartMs: number;
}

export interface PageFigures {
  path: string;
  transferBrotliBytes: number;
  fcpMs: number;
  fcpRunsMs: number[];
}

export interface ZoomFigures {
  /** Frames drawn per second while the wheel turned (the gesture moves the drawn map: a compositor transform). */
  gestureFps: number;
  /** The longest gap between two frames during the gesture (ms). */
  gestureLongestFrameMs: number;
  /** The longest frame after the gesture ended (the map redrawn for the new zoom: its dots), ms. */
  commitLongestFrameMs: number;
  wheelEvents: number;
  cpuThrottling: number;
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
    const counties = [
      await measurePage(browser, `${base}/county/48201/`, runs),
      await measurePage(browser, `${base}/county/41051/`, runs),
    ];
    const zoom = await measureZoom(browser, `${base}/`);
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
      counties,
      zoom,
      targets: { transferKB: 400, fcpMs: 1000, zoomFps: 60 },
      pass: {
        transfer: Math.max(transferBrotliBytes, transferGzipBytes) <= 400 * 1024,
        fcp: fcpMs <= 1000,
        counties: counties.every((c) => c.transferBrotliBytes <= 400 * 1024 && c.fcpMs <= 1000),
        zoom: zoom.gestureFps >= 55,
      },
      serverStartMs,
    };
  } finally {
    await browser.close();
    await server?.close();
    await fx.dispose();
  }
}

/** Transfer (as Chromium received it) and first contentful paint of a page, median of `runs` cold loads. */
async function measurePage(browser: Browser, url: string, runs: number): Promise<PageFigures> {
  const fcps: number[] = [];
  let transfer = 0;
  for (let i = 0; i < runs; i++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const sizing: Promise<number>[] = [];
    page.on('requestfinished', (req) => {
      sizing.push(
        req.sizes().then(
          (x) => x.responseBodySize,
          () => 0,
        ),
      );
    });
    await page.goto(url, { waitUntil: 'load' });
    const fcp = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          new PerformanceObserver((list) => {
            const e = list.getEntriesByName('first-contentful-paint')[0];
            if (e) resolve(e.startTime);
          }).observe({ type: 'paint', buffered: true });
        }),
    );
    const sizes = await Promise.all(sizing);
    if (i === 0) transfer = sizes.reduce((n, x) => n + x, 0);
    fcps.push(Math.round(fcp));
    await ctx.close();
  }
  return { path: new URL(url).pathname, transferBrotliBytes: transfer, fcpMs: median(fcps), fcpRunsMs: fcps };
}

/**
 * Zooms the national map with Ctrl + wheel (one wheel step every ~16 ms) under Chromium's CPU throttling, counting
 * the frames drawn during the gesture and the longest frame after it (the redraw for the new zoom).
 */
async function measureZoom(browser: Browser, url: string, rate = 4, steps = 40): Promise<ZoomFigures> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(url);
  await page.locator('#map[data-ready="true"]').waitFor({ timeout: 60_000 });
  await page.locator('#map').scrollIntoViewIfNeeded();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  // A string, not a function: tsx wraps named functions in a helper the page does not have.
  await page.evaluate(
    'window.frames_ = []; (function tick(t) { window.frames_.push(t); requestAnimationFrame(tick); })(performance.now());',
  );
  // The wheel steps are dispatched in the page every 16 ms (as a mouse wheel sends them), so the test driver's own
  // latency on a busy host does not space them out; the map's own listener handles them as it would real ones.
  const [t0, t1] = (await page.evaluate(`new Promise((resolve) => {
    const map = document.getElementById('map');
    const r = map.getBoundingClientRect();
    const x = r.left + r.width * 0.6, y = r.top + r.height * 0.55;
    const t0 = performance.now();
    let n = 0;
    const id = setInterval(() => {
      map.dispatchEvent(new WheelEvent('wheel', { deltaY: -25, clientX: x, clientY: y, ctrlKey: true, bubbles: true, cancelable: true }));
      if (++n >= ${steps}) { clearInterval(id); resolve([t0, performance.now()]); }
    }, 16);
  })`)) as [number, number];
  await page.waitForTimeout(1500);
  const frames = await page.evaluate(() => (window as unknown as { frames_: number[] }).frames_);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await ctx.close();
  const gaps = (from: number, to: number) => {
    const f = frames.filter((t) => t >= from && t <= to);
    const span = f.length > 1 ? (f[f.length - 1] as number) - (f[0] as number) : 0;
    return {
      // Frames per second over the frames drawn in the window (first to last), not the window's edges.
      fps: span > 0 ? ((f.length - 1) * 1000) / span : 0,
      longest: Math.max(0, ...f.slice(1).map((t, i) => t - (f[i] as number))),
    };
  };
  const during = gaps(t0, t1);
  const after = gaps(t1, t1 + 1500);
  return {
    gestureFps: Math.round(during.fps * 10) / 10,
    gestureLongestFrameMs: Math.round(during.longest),
    commitLongestFrameMs: Math.round(after.longest),
    wheelEvents: steps,
    cpuThrottling: rate,
  };
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
