/**
 * Server memory under unique page queries (issue 13): `reassess serve` runs as its own process on a ledger (the
 * real pack's ICE lists when REASSESS_DATA is set, else the web test fixture) while many concurrent clients ask
 * for pages, feeds and API answers whose queries never repeat (`/changes/?x=<n>`, `/search/?q=<n>`, dates,
 * page numbers, an ignored parameter on every kind of page). Every request comes from a different forwarded
 * address (`REASSESS_TRUST_PROXY=1`), so the per-client rate limit never stops the soak: what bounds memory is
 * the caches' byte budget. The server's resident memory is sampled from /proc every second; prints JSON.
 *
 * Run alone: `npx tsx bench/soak.ts [--seconds N] [--concurrency N] [--root DIR] [--ledger DIR] [--max-rss-mb N]`.
 * `--root` serves another checkout's `bin/reassess.js` (to measure the code before a change); `--ledger` reuses a
 * ledger folder built by an earlier run (`--keep` keeps the one this run builds and prints where it is).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingest } from '../src/ingest/ingest.ts';
import { openLedger } from '../src/store/connection.ts';
import { REFERENCES, WORKBOOKS } from '../test/browser/fixture.ts';
import { tempDir } from '../test/support/ledgers.ts';
import { packWorkbooks } from './pack.ts';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');

export interface SoakOptions {
  seconds?: number;
  concurrency?: number;
  /** The checkout whose `bin/reassess.js` serves (default: this one). */
  root?: string;
  /** A ledger folder to serve (default: one built for the soak, removed after unless `keep`). */
  ledger?: string;
  keep?: boolean;
  /** Stops the soak early when the server's memory passes this (MB; default 4000): the machine is shared. */
  maxRssMB?: number;
}

export interface SoakResult {
  ledger: 'real-pack' | 'fixture';
  seconds: number;
  concurrency: number;
  requests: number;
  requestsPerSecond: number;
  statuses: Record<string, number>;
  rssStartMB: number;
  rssPeakMB: number;
  rssEndMB: number;
  /** Resident memory every second (MB), from the first request. */
  rssMB: number[];
  /** Whether the soak stopped early at maxRssMB. */
  stoppedAtCap: boolean;
  ledgerDir?: string;
}

/** Builds a ledger to serve: the pack's ICE lists (and FBI table) when REASSESS_DATA is set, else the fixture. */
async function buildLedger(): Promise<{ home: string; kind: SoakResult['ledger'] }> {
  const home = tempDir('reassess-soak-');
  const ledger = await openLedger({ home });
  const data = process.env.REASSESS_DATA;
  try {
    if (data) {
      const inputs = packWorkbooks(data, ['participating', 'pending']).map((file) => ({
        file,
        bytes: readFileSync(file),
      }));
      const lee = join(data, 'ice-287g', 'reference', 'fbi_lee_latest.csv');
      if (existsSync(lee)) inputs.push({ file: lee, bytes: readFileSync(lee) });
      await ingest(ledger, inputs, { now: () => new Date() });
    } else {
      await ingest(ledger, REFERENCES, { now: () => new Date() });
      await ingest(ledger, WORKBOOKS, { now: () => new Date() });
    }
  } finally {
    await ledger.close();
  }
  return { home, kind: data ? 'real-pack' : 'fixture' };
}

/** Resident memory of a process in MB (VmRSS), or 0 once it is gone. */
function rssMB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

/** Starts `reassess serve` on a free port in its own process; resolves with its URL once it listens. */
async function serve(root: string, home: string): Promise<{ child: ChildProcess; url: string }> {
  // The server's own flag given here, so bin/reassess.js serves in this process (no second child to measure).
  const child = spawn(
    process.execPath,
    [
      '--max-semi-space-size=32',
      join(root, 'bin', 'reassess.js'),
      'serve',
      '--port',
      '0',
      '--data-dir',
      home,
    ],
    {
      env: { ...process.env, REASSESS_TRUST_PROXY: '1', REASSESS_NO_BUILD: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let err = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (b: Buffer) => {
      err += b.toString();
      const m = /Serving the ledger on (http:\/\/\S+)/.exec(err);
      if (m?.[1]) resolve(m[1].replace('localhost', '127.0.0.1'));
    });
    child.once('exit', (code) => reject(new Error(`reassess serve exited ${code}: ${err}`)));
  });
  return { child, url };
}

