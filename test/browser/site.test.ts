/**
 * The site in a real browser (Debian's Chromium, one launch for the whole file): the national map draws every
 * county of the us-atlas file and the agency dots, the time control changes the numbers, a misspelled search
 * finds the agency, the agency page shows its history, the language switch works and is remembered, axe-core finds
 * no WCAG 2.1 A/AA violation on any page type, no page logs an error (a CSP violation would), the pages fit a
 * 360 px screen, and the static export works from a plain static file server.
 */
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/cli/serve.ts';
import { isSheriffOrJail } from '../../src/geography/figures.ts';
import { exportSite } from '../../src/publish/static-export.ts';
import { agencyDetail } from '../../src/read/agencies.ts';
import { listPlacements } from '../../src/read/geography.ts';
import { listAgencies } from '../../src/store/agencies.ts';
import { listAgreements, listChanges } from '../../src/store/agreements.ts';
import { latestSightings, listSnapshots } from '../../src/store/publications.ts';
import { tempDir } from '../support/ledgers.ts';
import { EVIL_AGENCY, NOW, webLedger } from './fixture.ts';
import { launchChromium, staticServer } from './support.ts';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const COUNTIES = (
  JSON.parse(readFileSync(require.resolve('us-atlas/counties-10m.json'), 'utf8')) as {
    objects: { counties: { geometries: unknown[] } };
  }
).objects.counties.geometries.length;

let fx: Awaited<ReturnType<typeof webLedger>>;
let server: RunningServer;
let browser: Browser;
let base: string;
const exportDir = tempDir('reassess-browser-export-');

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

/** A page that records console errors and uncaught exceptions (a CSP violation is a console error). */
async function open(ctx: BrowserContext, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { page, errors };
}

const agencyIdOf = async (name: string) => {
  const a = (await listAgencies(fx.ledger.db)).find((x) => x.name === name);
  if (!a) throw new Error(`no agency ${name}`);
  return a.agencyId;
};

/** Agencies drawn as dots on a date: any agreement active or pending, and not a sheriff or jail placed in a county. */
async function expectedDots(on: string): Promise<number> {
  const placements = new Map((await listPlacements(fx.ledger.db)).map((p) => [p.agencyId, p]));
  const listed = new Set<string>();
  for (const a of await listAgreements(fx.ledger.db)) {
    const covers = (list: string) =>
      a.intervals.some((i) => i.list === list && i.from <= on && ((i.to ?? '') >= on || i.open));
    if (covers('participating') || covers('pending')) listed.add(a.agencyId);
  }
  return [...listed].filter((id) => {
    const p = placements.get(id);
    return !(p && isSheriffOrJail(p) && p.countyFips.length > 0);
  }).length;
}

/** Agencies in the map's table on a date: any agreement active or pending (the default layers). */
async function expectedListed(on: string): Promise<number> {
  const listed = new Set<string>();
  for (const a of await listAgreements(fx.ledger.db)) {
    const covers = (list: string) =>
      a.intervals.some((i) => i.list === list && i.from <= on && ((i.to ?? '') >= on || i.open));
    if (covers('participating') || covers('pending')) listed.add(a.agencyId);
  }
  return listed.size;
}

