/**
 * The OCR queue resumed after a kill: `reassess documents ocr` is killed (SIGKILL, with its tesseract child) after
 * it read the first page of a four-page scan; the next run frees the dead worker's lease at once, reads only the
 * pages not cached, and the document ends whole (every page read once, the fields of the scan read by OCR).
 */
import { spawn, spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OAKWOOD, scannedMoa } from '../fixtures/moa-pdf.ts';
import { tempDir } from '../support/ledgers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin', 'reassess.js');
const work = tempDir('reassess-ocr-resume-');
afterAll(() => rmSync(work, { recursive: true, force: true }));

function env(): NodeJS.ProcessEnv {
  const e = { ...process.env };
  delete e.DATABASE_URL;
  delete e.REASSESS_HOME;
  return e;
}

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: env(),
    encoding: 'utf8',
    timeout: 300_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `documents ocr` in its own process group; kills the group once `page 1/` is reported. */
function ocrKilledAfterFirstPage(home: string): Promise<string> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [BIN, 'documents', 'ocr', '--data-dir', home], {
      cwd: ROOT,
      env: env(),
      detached: true,
    });
    let err = '';
    child.stderr.on('data', (b) => {
      err += b;
      if (/page 1\/4/.test(err)) process.kill(-(child.pid as number), 'SIGKILL');
    });
    child.on('error', rej);
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? res(err) : rej(new Error(`ocr ended (${code}) before it was killed: ${err}`)),
    );
  });
}

describe('the OCR queue after a kill', () => {
  it('resumes where the killed worker stopped, and reads each page once', async () => {
    const home = join(work, 'ledger');
    const pdf = join(work, 'oakwood-scan.pdf');
    writeFileSync(pdf, await scannedMoa(OAKWOOD));
    expect(cli(['ingest', '--data-dir', home, pdf]).code).toBe(0);
    const before = JSON.parse(cli(['documents', '--json', '--data-dir', home]).stdout)[0];
    expect(before).toMatchObject({ pages: 4, ocrPages: 4, pendingPages: 4, party: null });

    await ocrKilledAfterFirstPage(home);
    const mid = cli(['documents', 'ocr', '--json', '--data-dir', home]);
    expect(mid.code, mid.stderr).toBe(0);
    expect(mid.stderr).toMatch(/is gone; resumed/);
    // Page 1 came from the cache: this run read pages 2, 3 and 4 only.
    expect(mid.stderr).not.toMatch(/page 1\/4/);
    expect(mid.stderr).toMatch(/page 4\/4/);
    const r = JSON.parse(mid.stdout);
    expect(r).toMatchObject({ documents: 1, failed: 0, queue: { done: 1, queued: 0, running: 0 } });

    const after = JSON.parse(cli(['documents', '--json', '--data-dir', home]).stdout)[0];
    expect(after).toMatchObject({ pages: 4, pagesRead: 4, pendingPages: 0, model: 'WSO' });
    expect(after.party).toMatch(/oakwood county sheriff office/i);
    expect(after.templateRevision).toBe('2025-02-12');
  });
});
