/**
 * Geography benchmark (`npm run bench`, with REASSESS_DATA): on a ledger built from the whole pack and the
 * reference tables, the time `reassess coverage` takes to answer (target < 1 s): the coverage query on a freshly
 * opened ledger (cold) and warm (median of 5), and the command end to end in a new process.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../src/ingest/ingest.ts';
import { coverage } from '../src/read/geography.ts';
import { openLedger } from '../src/store/connection.ts';
import { packWorkbooks } from './pack.ts';

const ms = (t: number) => Math.round(performance.now() - t);

export async function runGeographyBench(data: string, home: string): Promise<Record<string, number>> {
  const base = join(data, 'ice-287g');
  const files = packWorkbooks(data);
  files.push(join(base, 'reference/fbi_lee_latest.csv'));
  files.push(join(data, 'racial-profiling-fixtures/acs_2017_5yr_county_B03002.csv'));
  let ledger = await openLedger({ home });
  const report = await ingest(
    ledger,
    files.map((f) => ({ file: f, bytes: readFileSync(f) })),
    { now: () => new Date() },
  );
  await ledger.close();
  let t = performance.now();
  ledger = await openLedger({ home });
  const openMs = ms(t);
  t = performance.now();
  const first = await coverage(ledger.db);
  const coldMs = ms(t);
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    await coverage(ledger.db, '2025-09-01');
    warm.push(ms(t));
  }
  await ledger.close();
  warm.sort((a, b) => a - b);
  // The command in a new process, as users run it: compiled (bin/ runs build/ when it is fresh) and through tsx.
  spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8' });
  const cli = (env: Record<string, string>) => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['bin/reassess.js', 'coverage', '--json', '--data-dir', home], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '', ...env },
    });
    if (r.status !== 0) throw new Error(`reassess coverage failed: ${r.stderr}`);
    return ms(t0);
  };
  const median = (f: () => number) => [f(), f(), f()].sort((a, b) => a - b);
  const compiled = median(() => cli({}));
  const viaTsx = median(() => cli({ REASSESS_NO_BUILD: '1' }));
  const cliMs = compiled[1] ?? 0;
  const g = report.geography;
  console.log(
    `geography: ${g?.placed} of ${g?.agencies} agencies placed; coverage on ${first.date}: ${first.national.sheriffCounties.counties} sheriff counties, ${first.national.sheriffCounties.residents} residents`,
  );
  console.log(
    `coverage query: ledger open ${openMs} ms, first answer ${coldMs} ms, warm median ${warm[2]} ms of ${warm.join(' / ')} (target < 1000 ms)`,
  );
  console.log(
    `reassess coverage --json in a new process (node start, ledger open, query): compiled build median ${cliMs} ms of ${compiled.join(' / ')}; through tsx median ${viaTsx[1]} ms of ${viaTsx.join(' / ')} (target < 1000 ms)`,
  );
  return { openMs, coldMs, warmMedianMs: warm[2] ?? 0, cliMs };
}
