/**
 * `reassess publish` of the full site (`npm run bench`, or only this part: `npm run bench -- --publish`), as users
 * run it (the CLI in its own process, the compiled build): a ledger made with `reassess ingest` from the whole
 * pack (every ICE list but the latest participating one, the FBI agency table, ACS county population, the
 * us-atlas county shapes, the MOA PDFs), published whole (time, pages, files, size); then the held-back list
 * ingested (one new publication) and the site published again into the same folder (time), with how many of its
 * files changed bytes, by kind (targets, issue 16: all pages < 15 s; a republish after one new publication < 2 s).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { exportSite } from '../src/publish/static-export.ts';
import { openLedger } from '../src/store/connection.ts';
import { LIST_FOLDERS, packWorkbooks } from './pack.ts';

/** Publishes the ledger in `home` (already built) into `out`, in this process; prints and returns time and size. */
export async function runPublishBench(home: string, out: string) {
  const ledger = await openLedger({ home });
  try {
    const r = await exportSite({ db: ledger.db, out, baseUrl: 'https://example.org/' });
    console.log(
      `reassess publish (full site): ${r.ms} ms, ${r.pages} pages, ${r.files} files, ${(r.bytes / 1e6).toFixed(1)} MB`,
    );
    return r;
  } finally {
    await ledger.close();
  }
}

interface Published {
  pages: number;
  /** Pages rendered (the others kept from the previous site: their inputs did not change). */
  rendered: number;
  files: number;
  bytes: number;
  /** As the command reports it (ledger open to site swapped in). */
  ms: number;
  /** The command's own split of `ms` (static-export.ts ExportReport.phases). */
  phases: Record<string, number>;
  /** The whole process, start to exit. */
  wallMs: number;
}

/** "read 1,650 ms, pages 5,000 ms, …" */
const phaseText = (p: Record<string, number>) =>
  Object.entries(p)
    .map(([k, v]) => `${k} ${v} ms`)
    .join(', ');

function reassess(args: string[]): { stdout: string; ms: number } {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['bin/reassess.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', REASSESS_NO_OCR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`reassess ${args[0]} failed (${r.status}): ${r.stderr}`);
  return { stdout: r.stdout, ms: Math.round(performance.now() - t) };
}

function publish(home: string, out: string): Published {
  const r = reassess([
    'publish',
    '--out',
    out,
    '--base-url',
    'https://example.org/',
    '--json',
    '--data-dir',
    home,
  ]);
  const report = JSON.parse(r.stdout) as Omit<Published, 'wallMs'>;
  return {
    pages: report.pages,
    rendered: report.rendered,
    files: report.files,
    bytes: report.bytes,
    ms: report.ms,
    phases: report.phases,
    wallMs: r.ms,
  };
}

/** Every file of a published site by path, with the sha256 of its bytes. */
function siteHashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const p = join(e.parentPath, e.name);
    out.set(relative(dir, p), createHash('sha256').update(readFileSync(p)).digest('hex'));
  }
  return out;
}

/** The kind of a site file, for the count of changed files: pages by section, then api, downloads, feeds… */
function kindOf(path: string): string {
  const p = path.replace(/^es\//, '');
  if (p.endsWith('index.html') || p.endsWith('404.html'))
    return `page:${p.split('/').length > 1 ? p.split('/')[0] : 'top'}`;
  return p.split('/')[0] ?? p;
}

function changedFiles(before: Map<string, string>, after: Map<string, string>) {
  const byKind: Record<string, { changed: number; of: number }> = {};
  let changed = 0;
  for (const [path, hash] of after) {
    const kind = kindOf(path);
    const k = byKind[kind] ?? { changed: 0, of: 0 };
    byKind[kind] = k;
    k.of++;
    if (before.get(path) !== hash) {
      k.changed++;
      changed++;
    }
  }
  const removed = [...before.keys()].filter((p) => !after.has(p)).length;
  return { changed, of: after.size, removed, byKind };
}

/** The pack's inputs for a full ledger, and the held-back latest participating list. */
function packInputs(data: string): { inputs: string[]; held: string } {
  const files = packWorkbooks(data, LIST_FOLDERS);
  const lastIdx = files.findLastIndex((f) => f.includes('/participating/'));
  const held = files[lastIdx] as string;
  const atlas = createRequire(import.meta.url).resolve('us-atlas/counties-10m.json');
  const inputs = [
    ...files.filter((_, i) => i !== lastIdx),
    join(data, 'ice-287g/reference/fbi_lee_latest.csv'),
    join(data, 'racial-profiling-fixtures/acs_2017_5yr_county_B03002.csv'),
    atlas,
    join(data, 'ice-287g/moa'),
  ];
  return { inputs, held };
}

/** Full publish, then one new publication and a republish into the same folder. */
export async function runRepublishBench(data: string, dir: string) {
  const home = join(dir, 'ledger');
  const out = join(dir, 'site');
  const { inputs, held } = packInputs(data);
  const built = reassess(['ingest', '--data-dir', home, ...inputs]);
  console.log(`publish bench: ledger built with reassess ingest in ${built.ms} ms`);
  const full = publish(home, out);
  console.log(
    `reassess publish (full site, new folder): ${full.ms} ms (process ${full.wallMs} ms), ${full.pages} pages, ${full.files} files, ${(full.bytes / 1e6).toFixed(1)} MB (target: < 15 s)`,
  );
  console.log(`  phases: ${phaseText(full.phases)}`);
  const again = publish(home, out);
  console.log(
    `reassess publish again, nothing new: ${again.ms} ms (process ${again.wallMs} ms), ${again.rendered} of ${again.pages} pages rendered, ${again.files} files`,
  );
  console.log(`  phases: ${phaseText(again.phases)}`);
  const before = siteHashes(out);
  const added = reassess(['ingest', '--data-dir', home, held]);
  console.log(`one new publication (${relative(data, held)}) ingested in ${added.ms} ms`);
  const re = publish(home, out);
  const diff = changedFiles(before, siteHashes(out));
  console.log(
    `reassess publish after one new publication: ${re.ms} ms (process ${re.wallMs} ms), ${re.rendered} of ${re.pages} pages rendered (target: < 2 s); files whose bytes changed: ${diff.changed} of ${diff.of}, ${diff.removed} removed`,
  );
  console.log(`  phases: ${phaseText(re.phases)}`);
  console.log(`  changed by kind: ${JSON.stringify(diff.byKind)}`);
  return { full, again, republish: re, changed: diff };
}
