/**
 * `reassess recover`: rebuilds an embedded ledger whose database folder cannot be opened (a disk fault, a kill
 * while an older version created it). The damaged folder is kept aside as `pgdata.damaged-<time>`; a new database
 * is made and every stored workbook and reference table in the raw store is ingested again. What is lost: the
 * retrieval records (where and when each file was fetched), which stay readable in the damaged folder only if it
 * can still be opened. MOA PDFs and stop-data files stay in the raw store as they are (stop datasets are ingested
 * again with `reassess stops ingest`).
 */
import { recognizeReference } from '../ingest/reference.ts';
import { sniffWorkbook } from '../retrieve/sniff.ts';
import { defaultHome, openLedger } from '../store/connection.ts';
import { servingProcess } from '../store/served.ts';
import { type Context, servedRefusal } from './context.ts';
import { printReport } from './ingest.ts';

/** A workbook or a reference table; not a MOA PDF or a stop-data file (kept in the raw store as they are). */
function isLedgerInput(bytes: Buffer): boolean {
  const ref = recognizeReference(bytes);
  return (ref !== null && ref !== 'unknown') || sniffWorkbook(bytes).ok;
}

export async function run(ctx: Context): Promise<number> {
  if (ctx.env.DATABASE_URL) {
    ctx.err(
      'reassess: recover rebuilds the embedded ledger; DATABASE_URL is set (a server is recovered by its own tools)',
    );
    return 2;
  }
  const { ingest } = await import('../ingest/ingest.ts');
  const home = typeof ctx.flags['data-dir'] === 'string' ? ctx.flags['data-dir'] : defaultHome(ctx.env);
  const server = servingProcess(home);
  if (server) throw servedRefusal(home, 'recover', server);
  const ledger = await openLedger({ home, command: 'recover', replaceDatabase: true });
  try {
    const files = ledger.raw.list();
    const inputs = files
      .map((sha256) => ({ sha256, bytes: ledger.raw.get(sha256) }))
      .filter((f) => isLedgerInput(f.bytes))
      .map((f) => ({ bytes: f.bytes, file: `raw/${f.sha256.slice(0, 2)}/${f.sha256}` }));
    ctx.err(
      `recover: ${files.length} stored file(s), ${inputs.length} workbook(s) and reference table(s) to ingest`,
    );
    const report = await ingest(ledger, inputs, { now: ctx.now, log: (m) => ctx.err(m) }, 'recover');
    printReport(ctx, report);
    return report.counts.rejected > 0 ? 3 : 0;
  } finally {
    await ledger.close();
  }
}
