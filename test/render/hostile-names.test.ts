/**
 * Escape sequences and bidi overrides in names (issue 13): an agency named with a terminal escape (`ESC[31m`, as
 * a workbook's `&#27;` gives it), one with a right-to-left override (U+202E) and one in Arabic script. The names
 * are stored exactly; the CLI's text output shows the controls escaped (its JSON output keeps them); pages, feeds
 * and titles never carry the controls or overrides, and right-to-left names are isolated (FSI … PDI).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReassessApp, type ReassessApp } from '../../src/server/app.ts';
import { ZipArchive } from '../../src/sources/xlsx/zip.ts';
import { listAgencies } from '../../src/store/agencies.ts';
import { type Ledger, openLedger } from '../../src/store/connection.ts';
import { zipParts } from '../fixtures/xlsx-writer.ts';
import { cliFor } from '../support/cli.ts';
import { icePublication, tempDir } from '../support/ledgers.ts';

const ESC_NAME = 'Red \u001b[31mAlert\u001b[0m Police Department';
const RLO_NAME = 'Evil \u202eFDP Sheriff Office';
const ARABIC_NAME = 'شرطة Dearborn Police Department';
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this test is for
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066\u2067]/;

/** A workbook whose XML holds `&#27;` where `~E~` was (the fixture writer refuses raw control characters). */
function withEscapes(bytes: Buffer): Buffer {
  const zip = new ZipArchive(bytes, 'fixture.xlsx');
  return zipParts(
    [...zip.entries.keys()].map((name) => {
      const d = zip.read(name) as Buffer;
      return {
        name,
        data: name.endsWith('.xml') ? Buffer.from(d.toString('utf8').split('~E~').join('&#27;')) : d,
      };
    }),
  );
}

const dir = tempDir('reassess-names-');
const home = join(dir, 'ledger');
const cli = cliFor(home);
let ledger: Ledger;
let r: ReassessApp;
const ids = new Map<string, string>();

beforeAll(async () => {
  const rows: [string, string, 'JEM' | 'TFM', string][] = [
    ['TX', ESC_NAME.replaceAll('\u001b', '~E~'), 'TFM', '2025-01-02'],
    ['TX', RLO_NAME, 'JEM', '2025-01-02'],
    ['MI', ARABIC_NAME, 'TFM', '2025-01-03'],
  ];
  const wb = (date: string, n: number) =>
    withEscapes(
      icePublication({ kind: 'participating', modified: `${date}T15:00:00Z`, rows: rows.slice(0, n) }),
    );
  writeFileSync(join(dir, 'a.xlsx'), wb('2025-05-01', 1));
  writeFileSync(join(dir, 'b.xlsx'), wb('2025-05-08', 3));
  const ingested = await cli('ingest', join(dir, 'a.xlsx'), join(dir, 'b.xlsx'));
  expect(ingested.code, ingested.err).toBe(0);
  ledger = await openLedger({ home });
  for (const a of await listAgencies(ledger.db)) ids.set(a.name, a.agencyId);
  r = await createReassessApp({ db: ledger.db, rateLimit: false, baseUrl: 'https://reassess.example/' });
});
afterAll(async () => {
  await ledger?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('names with escape sequences and bidi overrides', () => {
  it('are stored exactly as given', () => {
    expect([...ids.keys()].sort()).toEqual([ESC_NAME, RLO_NAME, ARABIC_NAME].sort());
  });

  it('reach the terminal escaped in text output (tables and lines), exact in JSON output', async () => {
    await ledger.close();
    try {
      const table = await cli('agreements');
      expect(table.code, table.err).toBe(0);
      expect(table.out).not.toMatch(UNSAFE);
      expect(table.out).toContain('Red \\u001b[31mAlert\\u001b[0m Police Department');
      expect(table.out).toContain('Evil \\u202eFDP Sheriff Office');
      // Each table line the same width: an escaped name cannot shift the columns after it.
      const lines = table.out.split('\n').filter((l) => /agr-/.test(l));
      expect(new Set(lines.map((l) => l.indexOf('agr-'))).size).toBe(1);
      const one = await cli('agency', ids.get(ESC_NAME) as string);
      expect(one.out).not.toMatch(UNSAFE);
      expect(one.out).toContain('\\u001b[31m');
      const changes = await cli('changes', '--since', '2025-01-01');
      expect(changes.out).not.toMatch(UNSAFE);
      const json = await cli('agreements', '--json');
      const names = (JSON.parse(json.out) as { name: string }[]).map((a) => a.name);
      expect(names).toContain(ESC_NAME);
      expect(names).toContain(RLO_NAME);
    } finally {
      ledger = await openLedger({ home });
      r = await createReassessApp({ db: ledger.db, rateLimit: false, baseUrl: 'https://reassess.example/' });
    }
  });

  it('reach pages and feeds without controls or overrides, right-to-left names isolated', async () => {
    const urls = [
      '/',
      '/es/',
      '/changes/',
      '/state/TX/',
      '/state/MI/',
      `/search/?q=${encodeURIComponent('Evil')}`,
      ...[...ids.values()].flatMap((id) => [
        `/agency/${id}/`,
        `/es/agency/${id}/`,
        `/feeds/agency/${id}.atom`,
      ]),
      '/feeds/events.atom',
    ];
    for (const url of urls) {
      const res = await r.app.request(url);
      expect(res.status, url).toBe(200);
      const text = await res.text();
      // The JSON blocks for the islands hold the data as it is (JSON escapes control characters; U+202E is data).
      const shown = text.replace(/<script type="application\/json"[^>]*>.*?<\/script>/gs, '');
      expect(shown, url).not.toMatch(UNSAFE);
    }
    const esc = await (await r.app.request(`/agency/${ids.get(ESC_NAME)}/`)).text();
    expect(esc).toContain('<h1>Red [31mAlert[0m Police Department</h1>');
    const rlo = await (await r.app.request(`/agency/${ids.get(RLO_NAME)}/`)).text();
    expect(rlo).toContain('<h1>Evil FDP Sheriff Office</h1>');
    const arabic = await (await r.app.request(`/agency/${ids.get(ARABIC_NAME)}/`)).text();
    expect(arabic).toContain(`<h1>\u2068${ARABIC_NAME}\u2069</h1>`);
    expect(arabic).toMatch(/<title>\u2068شرطة Dearborn Police Department \(MI\)[^<]*\u2069<\/title>/);
    // The changes table isolates the name inside its link, not the row around it.
    const changes = await (await r.app.request('/changes/')).text();
    expect(changes).toContain(`>\u2068${ARABIC_NAME}\u2069</a>`);
  });
});
