/**
 * Issue 16, the national map in a real browser (Debian's Chromium): on a 390 px touch screen, zooming in on a
 * small county that holds an agency dot and tapping right on the dot opens that county (a dot never covers the
 * county behind it on touch); the view goes into the URL and comes back from it; the keyboard and Ctrl + wheel
 * zoom the map; the dots keep about the same size on screen when the map is zoomed in.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/cli/serve.ts';
import { NOW, webLedger } from './fixture.ts';
import { launchChromium } from './support.ts';

let fx: Awaited<ReturnType<typeof webLedger>>;
let server: RunningServer;
let browser: Browser;
let base: string;

beforeAll(async () => {
  fx = await webLedger();
  server = await startServer({ db: fx.ledger.db, port: 0, now: NOW });
  base = `http://127.0.0.1:${server.port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await fx?.dispose();
});

const view = (page: Page) => new URL(page.url()).searchParams.get('view');
const zoomOf = async (page: Page) => Number(await page.locator('#map').getAttribute('data-zoom'));

/** The smallest county (by its box in map units) that has an agency dot inside it, the dot and the county's box. */
async function smallCountyWithDot(page: Page) {
  await page.locator('#map').scrollIntoViewIfNeeded();
  return page.evaluate(() => {
    let best: { fips: string; dot: string; cx: number; cy: number; area: number } | null = null;
    for (const c of Array.from(document.querySelectorAll<SVGCircleElement>('#map circle.point'))) {
      const r = c.getBoundingClientRect();
      const under = document
        .elementsFromPoint(r.x + r.width / 2, r.y + r.height / 2)
        .find((e) => e.classList.contains('county'));
      if (!under) continue;
      const b = (under as SVGGraphicsElement).getBBox();
      const area = b.width * b.height;
      if (!best || area < best.area)
        best = {
          fips: under.getAttribute('data-fips') ?? '',
          dot: c.getAttribute('data-agency') ?? '',
          cx: Number(c.getAttribute('cx')),
          cy: Number(c.getAttribute('cy')),
          area,
        };
    }
    return best;
  });
}

describe('the national map zooms', () => {
  it('on a 390 px touch screen: zoom in on a small county and tap its dot, and the county opens', async () => {
    const ctx = await browser.newContext({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
      deviceScaleFactor: 2,
    });
    const page = await ctx.newPage();
    await page.goto(`${base}/`);
    await page.locator('#map[data-ready="true"]').waitFor();
    const target = await smallCountyWithDot(page);
    expect(target, 'a county with an agency dot').toBeTruthy();
    const t = target as NonNullable<typeof target>;
    // The view in the URL centres the map on the dot; the buttons zoom in from there.
    await page.goto(`${base}/?view=${Math.round(t.cx)},${Math.round(t.cy)},4`);
    await page.locator('#map[data-ready="true"]').waitFor();
    expect(await zoomOf(page)).toBe(4);
    const dotBefore = await page.locator(`#map circle.point[data-agency="${t.dot}"]`).boundingBox();
    for (let i = 0; i < 2; i++) await page.locator('#map-zoom button[data-zoom="in"]').click();
    await page.locator('#map').scrollIntoViewIfNeeded();
    await expect.poll(() => zoomOf(page)).toBe(16);
    expect(view(page)).toMatch(/^\d+,\d+,16$/);
    const dot = page.locator(`#map circle.point[data-agency="${t.dot}"]`);
    const box = await dot.boundingBox();
    expect(box, 'the dot is drawn after zooming').toBeTruthy();
    const b = box as NonNullable<typeof box>;
    // Dots keep about their size on screen: 16 times the zoom makes them at most twice as large (not 4×).
    expect(b.width).toBeLessThanOrEqual((dotBefore?.width ?? 0) * 2 + 1);
    const county = await page.locator(`#map path.county[data-fips="${t.fips}"]`).boundingBox();
    expect((county?.width ?? 0) * (county?.height ?? 0)).toBeGreaterThan(b.width * b.height);
    await page.touchscreen.tap(b.x + b.width / 2, b.y + b.height / 2);
    const link = page.locator('#map-details h3 a');
    await expect.poll(() => link.getAttribute('href')).toBe(`/county/${t.fips}/`);
    await Promise.all([page.waitForURL(new RegExp(`/county/${t.fips}/$`)), link.tap()]);
    expect(await page.locator('h1').textContent()).toMatch(/,/);
    await ctx.close();
  });

  it('zooms with the keyboard and with Ctrl + wheel, writes the view to the URL, and resets to the whole country', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(`${base}/`);
    await page.locator('#map[data-ready="true"]').waitFor();
    expect(view(page)).toBeNull();
    await page.locator('#map').focus();
    await page.keyboard.press('+');
    await expect.poll(() => zoomOf(page)).toBe(1.5);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => view(page)).toMatch(/,1\.5$/);
    const box = (await page.locator('#map').boundingBox()) as {
      x: number;
      y: number;
      width: number;
      height: number;
    };
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -300);
    await page.keyboard.up('Control');
    await expect.poll(() => zoomOf(page)).toBeGreaterThan(1.5);
    const kept = view(page);
    await page.reload();
    await page.locator('#map[data-ready="true"]').waitFor();
    expect(view(page)).toBe(kept);
    expect(await zoomOf(page)).toBeGreaterThan(1.5);
    await page.locator('#map-zoom button[data-zoom="reset"]').click();
    await expect.poll(() => view(page)).toBeNull();
    expect(await zoomOf(page)).toBe(1);
    await ctx.close();
  });
});
