/**
 * How the cost of one ingest grows with the size of its input, at 1×, 4× and 16× (linear growth gives ratios near
 * 4 and 16; quadratic, 16 and 256). Three cases, each the ingest of one synthetic list into a fresh embedded
 * ledger, each size in a fresh process (its time and peak memory are its own):
 *
 * - `agencies`: a first list of N agencies never seen before, all in one state (the identity resolver compares
 *   each new name with the state's known agencies, and the list's earlier new names are known by then);
 * - `rows`: a list of N rows of 500 agencies the ledger holds already (a first list named them), each row distinct;
 * - `cells`: a list of 10 rows whose sheet also holds N cells with a body but no value (a formula without its
 *   result, `<c r="K7"><f>A1</f></c>`), which a reader must step over.
 *
 * `npx tsx bench/growth.ts [--case agencies|rows|cells] [--base N]` runs it alone (the compiled build, as
 * `reassess` runs; REASSESS_BENCH_TSX=1: the sources); `npm run bench -- --growth` too, and `npm run bench` runs it
 * after the rest. Default base sizes: 1,000 agencies, 2,000 rows, 12,500 cells (16×: 16,000 / 32,000 / 200,000).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildPackage,
  type FixtureRow,
  STYLE,
  workbookParts,
  writeXlsx,
  zipParts,
} from '../test/fixtures/xlsx-writer.ts';
import { buildProduct, productModule } from './product.ts';

export type GrowthCase = 'agencies' | 'rows' | 'cells';
export const CASES: GrowthCase[] = ['agencies', 'rows', 'cells'];
export const BASE: Record<GrowthCase, number> = { agencies: 1_000, rows: 2_000, cells: 12_500 };
const MULTIPLES = [1, 4, 16];

const HEADER = ['STATE', 'LAW ENFORCEMENT AGENCY', 'TYPE', 'COUNTY', 'SUPPORT TYPE', 'SIGNED', 'MOA'];
const MODELS = ['Jail Enforcement Model', 'Warrant Service Officer', 'Task Force Model'];
const SYLLABLES =
  'ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo'.split(
    ' ',
  );

/** A made-up place name for `i` (distinct for every i < 50⁴, no digits: numbers would keep names apart cheaply). */
function place(i: number): string {
  let s = '';
  let n = i;
  for (let k = 0; k < 4; k++) {
    s += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  }
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const agency = (i: number) =>
  i % 2 === 0 ? `${place(i)} County Sheriff's Office` : `${place(i)} Police Department`;

function list(modified: string, rows: (string | number)[][]): Buffer {
  const fixture: FixtureRow[] = [{ cells: HEADER.map((h) => ({ v: h, s: STYLE.header })) }];
  for (const r of rows)
    fixture.push({
      cells: r.map((v, c) =>
        c === 5
          ? { v, s: STYLE.date }
          : c === 6
            ? { v, link: `https://www.ice.gov/doclib/287gMOA/${r[1]}.pdf` }
            : v,
      ),
    });
  return writeXlsx({
    sheets: [{ rows: fixture }],
    props: { creator: 'Spina, Michael', application: 'Microsoft Excel', modified },
  });
}

const row = (i: number, county = place(i)): (string | number)[] => [
  'TEXAS',
  agency(i),
  i % 2 === 0 ? 'County' : 'Municipality',
  county,
  MODELS[i % 3] as string,
  45_000 + (i % 400),
  'link',
];

/** A list of 10 rows whose sheet also holds `n` value-less cells with a body (10 per row, after the data). */
function emptyBodies(n: number): Buffer {
  const pkg = buildPackage({
    sheets: [
      {
        rows: [{ cells: HEADER }, ...Array.from({ length: 10 }, (_, i) => ({ cells: row(i) }))],
      },
    ],
    props: { creator: 'Spina, Michael', application: 'Microsoft Excel', modified: '2025-04-01T15:00:00Z' },
  });
  const extra: string[] = [];
  for (let r = 0; r < Math.ceil(n / 10); r++) {
    let cells = '';
    for (let c = 0; c < 10 && r * 10 + c < n; c++)
      cells += `<c r="${String.fromCharCode(73 + c)}${r + 12}" s="1"><f>A1</f></c>`;
    extra.push(`<row r="${r + 12}">${cells}</row>`);
  }
  const sheet = pkg.sheets[0] as { xml: string | Buffer };
  sheet.xml = String(sheet.xml).replace('</sheetData>', `${extra.join('')}</sheetData>`);
  return zipParts(workbookParts(pkg));
}

/** The inputs of one case at size n: what the ledger holds first, and the list whose ingest is timed. */
function inputs(c: GrowthCase, n: number): { before: Buffer[]; timed: Buffer } {
  if (c === 'agencies')
    return {
      before: [],
      timed: list(
        '2025-04-01T15:00:00Z',
        Array.from({ length: n }, (_, i) => row(i)),
      ),
    };
  if (c === 'rows') {
    const known = Array.from({ length: 500 }, (_, i) => row(i));
    return {
      before: [list('2025-03-01T15:00:00Z', known)],
      timed: list(
        '2025-04-01T15:00:00Z',
        Array.from({ length: n }, (_, k) => row(k % 500, `${place(k % 500)} ${place(k)}`)),
      ),
    };
  }
  return { before: [], timed: emptyBodies(n) };
}

/** One measurement, in this process: prints `{ ms }` (the timed ingest only; building the inputs is not timed). */
async function one(c: GrowthCase, n: number): Promise<void> {
  const { ingest } = await productModule<typeof import('../src/ingest/ingest.ts')>('ingest/ingest');
  const { openLedger } = await productModule<typeof import('../src/store/connection.ts')>('store/connection');
  const { before, timed } = inputs(c, n);
  const home = mkdtempSync(join(tmpdir(), 'reassess-growth-'));
  try {
    const ledger = await openLedger({ home });
    const now = () => new Date('2025-04-02T12:00:00Z');
    if (before.length > 0)
      await ingest(
        ledger,
        before.map((bytes, i) => ({ bytes, file: `before-${i}.xlsx` })),
        { now },
      );
    const t = performance.now();
    const r = await ingest(ledger, [{ bytes: timed, file: `${c}-${n}.xlsx` }], { now });
    const ms = Math.round(performance.now() - t);
    await ledger.close();
    if (r.counts.new !== 1) throw new Error(`the ${c} list was not stored: ${JSON.stringify(r.inputs)}`);
    process.stdout.write(
      `${JSON.stringify({ ms, rows: r.inputs[0]?.rows, agencies: r.history?.newAgencies })}\n`,
    );
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

export interface GrowthResult {
  case: GrowthCase;
  n: number;
  ms: number;
  mb: number;
}

/** Runs every size of `cases` in fresh processes; prints one line per size and the growth ratios. */
export async function runGrowthBench(
  cases: GrowthCase[] = CASES,
  base: Partial<Record<GrowthCase, number>> = {},
): Promise<GrowthResult[]> {
  const self = fileURLToPath(import.meta.url);
  const out: GrowthResult[] = [];
  for (const c of cases) {
    const results: GrowthResult[] = [];
    for (const m of MULTIPLES) {
      const n = (base[c] ?? BASE[c]) * m;
      const child = spawnSync(
        '/usr/bin/time',
        ['-f', '%M', process.execPath, '--import', 'tsx', self, '--one', c, String(n)],
        { encoding: 'utf8', env: process.env, maxBuffer: 1 << 26 },
      );
      if (child.status !== 0) throw new Error(`growth ${c} ${n} failed: ${child.stderr.slice(-800)}`);
      const { ms } = JSON.parse(child.stdout.trim().split('\n').pop() as string) as { ms: number };
      const kb = Number(child.stderr.trim().split('\n').pop());
      const r = { case: c, n, ms, mb: Math.round(kb / 1024) };
      results.push(r);
      console.log(`growth ${c} ×${m} (${n.toLocaleString('en-US')}): ${ms} ms, peak ${r.mb} MB`);
    }
    const [a, b, d] = results as [GrowthResult, GrowthResult, GrowthResult];
    console.log(
      `growth ${c}: time ×${(b.ms / a.ms).toFixed(1)} at 4×, ×${(d.ms / a.ms).toFixed(1)} at 16× (linear: 4, 16); peak memory ${a.mb} → ${b.mb} → ${d.mb} MB`,
    );
    out.push(...results);
  }
  return out;
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  if (process.argv[2] === '--one') await one(process.argv[3] as GrowthCase, Number(process.argv[4]));
  else {
    buildProduct();
    const only = arg('--case') as GrowthCase | undefined;
    const base = arg('--base');
    const cases = only ? [only] : CASES;
    await runGrowthBench(cases, base ? Object.fromEntries(cases.map((c) => [c, Number(base)])) : {});
  }
}
