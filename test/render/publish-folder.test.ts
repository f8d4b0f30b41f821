/**
 * `reassess publish` and its output folder (issue 13): a reader of the folder never sees half a site (the site is
 * written beside it and swapped in), pages that no longer exist do not stay behind, a publish that fails leaves
 * the previous site as it was, and a folder in (or holding) the ledger's data folder, a file, or a folder of
 * other files is refused in one line, with no stack trace and nothing written.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { exportSite } from '../../src/publish/static-export.ts';
import { NOW, webLedger } from '../browser/fixture.ts';
import { tempDir } from '../support/ledgers.ts';

let fx: Awaited<ReturnType<typeof webLedger>>;
const root = tempDir('reassess-publish-');
afterAll(async () => {
  await fx?.dispose();
  rmSync(root, { recursive: true, force: true });
});
beforeAll(async () => {
  fx = await webLedger();
});

/** Files written last by a publish: a site holding index.html without them is half written. */
const LAST = ['feeds/events.atom', 'downloads/datapackage.json', 'api/v1/openapi.json'];

/** A reader of the output folder: whenever it holds index.html, are the files written last there too? */
const READER = `
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { parentPort, workerData } = require('node:worker_threads');
const { out, last, stop } = workerData;
let looks = 0;
const half = [];
while (Atomics.load(stop, 0) === 0) {
  Atomics.wait(stop, 0, 0, 1);
  if (existsSync(join(out, 'index.html'))) {
    looks++;
    for (const f of last) if (!existsSync(join(out, f))) half.push(f);
  }
}
parentPort.postMessage({ looks, half: [...new Set(half)] });
`;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p).map((x) => `${f}/${x}`) : [f];
  });
}

describe('reassess publish', () => {
  it('swaps a whole site in: a reader never sees half of it; stale pages go; nothing is left beside it', async () => {
    const out = join(root, 'site');
    // The reader runs on its own thread: it sees the folder between any two file writes of the publish.
    const stop = new Int32Array(new SharedArrayBuffer(4));
    const reader = new Worker(READER, { eval: true, workerData: { out, last: LAST, stop } });
    const seen = new Promise<{ looks: number; half: string[] }>((resolve) => reader.once('message', resolve));
    try {
      await exportSite({ db: fx.ledger.db, out, now: NOW, dataDir: fx.home });
      // Republishing over a site (stale page added by hand) while the reader watches.
      mkdirSync(join(out, 'agency', 'agy-gone000000'), { recursive: true });
      writeFileSync(join(out, 'agency', 'agy-gone000000', 'index.html'), 'stale');
      writeFileSync(join(out, 'stale.txt'), 'stale');
      await exportSite({ db: fx.ledger.db, out, now: NOW, dataDir: fx.home });
    } finally {
      Atomics.store(stop, 0, 1);
    }
    const { looks, half } = await seen;
    await reader.terminate();
    expect(looks).toBeGreaterThan(0);
    expect(half).toEqual([]);
    expect(existsSync(join(out, 'agency', 'agy-gone000000'))).toBe(false);
    expect(existsSync(join(out, 'stale.txt'))).toBe(false);
    expect(existsSync(join(out, 'agency'))).toBe(true);
    expect(readdirSync(root)).toEqual(['site']);
    // Two whole exports (6,600 pages each, county pages included) while a reader thread spins on the folder.
  }, 300_000);

  it('leaves the previous site as it was when a publish fails half way', async () => {
    const out = join(root, 'kept');
    await exportSite({ db: fx.ledger.db, out, now: NOW });
    const before = files(out).sort();
    const contents = () => before.map((f) => readFileSync(join(out, f), 'utf8'));
    const was = contents();
    // The log is called once every page is written: failing there fails the publish half way.
    await expect(
      exportSite({
        db: fx.ledger.db,
        out,
        now: NOW,
        // Another public URL: every page would differ from the site in place.
        baseUrl: 'https://other.example/',
        log: () => {
          throw new Error('disk gone');
        },
      }),
    ).rejects.toThrow('disk gone');
    expect(files(out).sort()).toEqual(before);
    // Every file as it was (the agency pages, written before the failure, would name the other URL).
    expect(contents()).toEqual(was);
    expect(readdirSync(root).filter((f) => f.includes('kept'))).toEqual(['kept']);
  });

  it('refuses the data folder, a folder in it or holding it, a file, and a folder of other files, in one line', async () => {
    const { home } = fx;
    const raw = join(home, 'raw');
    const rawBefore = files(raw).sort();
    const other = join(root, 'documents');
    mkdirSync(other);
    writeFileSync(join(other, 'thesis.docx'), 'mine');
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    const cases: [string, RegExp][] = [
      [home, /is the ledger's data folder/],
      [raw, /is inside the ledger's data folder/],
      [join(raw, 'site'), /is inside the ledger's data folder/],
      [join(home, 'pgdata', 'x'), /is inside the ledger's data folder/],
      [dirname(home), /holds the ledger's data folder/],
      [file, /is a file, not a folder/],
      [other, /is not empty and holds no site published by reassess/],
      [join(file, 'sub'), /a-file \(in .*\) is a file, not a folder/],
    ];
    for (const [out, why] of cases) {
      const lines: string[] = [];
      const code = await main(
        ['publish', '--out', out, '--data-dir', home],
        {},
        { out: (s) => lines.push(s), err: (s) => lines.push(s) },
      );
      const said = lines.join('\n');
      expect(code, `${out}: ${said}`).toBe(2);
      expect(said, out).toMatch(why);
      expect(said.split('\n'), out).toHaveLength(1);
      expect(said, out).not.toMatch(/\n\s+at |unexpected failure/);
    }
    expect(files(raw).sort()).toEqual(rawBefore);
    expect(readdirSync(other)).toEqual(['thesis.docx']);
    // The function refuses too, whoever calls it.
    await expect(exportSite({ db: fx.ledger.db, out: raw, now: NOW, dataDir: home })).rejects.toThrow(
      /inside the ledger's data folder/,
    );
  });
});
