/**
 * What the product answers for one fixed ledger (the web fixture), held to a golden list of hashes: every page in
 * both languages, API answers with their parameters, downloads, feeds, the static export's files and the CLI's
 * read commands. A refactoring that must not change behaviour keeps this test green; an intended change updates
 * the golden (UPDATE_GOLDEN=1) and says why in its commit.
 *
 * Bodies are compared by sha256 (the golden stays small). To see what changed, run with BEHAVIOUR_DUMP=DIR before
 * and after the change and `diff -r` the two folders. Asset file names carry a content hash, which changes
 * whenever a browser island is rebuilt; they are written as `<name>-HASH.<ext>` before hashing pages (the
 * islands' behaviour is held by the browser tests).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { exportSite } from '../../src/publish/static-export.ts';
import { createReassessApp } from '../../src/server/app.ts';
import { NOW, webLedger } from '../browser/fixture.ts';
import { checkGolden } from '../support/golden.ts';
import { tempDir } from '../support/ledgers.ts';

const GOLDEN_DIR = import.meta.dirname;
const dump = process.env.BEHAVIOUR_DUMP;

let fx: Awaited<ReturnType<typeof webLedger>>;
let open = false;
const out = tempDir('reassess-behaviour-');

beforeAll(async () => {
  fx = await webLedger();
  open = true;
});
afterAll(async () => {
  if (open) await fx.ledger.close();
  rmSync(fx.home, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

/** Hashed asset names made stable: `/assets/home-1a2b3c4d5e6f.js` → `/assets/home-HASH.js`. */
function stableAssets(text: string): string {
  return text.replace(/(assets\/[a-z-]+)-[0-9a-f]{8,}\.(js|css|json|svg|ico|png)/g, '$1-HASH.$2');
}

/** Where this checkout lives: no answer may name it (it leaks the server's layout and breaks the golden elsewhere). */
const CHECKOUT = process.cwd();