/** The n-th URL of the soak: every query unique, over the pages, feeds and the API. */
function soakUrl(n: number, agencies: string[]): string {
  const id = agencies[n % Math.max(1, agencies.length)] ?? 'agy-0000000000';
  const day = `20${String(10 + (n % 16)).padStart(2, '0')}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
  const urls = [
    `/changes/?x=${n}`,
    `/es/changes/?x=${n}&state=TX`,
    `/changes/?from=${day}&y=${n}`,
    `/changes/?page=${n}`,
    `/search/?q=sheriff+${n}`,
    `/search/?q=police&z=${n}`,
    `/?x=${n}`,
    `/agency/${id}/?x=${n}`,
    `/state/TX/?x=${n}`,
    `/data/?x=${n}`,
    `/methodology/?x=${n}`,
    `/feeds/events.atom?x=${n}`,
    `/api/v1/agencies?x=${n}`,
    `/api/v1/events?since=${day}&x=${n}`,
  ];
  return urls[n % urls.length] as string;
}

export async function runSoakBench(o: SoakOptions = {}): Promise<SoakResult> {
  const seconds = o.seconds ?? 60;
  const concurrency = o.concurrency ?? 32;
  const built = o.ledger ? null : await buildLedger();
  const home = o.ledger ?? (built?.home as string);
  const { child, url } = await serve(o.root ?? ROOT, home);
  const pid = child.pid as number;
  try {
    const list = (await (await fetch(`${url}/api/v1/agencies?limit=1000`)).json()) as {
      data: { agencyId: string }[];
    };
    const agencies = list.data.map((a) => a.agencyId);
    await (await fetch(`${url}/`)).text();
    const rss: number[] = [rssMB(pid)];
    const statuses: Record<string, number> = {};
    let n = 0;
    let capped = false;
    const cap = o.maxRssMB ?? 4000;
    const end = performance.now() + seconds * 1000;
    const sampler = setInterval(() => {
      const now = rssMB(pid);
      rss.push(now);
      if (now > cap) capped = true;
    }, 1000);
    const worker = async () => {
      while (performance.now() < end && !capped) {
        const i = n++;
        const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
        try {
          const res = await fetch(`${url}${soakUrl(i, agencies)}`, {
            headers: { 'X-Forwarded-For': ip, 'Accept-Encoding': 'gzip' },
          });
          await res.arrayBuffer();
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        } catch {
          statuses.error = (statuses.error ?? 0) + 1;
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    clearInterval(sampler);
    rss.push(rssMB(pid));
    return {
      ledger: o.ledger ? (process.env.REASSESS_DATA ? 'real-pack' : 'fixture') : (built?.kind ?? 'fixture'),
      seconds,
      concurrency,
      requests: n,
      requestsPerSecond: Math.round(n / seconds),
      statuses,
      rssStartMB: rss[0] ?? 0,
      rssPeakMB: Math.max(...rss),
      rssEndMB: rss[rss.length - 1] ?? 0,
      rssMB: rss,
      stoppedAtCap: capped,
      ...(o.keep && built ? { ledgerDir: built.home } : {}),
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    if (built && !o.keep) rmSync(built.home, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const num = (name: string) => (arg(name) === undefined ? undefined : Number(arg(name)));
  const seconds = num('seconds');
  const concurrency = num('concurrency');
  const root = arg('root');
  const ledger = arg('ledger');
  const maxRssMB = num('max-rss-mb');
  runSoakBench({
    ...(maxRssMB ? { maxRssMB } : {}),
    ...(seconds ? { seconds } : {}),
    ...(concurrency ? { concurrency } : {}),
    ...(root ? { root } : {}),
    ...(ledger ? { ledger } : {}),
    keep: process.argv.includes('--keep'),
  }).then(
    (r) => console.log(JSON.stringify(r)),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
