/**
 * `reassess documents [--agency ID_OR_NAME] [--json]`: the archived MOA and addendum PDFs, one per line (or one
 * object each); `reassess documents search QUERY [--state XX] [--model M] [--template T] [--year Y] [--json]`: pages
 * that match, with a snippet; `reassess documents ocr [--wait]`: works the OCR queue in this process, with progress,
 * until it is empty (Ctrl-C stops after the current page; the next run resumes); `--wait` also waits for jobs that
 * another process is working on.
 */
import { hostname } from 'node:os';
import { UsageError } from '../domain/errors.ts';
import { MODELS } from '../domain/types.ts';
import { debianTesseract, EngineMissingError } from '../ocr/engines.ts';
import { workQueue } from '../ocr/queue.ts';
import { findAgencies } from '../read/agencies.ts';
import { listDocuments, searchDocuments } from '../read/documents.ts';
import type { Ledger } from '../store/connection.ts';
import { ocrQueueState, type QueueState } from '../store/ocr-queue.ts';
import { type Context, countFlag, stateFlag, table, withLedger } from './context.ts';

const flag = (ctx: Context, k: string) =>
  typeof ctx.flags[k] === 'string' ? (ctx.flags[k] as string) : undefined;

async function list(ctx: Context): Promise<number> {
  const agency = flag(ctx, 'agency');
  const state = stateFlag(ctx);
  return withLedger(ctx, async (l) => {
    const ids = agency ? await findAgencies(l.db, agency, state) : undefined;
    const docs = await listDocuments(l.db, agency ? { agencyIds: ids, name: agency } : {});
    if (ctx.json) {
      ctx.out(JSON.stringify(docs, null, 2));
      return 0;
    }
    if (docs.length === 0) {
      ctx.out(
        agency
          ? `no document matches "${agency}"`
          : 'no document is archived yet (reassess sync, or reassess ingest FILE.pdf)',
      );
      return 0;
    }
    const rows = docs.map((d) => ({
      sha256: d.sha256.slice(0, 12),
      file: d.fileName,
      pages:
        d.status === 'refused'
          ? `refused: ${d.refusal}`
          : `${d.pagesRead}/${d.pages}${d.pendingPages ? ` (${d.pendingPages} to OCR)` : ''}`,
      model: d.model,
      party: d.party,
      template: d.templateRevision,
      signed: d.signatures.map((s) => `${s.party}: ${s.name ?? '?'}${s.date ? ` ${s.date}` : ''}`).join('; '),
      agreements: d.agreementIds.length,
    }));
    ctx.out(table(rows, ['sha256', 'file', 'pages', 'model', 'party', 'template', 'signed', 'agreements']));
    return 0;
  });
}

async function search(ctx: Context): Promise<number> {
  const q = ctx.args.slice(1).join(' ').trim();
  if (!q)
    throw new UsageError(
      'documents search needs a query, e.g. reassess documents search "complaint procedure"',
    );
  const year = flag(ctx, 'year');
  if (year !== undefined && !/^\d{4}$/.test(year))
    throw new UsageError(`--year must be a year like 2025, not "${year}"`);
  const state = stateFlag(ctx);
  const model = flag(ctx, 'model')?.toUpperCase();
  if (model !== undefined && !(MODELS as readonly string[]).includes(model))
    throw new UsageError(`--model must be one of ${MODELS.join(', ')}, not "${flag(ctx, 'model')}"`);
  const limit = countFlag(ctx, 'limit') ?? 20;
  return withLedger(ctx, async (l) => {
    const r = await searchDocuments(
      l.db,
      q,
      { state, model, template: flag(ctx, 'template'), year: year ? Number(year) : undefined },
      limit,
    );
    if (ctx.json) {
      ctx.out(JSON.stringify(r.hits, null, 2));
      return 0;
    }
    if (r.hits.length === 0) ctx.out(r.query ? `no page matches ${q}` : 'the query has no word to search');
    for (const h of r.hits)
      ctx.out(`${h.sha256.slice(0, 12)}  ${h.fileName}  p. ${h.page}\n    ${h.snippet.replace(/\s+/g, ' ')}`);
    if (r.total > r.hits.length)
      ctx.out(`${r.total} pages match; the first ${r.hits.length} shown (--limit N)`);
    return 0;
  });
}

function describe(s: QueueState): string {
  return `OCR queue: ${s.queued} queued, ${s.running} running, ${s.done} done, ${s.failed} failed (pages ${s.pagesDone}/${s.pages} of the open jobs)`;
}

async function waitForOthers(ctx: Context, l: Ledger): Promise<QueueState> {
  for (;;) {
    const s = await ocrQueueState(l.db, ctx.now().toISOString());
    if (s.leases.length === 0) return s;
    ctx.err(`waiting for ${s.leases.map((x) => x.owner).join(', ')}: ${describe(s)}`);
    await new Promise((r) => setTimeout(r, 2000));
  }
}

async function ocr(ctx: Context): Promise<number> {
  let engine: Awaited<ReturnType<typeof debianTesseract>>;
  try {
    engine = await debianTesseract();
  } catch (e) {
    if (!(e instanceof EngineMissingError)) throw e;
    ctx.err(`reassess: ${e.message}`);
    return 1;
  }
  let stopping = false;
  const stop = () => {
    stopping = true;
    ctx.err('Stopping after the current page (the next run resumes).');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await withLedger(ctx, async (l) => {
      ctx.err(describe(await ocrQueueState(l.db, ctx.now().toISOString())));
      const r = await workQueue({
        db: l.db,
        raw: l.raw,
        engine,
        now: ctx.now,
        owner: `${process.pid}@${hostname()}`,
        log: (m) => ctx.err(m),
        onPage: (sha, done, total) => ctx.err(`ocr ${sha.slice(0, 12)}: page ${done}/${total}`),
        stopping: () => stopping,
      });
      const s =
        ctx.flags.wait === true && !stopping
          ? await waitForOthers(ctx, l)
          : await ocrQueueState(l.db, ctx.now().toISOString());
      if (ctx.json) ctx.out(JSON.stringify({ ...r, engine: engine.version, queue: s }, null, 2));
      else {
        ctx.out(
          `${r.documents} document(s) read by ${engine.version}, ${r.failed} failed${r.stopped ? ' (stopped)' : ''}`,
        );
        ctx.out(describe(s));
        for (const e of s.errors) ctx.out(`  failed ${e.sha256.slice(0, 12)}: ${e.error}`);
        if (s.leases.length > 0)
          ctx.out(`  ${s.leases.length} job(s) are being read by another process (--wait waits for them)`);
      }
      return 0;
    });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await engine.close();
  }
}

export async function run(ctx: Context): Promise<number> {
  const sub = ctx.args[0];
  if (sub === undefined) return list(ctx);
  if (sub === 'search') return search(ctx);
  if (sub === 'ocr') return ocr(ctx);
  throw new UsageError(`documents: unknown subcommand "${sub}" (search, ocr, or none to list)`);
}
