/** Plain-text output of the stop commands: the ingest report, the dataset list, and method results in words. */
import type { IngestStopsReport } from '../analyze/ingest-stops.ts';
import type { MethodReport } from '../analyze/method-result.ts';
import type { StopDatasetRecord } from '../store/stop-datasets.ts';
import { type Context, table } from './context.ts';

export function printIngest(ctx: Context, r: IngestStopsReport): void {
  const d = r.dataset;
  if (ctx.json) {
    ctx.out(JSON.stringify(r, null, 2));
    return;
  }
  ctx.out(
    `dataset ${d.datasetId}: ${d.rows.loaded} rows loaded, ${d.rows.quarantined} quarantined (of ${d.rows.read} read)`,
  );
  ctx.out(
    `  file ${d.file} (sha256 ${d.sha256}${r.newRawFile ? ', new in the raw store' : ', already in the raw store'})`,
  );
  ctx.out(`  source ${d.source}; licence ${d.licence}`);
  ctx.out(
    `  location ${d.location}, state ${d.state ?? '?'}, county ${d.countyFips ?? '?'}, period ${d.period.from} to ${d.period.to}`,
  );
  ctx.out(
    `  centre ${d.centre ? `${d.centre.lat},${d.centre.lng}` : 'none'}, time zone ${d.timeZone ?? 'none'}`,
  );
  for (const q of d.quarantine) ctx.out(`  quarantined: ${q.rows} × ${q.reason}`);
  for (const e of r.examples.slice(0, 5)) ctx.out(`    line ${e.line ?? '?'}: ${e.reason}`);
  for (const p of d.problems) ctx.out(`  problem: ${p}`);
}

export function printList(ctx: Context, datasets: StopDatasetRecord[]): void {
  if (ctx.json) {
    ctx.out(JSON.stringify(datasets, null, 2));
    return;
  }
  ctx.out(
    table(
      datasets.map((d) => ({
        dataset: d.datasetId,
        location: d.location,
        state: d.state,
        from: d.period.from,
        to: d.period.to,
        rows: d.rows.loaded,
        quarantined: d.rows.quarantined,
        source: d.source,
      })),
      ['dataset', 'location', 'state', 'from', 'to', 'rows', 'quarantined', 'source'],
    ),
  );
}

export function printReports(ctx: Context, reports: MethodReport[], ids: number[]): void {
  if (ctx.json) {
    ctx.out(
      JSON.stringify(
        reports.map((r, i) => ({ analysisId: ids[i], ...r })),
        null,
        2,
      ),
    );
    return;
  }
  reports.forEach((r, i) => {
    const res = r.result;
    ctx.out(`\n${res.method} · ${res.contrast.group} vs white · ${res.status} (analysis ${ids[i]})`);
    for (const line of r.text) ctx.out(`  ${line}`);
    ctx.out(
      `  n: ${res.n.rowsUsed} of ${res.n.rowsIn} rows used; ${Object.entries(res.n.byGroup)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
    for (const d of res.n.drops) ctx.out(`    dropped ${d.n}: ${d.step}`);
    for (const [k, v] of Object.entries(res.diagnostics)) ctx.out(`  ${k}: ${v}`);
    for (const [name, rows] of Object.entries(r.tables)) {
      const list = rows as Record<string, unknown>[];
      if (list.length > 0)
        ctx.out(`  ${name}:\n${table(list, Object.keys(list[0] ?? {})).replace(/^/gm, '    ')}`);
    }
    for (const g of res.gates)
      ctx.out(
        `  gate ${g.id}: ${g.passed ? 'passed' : g.blocking ? 'FAILED (blocking)' : 'flag'} — ${g.reason}`,
      );
    for (const c of res.caveats) ctx.out(`  caveat (${c.id}): ${c.text}`);
    ctx.out(
      `  source: ${res.provenance.source}; licence ${res.provenance.licence}; sha256 ${res.provenance.sha256}`,
    );
  });
}
