/**
 * `reassess publish`: the static export holds every page in both languages (each agency and each state), the
 * assets, API snapshots, downloads and feeds, and every link or resource a page names resolves to a file of the
 * export — so it works from any static host. The `serve` and `start` commands are checked here too.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { startServer, stopServing } from '../../src/cli/serve.ts';
import { allStates } from '../../src/reference/us-states.ts';
import { listAgencies } from '../../src/store/agencies.ts';
import { EVIL, NOW, webLedger } from '../browser/fixture.ts';
import { tempDir } from '../support/ledgers.ts';

let fx: Awaited<ReturnType<typeof webLedger>>;
const out = tempDir('reassess-export-');

beforeAll(async () => {
  fx = await webLedger();
});
afterAll(async () => {
  await fx?.dispose();
  rmSync(out, { recursive: true, force: true });
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** The file a root-relative URL names on a static host (`/x/` → `x/index.html`). */
function fileOf(root: string, url: string): string {
  const path = decodeURIComponent(url.split(/[?#]/)[0] as string);
  return join(root, path.endsWith('/') ? `${path}index.html` : path);
}

describe('static export', () => {
  it('writes every page, asset, API snapshot, download and feed; every link resolves', {
    timeout: 600_000,
  }, async () => {
    // The ledger folder is locked while the fixture holds it: publish through the CLI on a copy is not possible,
    // so the export runs on the open ledger through the same function the command calls.
    const { exportSite } = await import('../../src/publish/static-export.ts');
    const report = await exportSite({
      db: fx.ledger.db,
      out,
      now: NOW,
      baseUrl: 'https://example.org/',
      rawPath: (s) => fx.ledger.raw.pathOf(s),
    });
    const agencies = await listAgencies(fx.ledger.db);
    const states = allStates();
    // Eight site-wide pages per language (home, search, changes, evidence — issue 18; no record is published in
    // this ledger — data, methodology, the stop-data analyses index and the documents list, issue 15), four index
    // pages, every state, agency and county (us-atlas has 3,231 counties and equivalents).
    const counties = readdirSync(join(out, 'county')).filter((f) => /^\d{5}$/.test(f));
    expect(counties.length).toBeGreaterThan(3200);
    expect(report.pages).toBe(2 * (8 + 4 + states.length + agencies.length + counties.length));
    // The editors' pages are never exported.
    expect(existsSync(join(out, 'editor'))).toBe(false);
    for (const prefix of ['', 'es/']) {
      for (const p of ['', 'search/', 'changes/', 'evidence/', 'data/', 'methodology/', 'analysis/'])
        expect(existsSync(join(out, prefix, p, 'index.html')), `${prefix}${p}`).toBe(true);
      for (const a of agencies)
        expect(existsSync(join(out, prefix, 'agency', a.agencyId, 'index.html'))).toBe(true);
      for (const s of states) expect(existsSync(join(out, prefix, 'state', s.usps, 'index.html'))).toBe(true);
      for (const p of ['agency/', 'state/', 'county/', 'downloads/', 'county/41051/'])
        expect(existsSync(join(out, prefix, p, 'index.html')), `${prefix}${p}`).toBe(true);
    }
    for (const f of [
      '404.html',
      'api/v1/search-index.json',
      'api/v1/openapi.json',
      'api/v1/agencies.json',
      'feeds/events.atom',
    ])
      expect(existsSync(join(out, f)), f).toBe(true);
    for (const a of agencies)
      expect(existsSync(join(out, 'api/v1/agencies', `${a.agencyId}.json`))).toBe(true);
    expect(readdirSync(join(out, 'downloads')).length).toBeGreaterThan(3);

    const files = walk(out);
    const html = files.filter((f) => f.endsWith('.html'));
    let checked = 0;
    for (const f of html) {
      const text = readFileSync(f, 'utf8');
      expect(text, f).not.toContain('<script>alert(1)</script>');
      for (const m of text.matchAll(/(?:href|src)="(\/[^"]*)"/g)) {
        const url = (m[1] as string).replace(/&amp;/g, '&');
        expect(existsSync(fileOf(out, url)), `${f}: ${url}`).toBe(true);
        checked++;
      }
      // Assets and data the islands fetch, named in JSON blocks.
      for (const m of text.matchAll(/"(\/assets\/[^"]+)"/g))
        expect(existsSync(fileOf(out, m[1] as string))).toBe(true);
    }
    expect(checked).toBeGreaterThan(html.length * 10);
    // The changes page holds every event for the browser to filter (no server in a static export).
    const changes = readFileSync(join(out, 'changes/index.html'), 'utf8');
    const events = JSON.parse(readFileSync(join(out, 'api/v1/events.json'), 'utf8')) as { data: unknown[] };
    expect([...changes.matchAll(/<tr data-date="/g)].length).toBe(events.data.length);
    expect(changes).toContain('"mode":"static"');
    // The feeds use the public URL.
    expect(readFileSync(join(out, 'feeds/events.atom'), 'utf8')).toContain('https://example.org/');
    // Spanish feeds beside the English ones (every link to them resolves: checked above), linked from the Spanish
    // pages in the head and the footer; the English feed keeps its English title.
    const esFeed = readFileSync(join(out, 'es/feeds/events.atom'), 'utf8');
    expect(esFeed).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es">');
    expect(esFeed).toContain('<title type="text">Acuerdos 287(g): todos los cambios</title>');
    expect(esFeed).toContain('<link rel="alternate" type="text/html" href="https://example.org/es/"/>');
    expect(readFileSync(join(out, 'feeds/events.atom'), 'utf8')).toContain(
      '<title type="text">287(g) agreements: every change</title>',
    );
    for (const a of agencies.slice(0, 3))
      expect(existsSync(join(out, 'es/feeds/agency', `${a.agencyId}.atom`))).toBe(true);
    const esHome = readFileSync(join(out, 'es/index.html'), 'utf8');
    expect(esHome).toMatch(
      /<link rel="alternate" type="application\/atom\+xml" title="[^"]+" href="\/es\/feeds\/events\.atom">/,
    );
    expect(esHome).toContain('<a href="/es/feeds/events.atom">');
    // The evidence feed too: the Spanish one beside the English, linked from the Spanish evidence page.
    expect(readFileSync(join(out, 'es/feeds/evidence.atom'), 'utf8')).toContain(
      '<title type="text">Agencias 287(g): registros de pruebas</title>',
    );
    expect(readFileSync(join(out, 'es/evidence/index.html'), 'utf8')).toContain(
      '<a href="/es/feeds/evidence.atom">',
    );
    expect(readFileSync(join(out, 'evidence/index.html'), 'utf8')).toContain(
      '<a href="/feeds/evidence.atom">',
    );
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('<a href="/feeds/events.atom">');
    // The documents list has no search form (a static host cannot search) and says how to search instead.
    for (const [prefix, words] of [
      ['', 'This copy of the site cannot search inside the documents.'],
      ['es/', 'Esta copia del sitio no puede buscar dentro de los documentos.'],
    ] as const) {
      const docs = readFileSync(join(out, prefix, 'documents/index.html'), 'utf8');
      expect(docs).not.toContain('name="q"');
      expect(docs).toContain(words);
    }
    // The search index holds the agency with the hostile name, as JSON.
    expect(readFileSync(join(out, 'api/v1/search-index.json'), 'utf8')).toContain(
      JSON.stringify(EVIL).slice(1, -1),
    );
  });

  it('a republish links the files whose bytes did not change from the previous site and writes the rest', {
    timeout: 600_000,
  }, async () => {
    const { exportSite } = await import('../../src/publish/static-export.ts');
    // The site of the test above is the previous site; a day later, the API's index says when it was generated.
    const page = join(out, 'county/41051/index.html');
    const index = join(out, 'api/v1/index.json');
    const before = { page: statSync(page).ino, text: readFileSync(page, 'utf8'), index: statSync(index).ino };
    const later = () => new Date(NOW().getTime() + 86_400_000);
    const report = await exportSite({
      db: fx.ledger.db,
      out,
      now: later,
      baseUrl: 'https://example.org/',
      rawPath: (s) => fx.ledger.raw.pathOf(s),
    });
    // The same file (one inode, linked into the new site), not a copy.
    expect(statSync(page).ino).toBe(before.page);
    expect(readFileSync(page, 'utf8')).toBe(before.text);
    expect(statSync(index).ino).not.toBe(before.index);
    expect(readFileSync(index, 'utf8')).toContain(later().toISOString());
    expect(report.unchanged).toBeGreaterThan(report.pages);
    expect(report.unchanged).toBeLessThan(report.files);
  });
});

describe('commands', () => {
  it('serve answers on a port with pages, API and assets; start without serving stops after the summary', async () => {
    const server = await startServer({ db: fx.ledger.db, port: 0, now: NOW });
    try {
      const home = await fetch(`${server.url.replace('localhost', '127.0.0.1')}/`);
      expect(home.status).toBe(200);
      expect(home.headers.get('content-security-policy')).toContain("script-src 'self'");
      const stats = await fetch(`http://127.0.0.1:${server.port}/api/v1/stats`);
      expect(stats.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('reassess serve refuses a bad port; publish needs --out; both are listed in the usage', async () => {
    const err: string[] = [];
    const io = { out: (s: string) => err.push(s), err: (s: string) => err.push(s) };
    expect(await main(['serve', '--port', 'eighty', '--data-dir', tempDir()], {}, io)).toBe(2);
    expect(err.join('\n')).toContain('port must be a number');
    expect(await main(['publish', '--data-dir', tempDir()], {}, io)).toBe(2);
    expect(err.join('\n')).toContain('publish needs --out');
    const help: string[] = [];
    await main(['--help'], {}, { out: (s) => help.push(s), err: () => undefined });
    expect(help.join('\n')).toMatch(/serve \[--port N\]/);
    expect(help.join('\n')).toMatch(/publish --out DIR/);
  });

  it('reassess publish writes the site of a ledger folder', { timeout: 600_000 }, async () => {
    const { ledger, home, dispose } = await webLedger();
    await ledger.close();
    const dir = tempDir('reassess-publish-');
    try {
      const lines: string[] = [];
      const code = await main(
        ['publish', '--out', dir, '--data-dir', home, '--base-url', 'https://example.org/sub/'],
        {},
        { out: (s) => lines.push(s), err: (s) => lines.push(s) },
      );
      expect(code, lines.join('\n')).toBe(0);
      expect(lines.join('\n')).toMatch(/Published \d+ pages/);
      const index = readFileSync(join(dir, 'index.html'), 'utf8');
      expect(index).toMatch(/href="\/sub\/assets\/site-[0-9a-f]+\.css"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await dispose().catch(() => undefined);
    }
  });

  it('npm start (reassess start) serves after the summary, and REASSESS_NO_SERVE stops after it', async () => {
    const { ledger, home, dispose } = await webLedger();
    await ledger.close();
    // An unreachable ICE page: start says it could not sync, shows the summary, then serves.
    const env = {
      REASSESS_ICE_PAGE_URL: 'http://127.0.0.1:9/287g',
      REASSESS_RETRIES: '0',
      REASSESS_TIMEOUT_MS: '2000',
      REASSESS_PORT: '0',
      REASSESS_NO_SERVE: '1',
    };
    const lines: string[] = [];
    const io = { out: (s: string) => lines.push(s), err: (s: string) => lines.push(s) };
    try {
      expect(await main(['start', '--data-dir', home, '--no-moas', '--no-references'], env, io)).toBe(0);
      expect(lines.join('\n')).toContain('Reassess ledger:');
      expect(lines.join('\n')).not.toContain('Serving the ledger');

      lines.length = 0;
      const running = main(
        ['start', '--data-dir', home, '--no-moas', '--no-references'],
        { ...env, REASSESS_NO_SERVE: '' },
        io,
      );
      let url: string | undefined;
      for (let i = 0; i < 600 && !url; i++) {
        await new Promise((r) => setTimeout(r, 100));
        url = /Serving the ledger on (http:\/\/\S+)/.exec(lines.join('\n'))?.[1];
      }
      expect(url, lines.join('\n')).toBeDefined();
      const res = await fetch(`${(url as string).replace('localhost', '127.0.0.1')}/es/`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<html lang="es">');
      stopServing();
      expect(await running).toBe(0);
    } finally {
      await dispose().catch(() => undefined);
    }
  });
});
