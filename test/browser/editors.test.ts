/**
 * The editors' pages and the tip form in a real browser (Debian's Chromium, issue 18): a reviewer logs in, drafts
 * a record with the form, previews and saves it, submits it, and may not approve her own version (the two-person
 * rule, in the page and on the server); a second reviewer logs in and approves it, and the
 * record is on the public agency page (and not before); a visitor sends a tip from an agency page and it reaches
 * the editors' queue, never a public page or the API.
 * The server runs on `localhost` (a secure context, so the Secure session cookie is kept over plain HTTP).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReassessApp, type ReassessApp } from '../../src/server/app.ts';
import { listAgencies } from '../../src/store/agencies.ts';
import { listTips } from '../../src/store/tips.ts';
import { account, PASSWORD, testDeps } from '../support/editors.ts';
import { webLedger } from './fixture.ts';
import { launchChromium } from './support.ts';

let fx: Awaited<ReturnType<typeof webLedger>>;
let r: ReassessApp;
let server: Server;
let browser: Browser;
let base: string;
let harris: string;
const deps = testDeps();

beforeAll(async () => {
  fx = await webLedger();
  r = await createReassessApp({ db: fx.ledger.db, now: deps.now, services: deps, checkIntervalMs: 0 });
  server = createServer(getRequestListener(r.app.fetch));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://localhost:${(server.address() as AddressInfo).port}`;
  await account(fx.ledger.db, deps, 'rosa', 'reviewer');
  await account(fx.ledger.db, deps, 'rita', 'reviewer');
  harris = (await listAgencies(fx.ledger.db)).find((x) => x.name === "Harris County Sheriff's Office")
    ?.agencyId as string;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((ok) => server?.close(ok));
  await fx?.dispose();
});

async function logIn(page: Page, username: string): Promise<void> {
  await page.goto(`${base}/editor/`);
  await page.fill('#username', username);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForURL(`${base}/editor/`), page.click('button[type=submit]')]);
}

describe('editors in Chromium', () => {
  it('logs in, drafts, previews, submits, and a second editor reviews and publishes', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await logIn(page, 'rosa');
    await page.click('a[href="/editor/records/new"]');
    await page.fill('#f-agencyId', harris);
    await page.fill('#f-agencyName', "Harris County Sheriff's Office");
    await page.fill('#f-state', 'TX');
    await page.fill('#f-countyFips', '48201');
    await page.selectOption('#f-kind', 'lawsuit');
    await page.fill('#f-date', '2020-01-02');
    await page.fill('#f-title', 'Browser-made record');
    await page.fill('#f-summary', 'A lawsuit was filed.');
    await page.selectOption('#f-status', 'alleged');
    await page.check('input[name=criteria][value=profiling]');
    await page.fill('#f-source_url_0', 'https://example.org/lawsuit');
    await page.fill('#f-source_publisher_0', 'Example');
    await page.fill('#f-source_quote_0', 'A lawsuit was filed.');
    await page.click('button[value=preview]');
    expect(await page.locator('#preview-title').count()).toBe(1);
    expect(await page.textContent('section[aria-labelledby=preview-title]')).toContain('Browser-made record');
    await page.click('button[value=save]');
    await page.waitForURL(/\/editor\/records\/evd-/);
    const recordUrl = page.url();
    await page.click('button:has-text("Submit for review")');
    await page.waitForURL(recordUrl);
    expect(await page.textContent('main')).toContain('stage: review');
    // The two-person rule: the author (a reviewer) is not offered the approval, and the server refuses it.
    expect(await page.locator('button:has-text("Approve")').count()).toBe(0);
    expect(await page.textContent('main')).toContain('another reviewer approves it');
    const forged = await page.evaluate(async (url) => {
      const csrf = (document.querySelector('input[name=_csrf]') as HTMLInputElement).value;
      const body = new URLSearchParams({ _csrf: csrf, version: '1', note: '' });
      const res = await fetch(`${url}/approve`, { method: 'POST', body });
      return { status: res.status, text: await res.text() };
    }, recordUrl);
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('two-person rule');
    await page.reload();
    expect(await page.textContent('main')).toContain('stage: review');
    await r.views.refresh();
    await page.goto(`${base}/agency/${harris}/`);
    expect(await page.textContent('main')).not.toContain('Browser-made record');
    await ctx.close();

    const ctx2 = await browser.newContext();
    const p2 = await ctx2.newPage();
    await logIn(p2, 'rita');
    await p2.goto(recordUrl);
    await p2.click('button:has-text("Approve")');
    await p2.waitForURL(recordUrl);
    expect(await p2.textContent('main')).toContain('stage: published');
    await r.views.refresh();
    await p2.goto(`${base}/agency/${harris}/`);
    expect(await p2.textContent('section.evidence')).toContain('Browser-made record');
    await p2.goto(`${base}/evidence/`);
    expect(await p2.textContent('main')).toContain('Browser-made record');
    await ctx2.close();
  });

  it('sends a tip from an agency page into the moderation queue', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${base}/agency/${harris}/`);
    await page.fill('#tip-what', 'A tip typed in the browser.');
    await page.fill('#tip-source', 'https://example.org/tip');
    await page.fill('#tip-contact', 'tipper@example.org');
    deps.clock.advance(10_000); // a person takes longer than the timing check's 3 seconds
    await page.click('.tip-form button[type=submit]');
    await page.waitForLoadState();
    expect(await page.textContent('h1')).toBe('Thank you');
    const tips = await listTips(fx.ledger.db);
    expect(tips.map((t) => t.what)).toContain('A tip typed in the browser.');

    // In the editors' queue, with its private contact …
    await logIn(page, 'rita');
    await page.goto(`${base}/editor/tips`);
    expect(await page.textContent('main')).toContain('A tip typed in the browser.');
    expect(await page.textContent('main')).toContain('tipper@example.org');
    // … and nowhere public.
    await r.views.refresh();
    for (const path of [`/agency/${harris}/`, '/evidence/', '/es/evidence/', '/api/v1/evidence']) {
      await page.goto(`${base}${path}`);
      const text = (await page.textContent('body')) ?? '';
      expect(text.length, path).toBeGreaterThan(0);
      expect(text, path).not.toContain('A tip typed in the browser.');
      expect(text, path).not.toContain('tipper@example.org');
    }
    await ctx.close();
  });
});
