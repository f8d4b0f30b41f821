import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { ingest } from '../src/pipeline/ingest.ts';
import { openLedger } from '../src/store/connection.ts';
const base = '/work/shared/data/ice-287g/';
const all = ['participating', 'pending'].flatMap((d) => readdirSync(base + d).map((f) => ({ d, f, date: f.slice(0, 10) })));
all.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.d < b.d ? -1 : 1));
const inputs = all.map((x) => ({ bytes: readFileSync(`${base}${x.d}/${x.f}`), file: `${x.d}/${x.f}` }));
const split = Number(process.argv[2] ?? 300);
async function dump(home: string) {
  const l = await openLedger({ home });
  const out: Record<string, unknown[]> = {};
  for (const t of ['agreements', 'events', 'agency_names', 'agencies', 'identity_decisions'] as const) {
    const rows = (await l.db.selectFrom(t).selectAll().execute()) as Record<string, unknown>[];
    out[t] = rows.map((r) => { const { run_id, ...rest } = r; return JSON.stringify(rest); }).sort();
  }
  await l.close();
  return out;
}
rmSync('/tmp/m/eqA', { recursive: true, force: true });
rmSync('/tmp/m/eqB', { recursive: true, force: true });
let l = await openLedger({ home: '/tmp/m/eqA' });
await ingest(l, inputs, { now: () => new Date() });
await l.close();
l = await openLedger({ home: '/tmp/m/eqB' });
await ingest(l, inputs.slice(0, split), { now: () => new Date() });
const modes: Record<string, number> = {};
let ms = 0;
for (const x of inputs.slice(split)) {
  const t = performance.now();
  const r = await ingest(l, [x], { now: () => new Date() });
  ms += performance.now() - t;
  modes[r.history?.mode ?? 'none'] = (modes[r.history?.mode ?? 'none'] ?? 0) + 1;
}
await l.close();
console.log('modes', modes, 'avg ms', Math.round(ms / (inputs.length - split)));
const a = await dump('/tmp/m/eqA');
const b = await dump('/tmp/m/eqB');
for (const t of Object.keys(a)) {
  const A = new Set(a[t] as string[]);
  const B = new Set(b[t] as string[]);
  const onlyA = [...A].filter((x) => !B.has(x));
  const onlyB = [...B].filter((x) => !A.has(x));
  console.log(t, (a[t] as string[]).length, (b[t] as string[]).length, onlyA.length === 0 && onlyB.length === 0 ? 'SAME' : 'DIFF');
  for (const x of onlyA.slice(0, 2)) console.log('  full:', x.slice(0, 300));
  for (const x of onlyB.slice(0, 2)) console.log('  incr:', x.slice(0, 300));
}
