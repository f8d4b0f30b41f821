/**
 * The changes page in a real browser (Debian's Chromium): choosing state, model and kind in the form puts them in
 * the URL, a reload restores the form from the URL, the rows shown are exactly the matching changes, the chart of
 * additions and removals is drawn with its table, and the feed link carries the same filters. In the static export
 * the same URL restores the form and the rows, the chart is there, and the feed link is the state's feed.
 */
import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/cli/serve.ts';
import { exportSite } from '../../src/publish/static-export.ts';
import { listChanges } from '../../src/store/agreements.ts';
import { tempDir } from '../support/ledgers.ts';
import { NOW, webLedger } from './fixture.ts';
import { launchChromium, staticServer } from './support.ts';

let fx: Awaited<ReturnType<typeof webLedger>>;
let server: RunningServer;
let browser: Browser;
let base: string;
const exportDir = tempDir('reassess-browser-changes-');

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
  rmSync(exportDir, { recursive: true, force: true });
});

/** A state, model and kind with at least one change, and the changes that match all three. */
async function someFilter() {
  const all = await listChanges(fx.ledger.db, '1900-01-01');
  const one = all.find((c) => c.kind === 'added' && c.model && c.state);
  if (!one) throw new Error('the fixture has no addition with a model');
  const f = { state: one.state as string, model: one.model as string, kind: 'added' };
  const want = all.filter((c) => c.state === f.state && c.model === f.model && c.kind === f.kind);
  expect(want.length).toBeLessThan(all.length);
  return { f, want };
}

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

async function formValues(page: Page) {
  return {
    state: await page.locator('#f-state').inputValue(),
    model: await page.locator('#f-model').inputValue(),
    kind: await page.locator('#f-kind').inputValue(),
  };
}

describe('changes page', () => {
  it('round-trips state, model and kind through the URL, with the chart and the feed of the same filters', async () => {
    const { f, want } = await someFilter();
    const ctx = await browser.newContext();
    try {
      const page = await ctx.newPage();
      const errors = watchErrors(page);
      await page.goto(`${base}/changes/`);
      await page.locator('#f-state').selectOption(f.state);
      await page.locator('#f-model').selectOption(f.model);
      await page.locator('#f-kind').selectOption(f.kind);
      await Promise.all([
        page.waitForURL(/\?/),
        page.locator('#changes-filter button[type="submit"]').click(),
      ]);
      const url = new URL(page.url());
      expect(Object.fromEntries([...url.searchParams].filter(([, v]) => v))).toEqual(f);

      // A fresh page from that URL shows the same form, the same rows, the chart and the feed.
      await page.goto(url.href);
      expect(await formValues(page)).toEqual(f);
      const rows = page.locator('#changes-table tbody tr:visible');
      expect(await rows.count()).toBe(want.length);
      const models = await rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.model));
      expect(new Set(models)).toEqual(new Set([f.model]));
      await expect
        .poll(() => page.locator('#changes-chart svg[role="img"] rect.bar-added').count())
        .toBeGreaterThan(0);
      expect(await page.locator('#changes-chart svg title').textContent()).toBe(
        'Agencies added and removed, by month',
      );
      expect(await page.locator('#changes-chart table tbody tr').count()).toBeGreaterThan(0);
      const feed = new URL((await page.locator('#changes-feed').getAttribute('href')) as string, base);
      expect(feed.pathname).toBe('/feeds/changes.atom');
      expect(Object.fromEntries(feed.searchParams)).toEqual(f);
      const atom = await (await fetch(feed)).text();
      expect(atom.match(/<entry>/g)?.length).toBe(want.length);
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('restores the filters from the URL in the static export, with the chart and the state feed', {
    timeout: 600_000,
  }, async () => {
    const { f, want } = await someFilter();
    await exportSite({ db: fx.ledger.db, out: exportDir, now: NOW });
    const host = await staticServer(exportDir);
    const ctx = await browser.newContext();
    try {
      const page = await ctx.newPage();
      const errors = watchErrors(page);
      await page.goto(`${host.url}/es/changes/?${new URLSearchParams(f)}`);
      await expect.poll(() => page.locator('#changes-table tbody tr:visible').count()).toBe(want.length);
      expect(await formValues(page)).toEqual(f);
      expect(await page.locator('#changes-chart svg[role="img"]').count()).toBe(1);
      const feed = (await page.locator('#changes-feed').getAttribute('href')) as string;
      // The Spanish page links the Spanish feed of the state (issue 16: feeds in both languages).
      expect(feed).toBe(`/es/feeds/state/${f.state}.atom`);
      const atom = await fetch(new URL(feed, host.url));
      expect(atom.status).toBe(200);
      expect(await atom.text()).toMatch(
        /<title type="text">Acuerdos 287\(g\) en [^<]+: todos los cambios<\/title>/,
      );
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
      await host.close();
    }
  });
});
