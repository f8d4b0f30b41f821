/**
 * A republish after one new publication (issue 16): only the pages whose inputs changed are rendered, only the files
 * whose bytes changed are written (the others keep their inode), and the site is byte for byte the site a full
 * publish of the same ledger writes into a new folder. The freshness line of the pages that do not print it is in
 * `freshness.json`; a county whose answer did not change keeps its page.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.ts';
import { exportSite, MANIFEST } from '../../src/publish/static-export.ts';
import type { Ledger } from '../../src/store/connection.ts';
import { NOW, REFERENCES, WORKBOOKS } from '../browser/fixture.ts';
import { openPgliteLedger, tempDir } from '../support/ledgers.ts';

/** Every file of a site: its sha256 and inode. */
function snapshot(dir: string): Map<string, { sha: string; ino: number }> {
  const out = new Map<string, { sha: string; ino: number }>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const p = join(e.parentPath, e.name);
    out.set(relative(dir, p), {
      sha: createHash('sha256').update(readFileSync(p)).digest('hex'),
      ino: statSync(p).ino,
    });
  }
  return out;
}

/** The agency page new in `after` (Denton County's sheriff): its ID. */
function denton(after: Record<string, string>, before: Record<string, string>): string {
  const added = Object.keys(after).filter((u) => u.startsWith('/agency/') && !(u in before));
  expect(added).toHaveLength(1);
  return `${(added[0] as string).split('/')[2]}/`;
}

const digests = (dir: string) =>
  (JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as { pages: Record<string, string> }).pages;

let ledger: Ledger;
let home: string;
const root = tempDir('reassess-republish-');
const out = join(root, 'site');
const options = () => ({
  db: ledger.db,
  now: NOW,
  codeStamp: 'test',
  rawPath: (s: string) => ledger.raw.pathOf(s),
});

beforeAll(async () => {
  ({ ledger, home } = await openPgliteLedger());
  await ingest(ledger, REFERENCES, { now: NOW });
  // Every list but the last one (2025-04-14: Denton County's sheriff joins).
  await ingest(ledger, WORKBOOKS.slice(0, -1), { now: NOW });
}, 300_000);
afterAll(async () => {
  await ledger?.close();
  rmSync(home, { recursive: true, force: true });
  rmSync(root, { recursive: true, force: true });
});

describe('republish after one new publication', () => {
  it('renders the pages whose inputs changed, writes the files whose bytes changed, and equals a full publish', {
    timeout: 900_000,
  }, async () => {
    const first = await exportSite({ ...options(), out });
    expect(first.rendered).toBe(first.pages);
    // The report's split of its time: four phases, none negative, adding up to the whole (each rounded).
    const phases = Object.values(first.phases);
    expect(Object.keys(first.phases)).toEqual(['read', 'pages', 'data', 'finish']);
    expect(Math.min(...phases)).toBeGreaterThanOrEqual(0);
    expect(Math.abs(phases.reduce((a, b) => a + b, 0) - first.ms)).toBeLessThanOrEqual(4);
    const before = snapshot(out);
    const digestsBefore = digests(out);
    await ingest(ledger, WORKBOOKS.slice(-1), { now: NOW });

    const re = await exportSite({ ...options(), out });
    const after = snapshot(out);
    const digestsAfter = digests(out);

    // Byte for byte the site a full publish writes into a new folder.
    const full = join(root, 'full');
    await exportSite({ ...options(), out: full });
    const fresh = snapshot(full);
    expect([...after.keys()].sort()).toEqual([...fresh.keys()].sort());
    const differ = [...after].filter(([p, f]) => fresh.get(p)?.sha !== f.sha).map(([p]) => p);
    expect(differ).toEqual([]);

    // Written (a new inode) exactly when the bytes changed or the file is new.
    const changed = [...after].filter(([p, f]) => before.get(p)?.sha !== f.sha).map(([p]) => p);
    const written = [...after].filter(([p, f]) => before.get(p)?.ino !== f.ino).map(([p]) => p);
    expect(written.sort()).toEqual(changed.sort());

    // Rendered: the pages without a digest (home, changes, indexes…) and those whose digest changed, no other.
    const pageUrls = Object.keys(digestsAfter);
    const redrawn = pageUrls.filter((u) => digestsBefore[u] !== digestsAfter[u]);
    const undigested = re.pages - pageUrls.length;
    expect(re.rendered).toBe(undigested + redrawn.length);
    // Of the ~6,600 agency and county pages, the new sheriff's, its county's and those of the Texas counties whose
    // small map shows Denton County (a frame is at least a sixth of its state) are drawn again, in both languages.
    expect(redrawn).toContain(`/agency/${denton(digestsAfter, digestsBefore)}`);
    expect(redrawn).toContain('/county/48121/');
    expect(redrawn).toContain('/es/county/48121/');
    // Of the state pages, Texas's (a new sheriff); Oregon's, where nothing changed, is kept.
    expect(redrawn).toContain('/state/TX/');
    expect(redrawn).not.toContain('/state/OR/');
    expect(redrawn.length).toBeLessThan(pageUrls.length / 10);
    // Every page whose bytes changed was drawn again (nothing changed behind a kept page).
    const changedPages = pageUrls.filter((u) => changed.includes(join(u, 'index.html').slice(1)));
    expect(changedPages.filter((u) => !redrawn.includes(u))).toEqual([]);
    // A county whose answer did not change keeps its page: same bytes, same file.
    for (const f of [
      'county/41051/index.html',
      'es/county/41051/index.html',
      'county/48201/index.html',
      'state/OR/index.html',
      'es/state/OR/index.html',
    ])
      expect(after.get(f), f).toEqual(before.get(f));
    expect(changed.length).toBeLessThan(after.size / 10);

    // The freshness line of the kept pages: in freshness.json, for the new list.
    const freshness = JSON.parse(readFileSync(join(out, 'freshness.json'), 'utf8')) as {
      en: string;
      es: string;
      asOf: Record<string, string>;
    };
    expect(freshness.en).toContain('April 14, 2025');
    expect(freshness.es).toContain('14 de abril de 2025');
    expect(freshness.asOf).toEqual({ en: 'As of April 14, 2025.', es: 'Al 14 de abril de 2025.' });
    const county = readFileSync(join(out, 'county/41051/index.html'), 'utf8');
    expect(county).toContain('data-freshness');
    expect(county).toContain('href="/data/"');
    expect(county).not.toMatch(/April (7|14), 2025/);
    // The pages that print the latest list carry it themselves; a state page has its date from freshness.json.
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('April 14, 2025');
    const texas = readFileSync(join(out, 'state/TX/index.html'), 'utf8');
    expect(texas).toContain('data-freshness');
    expect(texas).toContain('<p class="asof" data-asof>On ICE’s latest list.</p>');

    // Nothing new: no page with a digest rendered, no file written.
    const again = await exportSite({ ...options(), out });
    expect(again.rendered).toBe(undigested);
    const still = snapshot(out);
    expect([...still].filter(([p, f]) => after.get(p)?.ino !== f.ino).map(([p]) => p)).toEqual([]);
  });
});
