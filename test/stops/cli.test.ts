/** `reassess stops …` through the command line: ingest, list, a method as JSON and as words, usage errors. */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HARTFORD_LIKE, stopsCsv } from '../fixtures/stops.ts';
import { cliFor } from '../support/cli.ts';
import { tempDir } from '../support/ledgers.ts';

describe('reassess stops', () => {
  const home = tempDir('reassess-stops-cli-');
  const cli = cliFor(home);
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('ingests, lists and runs the veil of darkness, recording the run', async () => {
    const file = join(home, 'ct_hartford_2020_04_01.csv');
    writeFileSync(file, stopsCsv({ ...HARTFORD_LIKE, days: 400, stopsPerDay: 10 }));
    const ingest = await cli('stops', 'ingest', file, '--name', 'synth');
    expect(ingest.code).toBe(0);
    expect(ingest.out).toMatch(/dataset synth: 4000 rows loaded, 0 quarantined \(of 4000 read\)/);
    const list = await cli('stops', 'list', '--json');
    expect(JSON.parse(list.out).map((d: { datasetId: string }) => d.datasetId)).toEqual(['synth']);
    const vod = await cli('stops', 'vod', 'synth', '--df', '4', '--json');
    expect(vod.code).toBe(0);
    const reports = JSON.parse(vod.out);
    expect(reports.map((r: { result: { contrast: { group: string } } }) => r.result.contrast.group)).toEqual([
      'black',
      'hispanic',
    ]);
    expect(reports[0].result.diagnostics.df).toBe(4);
    expect(reports[0].analysisId).toBeGreaterThan(0);
    const words = await cli('stops', 'vod', 'synth');
    expect(words.out).toMatch(/gate min_stops_vod: /);
    expect(words.out).toMatch(/caveat \(season\)/);
  }, 120_000);

  it('refuses bad options with exit code 2 and a clear message', async () => {
    expect((await cli('stops', 'vod', 'synth', '--df', 'six')).err).toMatch(/--df must be a whole number/);
    const unknown = await cli('stops', 'vod', 'nosuch');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/no stop dataset "nosuch"/);
    expect((await cli('stops', 'frobnicate')).code).toBe(2);
    expect((await cli('stops', 'ingest', 'x.csv', '--centre', 'north')).err).toMatch(
      /--centre must be LAT,LNG/,
    );
  }, 60_000);
});
