/**
 * Stop-data analyses where users look (issue 17, item 4): a stop dataset tied to an agency of the web fixture,
 * analysed through the CLI, then read through the API (list, filters, one analysis, 404), the pages in both
 * languages (index, dataset page with words, chart, checks and input checksums; the agency page's link) and the
 * static export (pages, API snapshots, download). A result is published only from a finished run report, and a
 * finished stop run makes a new ledger version (so caches refresh).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSite } from '../../src/publish/static-export.ts';
import { ledgerVersion } from '../../src/read/version.ts';
import { createReassessApp } from '../../src/server/app.ts';
import { listAgencies } from '../../src/store/agencies.ts';
import { openLedger } from '../../src/store/connection.ts';
import { saveAnalysis } from '../../src/store/stop-analyses.ts';
import { finishStopRun, startStopRun } from '../../src/store/stop-datasets.ts';
import { NOW, webLedger } from '../browser/fixture.ts';
import { HARTFORD_LIKE, stopsCsv } from '../fixtures/stops.ts';
import { cliFor } from '../support/cli.ts';
import { tempDir } from '../support/ledgers.ts';

type Ledger = Awaited<ReturnType<typeof openLedger>>;
let home = '';
let ledger: Ledger;
let agencyId = '';
const out = tempDir('reassess-analyses-export-');

beforeAll(async () => {
  const fx = await webLedger();
  home = fx.home;
  agencyId = (await listAgencies(fx.ledger.db))[0]?.agencyId as string;
  await fx.ledger.close();
  const cli = cliFor(home);
  const file = join(home, 'ct_hartford_2020_04_01.csv');
  writeFileSync(file, stopsCsv({ ...HARTFORD_LIKE, days: 400, stopsPerDay: 10 }));
  expect((await cli('stops', 'ingest', file, '--name', 'synth', '--agency', agencyId)).code).toBe(0);
  expect((await cli('stops', 'vod', 'synth', '--df', '4')).code).toBe(0);
  ledger = await openLedger({ home });
}, 180_000);
afterAll(async () => {
  await ledger?.close();
  rmSync(home, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

async function app() {
  return createReassessApp({ db: ledger.db, now: NOW, rateLimit: false });
}

async function get(path: string) {
  const res = await (await app()).app.request(path);
  return { status: res.status, text: await res.text() };
}

describe('stop-data analyses in the API, the pages and the export', () => {
  it('lists the published analyses with their inputs, filters them and answers one', async () => {
    const list = JSON.parse((await get('/api/v1/analyses')).text);
    expect(list.data.map((a: { contrast: string }) => a.contrast).sort()).toEqual(['black', 'hispanic']);
    const datasets = JSON.parse((await get('/api/v1/stop-datasets')).text).data;
    expect(datasets).toHaveLength(1);
    expect(datasets[0]).toMatchObject({ datasetId: 'synth', agencyId, file: 'ct_hartford_2020_04_01.csv' });
    for (const a of list.data) {
      expect(a.inputs[0]).toMatchObject({ role: 'stops', sha256: datasets[0].sha256 });
      if (a.status === 'reported') expect(a.effect.estimate).toEqual(expect.any(Number));
      else expect([a.effect, typeof a.withheldReason]).toEqual([null, 'string']);
      expect(a.text.length).toBeGreaterThan(0);
    }
    expect(JSON.parse((await get(`/api/v1/analyses?agency=${agencyId}`)).text).data).toHaveLength(2);
    expect(JSON.parse((await get('/api/v1/analyses?method=threshold')).text).data).toHaveLength(0);
    const one = await get(`/api/v1/analyses/${list.data[0].analysisId}`);
    expect(JSON.parse(one.text).data.analysisId).toBe(list.data[0].analysisId);
    expect((await get('/api/v1/analyses/999999')).status).toBe(404);
    expect((await get('/api/v1/analyses?status=maybe')).status).toBe(400);
  });

  it('shows the datasets and their results in words, with checks and checksums, in both languages', async () => {
    const api = JSON.parse((await get('/api/v1/analyses?contrast=black')).text).data;
    const index = await get('/analysis/');
    expect(index.status).toBe(200);
    expect(index.text).toContain('href="/analysis/synth/"');
    // Counts in words through the plural messages (Intl's plural rules and number format).
    const results: { status: string }[] = JSON.parse((await get('/api/v1/analyses')).text).data;
    const reported = results.filter((a) => a.status === 'reported').length;
    const all = results.length;
    const en = (n: number, one: string, other: string) =>
      `${n.toLocaleString('en-US')} ${n === 1 ? one : other}`;
    expect(index.text).toContain(`${en(reported, 'result', 'results')} reported, ${all - reported} withheld`);
    const rows = JSON.parse((await get('/api/v1/stop-datasets')).text).data[0].rows;
    const page = await get('/analysis/synth/');
    expect(page.text).toContain(
      `${en(rows.loaded, 'stop', 'stops')} loaded of ${rows.read.toLocaleString('en-US')} read; ${rows.quarantined.toLocaleString('en-US')} set aside (quarantined) with ${rows.quarantined === 1 ? 'its' : 'their'} reason.`,
    );
    expect(page.status).toBe(200);
    expect(page.text).toContain('Veil of darkness');
    const black = api.find((a: { contrast: string }) => a.contrast === 'black');
    expect(page.text).toContain(black.text[0].replace(/&/g, '&amp;').slice(0, 60));
    expect(page.text).toContain(black.inputs[0].sha256);
    expect(page.text).toMatch(/<svg[^>]*role="img"/);
    // The veil of darkness drawn by clock time, light and dark apart, from the stored by-minute table.
    expect(black.tables.by_minute.length).toBeGreaterThan(2);
    expect(page.text).toContain('class="chart-dark"');
    expect(page.text).toContain('How we know');
    const es = await get('/es/analysis/synth/');
    expect(es.text).toContain('Velo de oscuridad');
    expect(es.text).toContain('Conductores negros frente a blancos');
    expect((await get('/analysis/nosuch/')).status).toBe(404);
    const agency = (await get(`/agency/${agencyId}/`)).text;
    expect(agency).toContain('href="/analysis/synth/"');
    expect(agency).toContain('Veil of darkness — Black drivers compared with White');
    expect((await get(`/es/agency/${agencyId}/`)).text).toContain('Velo de oscuridad — Conductores negros');
  });

  it('publishes only from finished run reports, and a finished run makes a new version', async () => {
    const before = await ledgerVersion(ledger.db);
    const runId = await startStopRun(ledger.db, 'stops vod synth (interrupted)', NOW().toISOString());
    await saveAnalysis(ledger.db, {
      datasetId: 'synth',
      method: 'threshold',
      contrast: 'black',
      options: {},
      status: 'reported',
      result: { effect: { name: 'x', scale: 'difference', estimate: 1, se: 1, ci: [0, 2] } },
      inputs: [],
      specVersion: 'test',
      gates: [],
      runId,
      createdAt: NOW().toISOString(),
    });
    expect(JSON.parse((await get('/api/v1/analyses?method=threshold')).text).data).toHaveLength(0);
    await finishStopRun(ledger.db, runId, NOW().toISOString(), {});
    expect(Number(await ledgerVersion(ledger.db))).toBeGreaterThan(Number(before));
    expect(JSON.parse((await get('/api/v1/analyses?method=threshold')).text).data).toHaveLength(1);
  });

  it('exports the pages, the API snapshots and the download', async () => {
    await exportSite({ db: ledger.db, out, now: NOW, baseUrl: 'https://example.org/' });
    for (const f of ['analysis/index.html', 'analysis/synth/index.html', 'es/analysis/synth/index.html'])
      expect(existsSync(join(out, f)), f).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'api/v1/analyses.json'), 'utf8')).data.length).toBeGreaterThan(
      1,
    );
    const dl = JSON.parse(readFileSync(join(out, 'downloads/stop-analyses.json'), 'utf8'));
    expect(dl.datasets[0].datasetId).toBe('synth');
  });
});