describe('home map', () => {
  it('draws every county and the agency dots; the time control changes the numbers', async () => {
    const ctx = await browser.newContext();
    const { page, errors } = await open(ctx, `${base}/`);
    await page.locator('#map[data-ready="true"]').waitFor();
    expect(await page.locator('#map path.county').count()).toBe(COUNTIES);
    const latest = (await latestSightings(fx.ledger.db)).any as string;
    expect(await page.locator('#map circle.point').count()).toBe(await expectedDots(latest));
    expect(await page.locator('#map path.county.s-active').count()).toBeGreaterThan(0);

    // Back to the first list: the numbers are those of that date.
    const first = (await listSnapshots(fx.ledger.db))[0]?.date as string;
    const activeFirst = (await listAgreements(fx.ledger.db, { activeOn: first })).length;
    const activeLatest = (await listAgreements(fx.ledger.db, { activeOn: latest })).length;
    expect(activeFirst).not.toBe(activeLatest);
    expect(await page.locator('[data-stat="active"]').textContent()).toBe(String(activeLatest));
    await page.locator('#time').focus();
    await page.keyboard.press('Home');
    await expect.poll(() => page.locator('[data-stat="active"]').textContent()).toBe(String(activeFirst));
    expect(await page.locator('#map circle.point').count()).toBe(await expectedDots(first));
    await page.keyboard.press('End');
    await expect.poll(() => page.locator('[data-stat="active"]').textContent()).toBe(String(activeLatest));

    // Layers: switching every model off leaves no shaded county and no dot.
    for (const m of ['JEM', 'WSO', 'TFM']) await page.locator(`#map-controls input[value="${m}"]`).uncheck();
    await expect.poll(() => page.locator('#map path.county.s-active').count()).toBe(0);
    expect(await page.locator('#map circle.point').count()).toBe(0);

    // Details on click: a county with an agreement lists its agency.
    await page.locator('#map-controls input[value="JEM"]').check();
    await page.locator('#map path.county[data-fips="48201"]').click({ force: true });
    await expect
      .poll(() => page.locator('#map-details').textContent())
      .toContain("Harris County Sheriff's Office");
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('redraws the table for the date, plays and pauses through the lists, names what is hovered and details a dot', async () => {
    const ctx = await browser.newContext();
    const { page, errors } = await open(ctx, `${base}/`);
    await page.locator('#map[data-ready="true"]').waitFor();
    const snapshots = await listSnapshots(fx.ledger.db);
    const latest = (await latestSightings(fx.ledger.db)).any as string;
    const first = snapshots[0]?.date as string;
    const rows = page.locator('#map-table-body tr');

    // The table: the agencies shown on the date, redrawn when the time control moves.
    await page.locator('#map-table summary').click();
    await expect.poll(() => rows.count()).toBe(await expectedListed(latest));
    await page.locator('#time').focus();
    await page.keyboard.press('Home');
    await expect.poll(() => rows.count()).toBe(await expectedListed(first));
    const firstDate = await page.locator('#time-out').textContent();
    expect(await page.locator('#map-table-caption').textContent()).toContain(firstDate);
    expect(await page.locator('#time').getAttribute('aria-valuetext')).toBe(firstDate);

    // Play runs to the latest list and stops; a second press pauses.
    const play = page.locator('#play');
    const last = await page.locator('#time').getAttribute('max');
    await play.click();
    expect(await play.getAttribute('aria-pressed')).toBe('true');
    expect(await play.textContent()).toBe('Pause');
    await expect.poll(() => play.getAttribute('aria-pressed'), { timeout: 20_000 }).toBe('false');
    expect(await page.locator('#time').inputValue()).toBe(last);
    expect(await play.textContent()).toBe('Play history');
    await expect.poll(() => rows.count()).toBe(await expectedListed(latest));
    await play.click();
    await expect.poll(() => page.locator('#time').inputValue()).not.toBe(last);
    await play.click();
    expect(await play.getAttribute('aria-pressed')).toBe('false');
    const paused = await page.locator('#time').inputValue();
    await page.waitForTimeout(400);
    expect(await page.locator('#time').inputValue()).toBe(paused);
    await page.locator('#time').focus();
    await page.keyboard.press('End');

    // Hover names the county; a click on a dot details its agency.
    await page.locator('#map path.county[data-fips="48201"]').hover({ force: true });
    await expect.poll(() => page.locator('.map-tip').isVisible()).toBe(true);
    expect(await page.locator('.map-tip').textContent()).toMatch(/^Harris.*, TX$/);
    await page.locator('#map circle.point').first().click({ force: true });
    await expect.poll(() => page.locator('#map-details h3').textContent()).toMatch(/, [A-Z]{2}$/);
    expect(await page.locator('#map-details li a').first().getAttribute('href')).toMatch(/\/agency\/agy-/);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

describe('search, agency page, language', () => {
  it('finds an agency from a misspelled query with the keyboard, and its page shows its history', async () => {
    const ctx = await browser.newContext();
    const { page, errors } = await open(ctx, `${base}/search/`);
    await page.locator('#q[data-ready="true"]').waitFor();
    await page.locator('#q').fill('gulfprot polce');
    const option = page.locator('[role="listbox"] [role="option"]').first();
    await expect.poll(() => option.textContent()).toContain('Gulfport Police Department');
    expect(await page.locator('#q').getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#q').getAttribute('aria-activedescendant')).toBe('hit-0');
    await Promise.all([page.waitForURL(/\/agency\/agy-[a-z0-9]+\/$/), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').textContent()).toBe('Gulfport Police Department');

    const tulsa = await agencyIdOf('Tulsa Police Department');
    const detail = await agencyDetail(fx.ledger.db, tulsa);
    await page.goto(`${base}/agency/${tulsa}/`);
    expect(await page.locator('ol.timeline > li').count()).toBe(detail?.events.length);
    expect(await page.locator('ol.timeline').textContent()).toContain('Signed (was pending)');

    // A county with no agreement says so.
    await page.goto(`${base}/search/`);
    await page.locator('#q[data-ready="true"]').waitFor();
    await page.locator('#q').fill('loving cnty');
    await expect
      .poll(() => page.locator('#search-results').textContent())
      .toContain('No 287(g) agreement in this county.');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('switches language and remembers the choice', async () => {
    const ctx = await browser.newContext();
    const { page, errors } = await open(ctx, `${base}/changes/`);
    await Promise.all([page.waitForURL(`${base}/es/changes/`), page.locator('a.lang-switch').click()]);
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(await page.locator('h1').textContent()).toBe('Cambios');
    // Remembered: an English address now leads to the Spanish page.
    await page.goto(`${base}/methodology/`);
    await page.waitForURL(`${base}/es/methodology/`);
    expect(await page.locator('h1').textContent()).toBe('Metodología');
    // And back.
    await Promise.all([page.waitForURL(`${base}/methodology/`), page.locator('a.lang-switch').click()]);
    await page.goto(`${base}/es/`);
    await page.waitForURL(`${base}/`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

describe('accessibility', () => {
  it('axe-core finds no WCAG 2.1 A/AA violation on any page type, in both languages', async () => {
    // axe is injected as an inline script, which the site's CSP forbids: this context bypasses CSP.
    const ctx = await browser.newContext({ bypassCSP: true });
    const evil = await agencyIdOf(EVIL_AGENCY);
    const pages = [
      '/',
      '/search/',
      '/changes/',
      '/data/',
      '/methodology/',
      '/analysis/',
      `/agency/${evil}/`,
      '/state/TX/',
      '/state/AK/',
    ];
    const results: string[] = [];
    for (const p of pages)
      for (const prefix of ['', '/es']) {
        const page = await ctx.newPage();
        await page.goto(`${base}${prefix}${p}`);
        if (p === '/') {
          await page.locator('#map[data-ready="true"]').waitFor();
          await page.locator('#map-table summary').click();
        }
        if (p === '/search/') {
          await page.locator('#q[data-ready="true"]').waitFor();
          await page.locator('#q').fill('harris');
          await page.locator('[role="option"]').first().waitFor();
        }
        await page.addScriptTag({ content: AXE });
        const violations = await page.evaluate(async () => {
          const axe = (
            window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: unknown[] }> } }
          ).axe;
          const r = await axe.run({
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
          });
          return r.violations as { id: string; help: string; nodes: { target: string[] }[] }[];
        });
        for (const v of violations)
          results.push(
            `${prefix}${p}: ${v.id} (${v.help}) at ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(', ')}`,
          );
        await page.close();
      }
    expect(results).toEqual([]);
    await ctx.close();
  });

  it('fits a 360 px screen without horizontal scrolling and shows a visible focus', async () => {
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const tulsa = await agencyIdOf('Tulsa Police Department');
    for (const p of ['/', '/changes/', `/agency/${tulsa}/`, '/state/TX/', '/methodology/']) {
      const { page, errors } = await open(ctx, `${base}${p}`);
      if (p === '/') await page.locator('#map[data-ready="true"]').waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, p).toBeLessThanOrEqual(360);
      expect(errors, p).toEqual([]);
      await page.close();
    }
    const { page } = await open(ctx, `${base}/`);
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const s = getComputedStyle(el);
      return { cls: el.className, outline: s.outlineStyle, top: el.getBoundingClientRect().top };
    });
    expect(skip.cls).toBe('skip-link');
    expect(skip.outline).toBe('solid');
    expect(skip.top).toBeGreaterThanOrEqual(0);
    await ctx.close();
  });
});

describe('static export', () => {
  it('works from a plain static file server: map, search, changes filter, agency pages', {
    timeout: 600_000,
  }, async () => {
    await exportSite({ db: fx.ledger.db, out: exportDir, now: NOW });
    const host = await staticServer(exportDir);
    const ctx = await browser.newContext();
    try {
      const { page, errors } = await open(ctx, `${host.url}/`);
      await page.locator('#map[data-ready="true"]').waitFor();
      expect(await page.locator('#map path.county').count()).toBe(COUNTIES);

      await page.goto(`${host.url}/es/search/`);
      await page.locator('#q[data-ready="true"]').waitFor();
      await page.locator('#q').fill('gulfprot');
      const option = page.locator('[role="option"]').first();
      await expect.poll(() => option.textContent()).toContain('Gulfport Police Department');
      await Promise.all([page.waitForURL(/\/es\/agency\/agy-[a-z0-9]+\/$/), option.click()]);
      expect(await page.locator('h1').textContent()).toBe('Gulfport Police Department');
      // An agency page does not print the latest list: the common script fills the line from freshness.json.
      const line = page.locator('.freshness[data-freshness]');
      await expect.poll(() => line.textContent()).toContain('14 de abril de 2025');
      expect(await line.locator('a').count()).toBe(0);
      // Nor does a state page: its line and its figures' date come from freshness.json.
      await page.goto(`${host.url}/state/TX/`);
      await expect
        .poll(() => page.locator('.freshness[data-freshness]').textContent())
        .toContain('April 14, 2025');
      await expect.poll(() => page.locator('.asof[data-asof]').textContent()).toBe('As of April 14, 2025.');

      const all = await listChanges(fx.ledger.db, '1900-01-01');
      const txAdded = all.filter((c) => c.state === 'TX' && c.kind === 'added').length;
      await page.goto(`${host.url}/changes/?state=TX&kind=added`);
      await expect.poll(() => page.locator('#changes-table tbody tr:visible').count()).toBe(txAdded);
      expect(await page.locator('#f-state').inputValue()).toBe('TX');
      expect(await page.locator('#changes-count').textContent()).toContain(String(txAdded));
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
      await host.close();
    }
  });
});