function record(name: string, body: string | Buffer): string {
  const text = Buffer.isBuffer(body) ? body : stableAssets(body);
  if (!Buffer.isBuffer(text) && text.includes(CHECKOUT))
    throw new Error(`${name} names the checkout path ${CHECKOUT}`);
  if (dump) {
    // One flat folder: a URL path may be both a file and a folder (`/api/v1/agencies`, `/api/v1/agencies/x`).
    const file = join(dump, name.replace(/[/?&=%]/g, '_'));
    mkdirSync(dump, { recursive: true });
    writeFileSync(file, text);
  }
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

const PAGES = [
  '/',
  '/search/',
  '/search/?q=harris',
  '/changes/',
  '/changes/?kind=removed',
  '/changes/?state=TX&page=2',
  '/data/',
  '/methodology/',
  '/analysis/',
  '/state/TX/',
  '/state/FL/',
  '/state/OR/',
  '/agency/nope/',
  '/no-such-page/',
];
const API = [
  '/api/v1/analyses',
  '/api/v1/stop-datasets',
  '/api/v1/agencies',
  '/api/v1/agencies?state=TX',
  '/api/v1/agencies?limit=2',
  '/api/v1/agencies?q=county&model=JEM',
  '/api/v1/agreements',
  '/api/v1/agreements?active_on=2025-03-20',
  '/api/v1/agreements?status=removed',
  '/api/v1/events',
  '/api/v1/events?kind=removed',
  '/api/v1/events?since=2025-03-20&state=TX',
  '/api/v1/publications',
  '/api/v1/counties?state=TX',
  '/api/v1/counties?on=2025-03-12',
  '/api/v1/states',
  '/api/v1/stats',
  '/api/v1/stats?on=2025-03-12',
  '/api/v1/search?q=harris',
  '/api/v1/search?q=st%20johns&limit=3',
  '/api/v1/search?q=travis%20county',
  '/api/v1/agencies/agy-0000000000',
  '/api/v1/agencies?cursor=garbage',
  '/api/v1/openapi.json',
  '/feeds/changes.atom',
  '/feeds/state/TX.atom',
];

describe('behaviour of a fixed ledger', () => {
  it('answers every page, API call, download and feed as before', async () => {
    // Fixed randomness: the tip form's timing token in agency pages is signed with a key made from it.
    const services = { now: NOW, random: (n: number) => new Uint8Array(n) };
    const r = await createReassessApp({ db: fx.ledger.db, now: NOW, rateLimit: false, services });
    const { listAgencies } = await import('../../src/store/agencies.ts');
    const ids = (await listAgencies(fx.ledger.db)).map((a) => a.agencyId);
    const paths = [
      ...PAGES,
      ...PAGES.map((p) => `/es${p}`),
      ...ids.flatMap((id) => [`/agency/${id}/`, `/es/agency/${id}/`, `/api/v1/agencies/${id}`]),
      ...ids.map((id) => `/feeds/agency/${id}.atom`),
      ...API,
    ];
    const site = await r.site();
    for (const d of await site.downloads()) paths.push(d.path);
    const answers: Record<string, string> = {};
    for (const p of paths) {
      const res = await r.app.request(p);
      const type = res.headers.get('content-type') ?? '';
      const body = /json|html|xml|csv|text/.test(type)
        ? await res.text()
        : Buffer.from(await res.arrayBuffer());
      answers[p] = `${res.status} ${type} ${record(`app${p}`, body)}`;
    }
    checkGolden(GOLDEN_DIR, 'behaviour-app', answers);
  });

  it('exports the same static site', { timeout: 600_000 }, async () => {
    // A fixed build stamp: the pages' digests in the site's manifest depend on the ledger, not on the code's bytes.
    await exportSite({
      db: fx.ledger.db,
      out,
      now: NOW,
      baseUrl: 'https://example.org/sub/',
      codeStamp: 'golden',
    });
    const files: Record<string, string> = {};
    const walk = (dir: string) => {
      for (const f of readdirSync(dir).sort()) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else {
          const rel = stableAssets(relative(out, p));
          if (/^assets\//.test(rel)) continue;
          const bytes = readFileSync(p);
          const text = /\.(html|json|csv|atom|xml|txt|geojson)$/.test(p) ? bytes.toString('utf8') : bytes;
          files[rel] = record(`export/${rel}`, text);
        }
      }
    };
    walk(out);
    checkGolden(GOLDEN_DIR, 'behaviour-export', files);
  });

  it('prints the same CLI answers', async () => {
    const home = fx.home;
    await fx.ledger.close();
    open = false;
    const lines: string[] = [];
    const io = { out: (s: string) => lines.push(s), err: (s: string) => lines.push(`! ${s}`) };
    const answers: Record<string, string> = {};
    const commands = [
      ['summary'],
      ['snapshots'],
      ['agreements'],
      ['agreements', '--active-on', '2025-03-20', '--state', 'TX'],
      ['changes', '--since', '2025-01-01'],
      ['diff', '2025-03-03', '2025-04-14'],
      ['agency', 'Harris County'],
      ['review'],
      ['places'],
      ['places', '--unplaced'],
      ['counties', '--on', '2025-03-20', '--state', 'TX'],
      ['coverage', '--on', '2025-04-01'],
    ];
    for (const c of commands)
      for (const json of [false, true]) {
        lines.length = 0;
        const args = [...c, ...(json ? ['--json'] : []), '--data-dir', home];
        const code = await main(args, { ...process.env, DATABASE_URL: '' }, io);
        const name = `cli/${c.join('_')}${json ? '.json' : ''}`;
        answers[args.slice(0, -2).join(' ')] = `${code} ${record(name, lines.join('\n'))}`;
      }
    expect(Object.keys(answers)).toHaveLength(commands.length * 2);
    checkGolden(GOLDEN_DIR, 'behaviour-cli', answers);
  });
});
