/**
 * `reassess ingest PATH...`: files or folders (recursively: .xlsx workbooks; .csv, .json, .txt and .zip reference files), one
 * run report.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../domain/errors.ts';
import type { DuplicateRow } from '../history/fold.ts';
import { type IngestInput, ingest, type RunReport } from '../ingest/ingest.ts';
import { type Context, withLedger } from './context.ts';

function collect(path: string, out: string[]): void {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) throw new UsageError(`no such file or folder: ${path}`);
  if (st.isDirectory()) {
    for (const name of readdirSync(path).sort()) {
      const p = join(path, name);
      const s = statSync(p);
      if (s.isDirectory() || /\.(xlsx|csv|json|txt|zip|pdf)$/i.test(name)) collect(p, out);
    }
  } else out.push(path);
}

export function printReport(ctx: Context, r: RunReport): void {
  if (ctx.json) {
    ctx.out(JSON.stringify(r, null, 2));
    return;
  }
  ctx.out(
    `run ${r.run}: ${r.counts.inputs} input(s): ${r.counts.new} new, ${r.counts.unchanged} unchanged, ${r.counts.rejected} rejected (${r.durationMs} ms)`,
  );
  for (const i of r.inputs) {
    if (i.status === 'rejected') ctx.out(`  rejected  ${i.file}: ${i.reason}`);
    else if (i.status === 'new' && i.kind === 'document')
      ctx.out(`  new       ${i.file}: document, ${i.rows} pages`);
    else if (i.status === 'new' && i.vintage !== undefined)
      ctx.out(
        `  new       ${i.file}: reference ${i.kind}, vintage ${i.vintage}, ${i.rows} rows${i.problems ? `, ${i.problems} row problem(s)` : ''}`,
      );
    else if (i.status === 'new')
      ctx.out(
        `  new       ${i.file}: ${i.kind} ${i.asOfDate}, ${i.rows} rows${i.gate && i.gate !== 'ok' ? `, ${i.gate}` : ''}${i.sameContentAs ? `, same cells as publication ${i.sameContentAs}` : ''}`,
      );
  }
  for (const i of r.loaded) ctx.out(`  loaded    county shapes, ${i.vintage} (${i.rows} counties)`);
  if (r.counts.new === 0 && r.counts.unchanged > 0)
    ctx.out(
      r.history
        ? '  every file was already stored; the history was rebuilt because the reviewed files changed'
        : '  nothing changed: every file was already stored',
    );
  for (const q of r.gates.quarantined)
    ctx.out(`  quarantined publication ${q.publication} (${q.kind} ${q.date}): ${q.reason}`);
  const codes = Object.entries(r.problems.byCode).sort((a, b) => b[1] - a[1]);
  if (codes.length > 0) ctx.out(`  problems: ${codes.map(([c, n]) => `${c} ${n}`).join(', ')}`);
  for (const c of r.history?.aliasConflicts ?? []) ctx.out(`  warning: ${c}`);
  for (const d of duplicateGroups(r.history?.duplicateRows ?? []))
    ctx.out(
      `  duplicate row (counted once): "${d.name}" repeats "${d.ofName}" (${d.agreementId}, document ${d.document}) in ${d.lists} list(s), ${d.from} to ${d.to}`,
    );
  if (r.geography) {
    const g = r.geography;
    const levels = Object.entries(g.byLevel)
      .sort((a, b) => b[1].agencies - a[1].agencies)
      .map(([l, v]) => `${l} ${v.placed}/${v.agencies}`)
      .join(', ');
    ctx.out(
      `  places: ${g.placed} of ${g.agencies} agencies placed (${levels}); ORI ${g.ori.matched} matched, ${g.ori.ambiguous} ambiguous`,
    );
    for (const u of g.multiCounty?.unplaced ?? [])
      ctx.out(`  multi-county body not placed: ${u.state} ${u.name} (${u.agencyId}): ${u.reason}`);
  }
  if (r.history)
    ctx.out(
      `  ledger: ${r.history.publications} publications, ${r.history.agencies} agencies, ${r.history.agreements} agreements, ${r.history.events} events, ${r.history.reviewQueue} identity decision(s) to review`,
    );
}

/** Duplicate rows grouped by the pair of labels and the agreement (one line per pair, with its dates). */
function duplicateGroups(rows: DuplicateRow[]) {
  const out = new Map<string, DuplicateRow & { lists: number; from: string; to: string }>();
  for (const d of rows) {
    const k = `${d.name}|${d.ofName}|${d.agreementId}`;
    const g = out.get(k);
    if (!g) out.set(k, { ...d, lists: 1, from: d.date, to: d.date });
    else {
      g.lists++;
      if (d.date < g.from) g.from = d.date;
      if (d.date > g.to) g.to = d.date;
    }
  }
  return [...out.values()];
}

export async function run(ctx: Context): Promise<number> {
  if (ctx.args.length === 0) throw new UsageError('ingest needs at least one file or folder');
  const files: string[] = [];
  for (const a of ctx.args) collect(resolve(a), files);
  const inputs: IngestInput[] = files.map((f) => ({ bytes: readFileSync(f), file: f }));
  const report = await withLedger(ctx, (ledger) =>
    ingest(ledger, inputs, { now: ctx.now, log: (m) => ctx.err(m) }),
  );
  printReport(ctx, report);
  return report.counts.rejected > 0 ? 3 : 0;
}
