/**
 * The stop-data benchmark (issue 17), `npm run bench -- --stops` (or part of `npm run bench`):
 *
 * 1. a synthetic OPP-schema file of ten million stops (test/fixtures/stops.ts, streamed to disk; not timed);
 * 2. `reassess stops ingest` of it in a fresh process: wall time and peak memory (max RSS, /usr/bin/time), with
 *    DuckDB's memory limit at its default 2 GB;
 * 3. the veil-of-darkness fit, M1 and with district fixed effects, on the prepared rows: ours (the product's path:
 *    exact per-stop fit on DuckDB's cells; and the same fit on one row per stop) against R's glm on the same rows
 *    written out by DuckDB, in the same run (Debian's r-base-core; skipped with a note when Rscript is missing):
 *    the time ratio (target: faster than R) and the largest difference of a coefficient that does not depend on
 *    the spline basis (is_dark and the district effects; target ≤ 1e-6).
 *
 * `--rows N` changes the size (default 10,000,000). REASSESS_BENCH_TSX=1 runs the sources through tsx.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HARTFORD_LIKE, STOP_HEADER, stopRows } from '../test/fixtures/stops.ts';
import { buildProduct, productModule } from './product.ts';

type Vod = typeof import('../src/analyze/vod.ts');
type Ctx = typeof import('../src/analyze/dataset-context.ts');
type Sun = typeof import('../src/analyze/sun.ts');
type Query = typeof import('../src/store/stops/vod-query.ts');
type Model = typeof import('../src/stats/vod-model.ts');
type Conn = typeof import('../src/store/connection.ts');
type Duck = typeof import('../src/store/stops/duck.ts');

async function writeStops(file: string, rows: number): Promise<number> {
  const perDay = 2740;
  const world = {
    ...HARTFORD_LIKE,
    start: '2008-01-01',
    days: Math.ceil(rows / perDay),
    stopsPerDay: perDay,
    districts: 'ABCDEFGHIJKL'.split('').map((c) => `DISTRICT ${c}`),
    darkEffect: { black: -0.1, hispanic: 0 },
  };
  const out = createWriteStream(file);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  await write(`${STOP_HEADER.join(',')}\n`);
  let n = 0;
  let chunk: string[] = [];
  for (const r of stopRows(world)) {
    chunk.push(r.join(','));
    if (++n >= rows) break;
    if (chunk.length === 10_000) {
      await write(`${chunk.join('\n')}\n`);
      chunk = [];
    }
  }
  if (chunk.length) await write(`${chunk.join('\n')}\n`);
  await new Promise<void>((r) => out.end(() => r()));
  return n;
}

function timedCli(args: string[]): { mb: number; secs: number; stdout: string } {
  const child = spawnSync('/usr/bin/time', ['-f', '%M %e', process.execPath, 'bin/reassess.js', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (child.status !== 0) throw new Error(`reassess ${args.join(' ')} failed: ${child.stderr.slice(-800)}`);
  const [kb, secs] = (child.stderr.trim().split('\n').pop() ?? '').trim().split(' ').map(Number);
  return { mb: Math.round((kb as number) / 1024), secs: secs as number, stdout: child.stdout };
}

const R_SCRIPT = `
library(splines)
a <- commandArgs(TRUE)
d <- read.csv(a[1], colClasses = c("integer", "integer", "integer", "character"))
k <- as.numeric(strsplit(a[2], ",")[[1]]); b <- as.numeric(strsplit(a[3], ",")[[1]])
d$adjust <- factor(d$adjust)
report <- function(label, f) {
  t <- system.time(m <- glm(f, family = binomial, data = d))[["elapsed"]]
  s <- summary(m)$coefficients
  keep <- grep("^is_dark$|^adjust", rownames(s))
  cat(label, t, m$iter, sprintf("%.17g", m$deviance), paste(rownames(s)[keep], sprintf("%.17g", s[keep, 1]), sprintf("%.17g", s[keep, 2]), sep = "=", collapse = ";"), sep = "\\t"); cat("\\n")
}
report("M1", is_minority ~ is_dark + ns(minute, knots = k, Boundary.knots = b))
report("FE", is_minority ~ is_dark + ns(minute, knots = k, Boundary.knots = b) + adjust)
`;

interface RFit {
  secs: number;
  iter: number;
  deviance: number;
  coef: Map<string, [number, number]>;
}

function runR(
  csv: string,
  knots: { interior: number[]; boundary: number[] },
  dir: string,
): Record<string, RFit> | null {
  const script = join(dir, 'vod.R');
  writeFileSync(script, R_SCRIPT);
  const r = spawnSync('Rscript', [script, csv, knots.interior.join(','), knots.boundary.join(',')], {
    encoding: 'utf8',
  });
  if (r.error || r.status !== 0) return null;
  const out: Record<string, RFit> = {};
  for (const line of r.stdout.trim().split('\n')) {
    const [label, secs, iter, dev, coefs] = line.trim().split('\t');
    const coef = new Map<string, [number, number]>();
    for (const c of (coefs ?? '').split(';')) {
      const [name, est, se] = c.split('=');
      coef.set(name as string, [Number(est), Number(se)]);
    }
    out[label as string] = { secs: Number(secs), iter: Number(iter), deviance: Number(dev), coef };
  }
  return out;
}

export async function runStopsBench(rows = 10_000_000): Promise<void> {
  buildProduct();
  const dir = mkdtempSync(join(tmpdir(), 'reassess-bench-stops-'));
  try {
    const csv = join(dir, 'ct_benchtown_2020_04_01.csv');
    const t = performance.now();
    const n = await writeStops(csv, rows);
    console.log(
      `stops: synthetic file of ${n.toLocaleString('en-US')} stops, ${(statSync(csv).size / 1e9).toFixed(2)} GB, written in ${((performance.now() - t) / 1000).toFixed(1)} s (not a target)`,
    );
    const home = join(dir, 'home');
    const ing = timedCli([
      'stops',
      'ingest',
      csv,
      '--name',
      'bench',
      '--data-dir',
      home,
      '--centre',
      '41.7658043,-72.6733723',
      '--time-zone',
      'America/New_York',
    ]);
    console.log(
      `stops ingest (fresh process, DuckDB memory_limit 2GB): ${ing.secs} s wall, peak memory (max RSS) ${ing.mb} MB`,
    );
    await fitComparison(home, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function fitComparison(home: string, dir: string): Promise<void> {
  const { openLedger } = await productModule<Conn>('store/connection');
  const { openStopsDb } = await productModule<Duck>('store/stops/duck');
  const { openDataset, monthGates } = await productModule<Ctx>('analyze/dataset-context');
  const { ensureSunTimes } = await productModule<Sun>('analyze/sun');
  const { vodCells, copyVodRows } = await productModule<Query>('store/stops/vod-query');
  const { fitVod } = await productModule<Model>('stats/vod-model');
  await productModule<Vod>('analyze/vod');
  const ledger = await openLedger({ home });
  const duck = await openStopsDb({ path: join(home, 'stops.duckdb') });
  try {
    const deps = { ledger, duck, now: () => new Date(), log: () => undefined };
    const ctx = await openDataset(deps, 'bench');
    const mg = await monthGates(ctx, ['time']);
    const sun = await ensureSunTimes(ctx, mg.scope);
    const q = {
      scope: mg.scope,
      geography: sun.geography,
      minority: 'black' as const,
      adjust: 'district',
      roundMinutes: null,
      dst: false,
      excludedYears: [],
    };
    let t = performance.now();
    const { cells } = await vodCells(duck, q);
    const sqlMs = performance.now() - t;
    const rowsCsv = join(dir, 'vod-rows.csv');
    const nRows = await copyVodRows(duck, q, rowsCsv);
    const spec = { df: 6, mode: 'bernoulli' as const, period: false };
    t = performance.now();
    const m1 = fitVod(cells, { ...spec, adjust: false });
    const m1Ms = performance.now() - t;
    t = performance.now();
    const fe = fitVod(cells, { ...spec, adjust: true, knots: m1.knots });
    const feMs = performance.now() - t;
    const expanded = cells.flatMap((c) => [
      ...(c.s > 0 ? [{ ...c, s: 1, n: 1, k: c.s }] : []),
      ...(c.n - c.s > 0 ? [{ ...c, s: 0, n: 1, k: c.n - c.s }] : []),
    ]);
    const perRow = expanded.flatMap((c) => new Array(c.k).fill({ ...c, k: undefined }));
    t = performance.now();
    const m1Rows = fitVod(perRow, { ...spec, mode: 'binomial', adjust: false, knots: m1.knots });
    const m1RowsMs = performance.now() - t;
    t = performance.now();
    const feRows = fitVod(perRow, { ...spec, mode: 'binomial', adjust: true, knots: m1.knots });
    const feRowsMs = performance.now() - t;
    console.log(
      `veil of darkness: ${nRows.toLocaleString('en-US')} prepared rows (Black and White stops in the window, with district) from ${cells.length.toLocaleString('en-US')} cells; DuckDB filter + aggregation ${(sqlMs / 1000).toFixed(2)} s`,
    );
    const r = runR(rowsCsv, m1.knots, dir);
    report('M1', m1, m1Ms, m1Rows, m1RowsMs, r?.M1);
    report('M1 + district fixed effects', fe, feMs, feRows, feRowsMs, r?.FE);
    if (!r) console.log('  R comparison skipped: Rscript not found (apt-get install r-base-core)');
  } finally {
    duck.close();
    await ledger.close();
  }
}

function report(
  label: string,
  cellsFit: ReturnType<Model['fitVod']>,
  cellsMs: number,
  rowsFit: ReturnType<Model['fitVod']>,
  rowsMs: number,
  r: RFit | undefined,
) {
  const ours = (fit: ReturnType<Model['fitVod']>) =>
    new Map(fit.fit.names.map((n, j) => [n.replace(/^adjust:/, 'adjust'), fit.fit.coefficients[j] ?? null]));
  let line = `  ${label}: ours ${cellsMs.toFixed(0)} ms on cells (exact per-stop fit, ${cellsFit.fit.iterations} iterations), ${(rowsMs / 1000).toFixed(2)} s on one row per stop`;
  if (r) {
    let worst = 0;
    for (const [name, [est]] of r.coef) {
      for (const fit of [cellsFit, rowsFit]) {
        const mine = ours(fit).get(name);
        worst = Math.max(worst, mine == null ? Number.POSITIVE_INFINITY : Math.abs(mine - est));
      }
    }
    line += `; R glm ${r.secs.toFixed(2)} s (${r.iter} iterations): ${(r.secs / (cellsMs / 1000)).toFixed(0)}× slower than ours on cells, ${(r.secs / (rowsMs / 1000)).toFixed(1)}× than ours on rows (target: faster than R); largest difference of is_dark and district coefficients ${worst.toExponential(1)} (target ≤ 1e-6); deviance ${Math.abs(rowsFit.fit.deviance - r.deviance).toExponential(1)} apart`;
  }
  console.log(line);
}

const isMain = process.argv[1]?.endsWith('stops.ts');
if (isMain) {
  const i = process.argv.indexOf('--rows');
  await runStopsBench(i > 0 ? Number(process.argv[i + 1]) : undefined);
}
