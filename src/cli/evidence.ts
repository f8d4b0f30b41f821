/**
 * `reassess evidence import [FILE]`, `reassess evidence export [--out FILE]` and `reassess evidence archive [--all]`
 * (issue 18). Import reads an evidence file (default: the reviewed seed file, src/reference/evidence-seed.json) into
 * the ledger: new records arrive awaiting review, changed ones get a new version, none is published (a reviewer other
 * than its author publishes it in the editors' pages). Export writes every record in the same format. Archive
 * fetches the public records' source URLs (evidence/archive.ts) and keeps each answer in the raw store by sha256;
 * it exits 5 when a source could not be archived (each failure is recorded and printed; the others are kept).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../domain/errors.ts';
import { CLI_ACTOR, systemDeps } from '../editors/deps.ts';
import { type ArchiveReport, archiveSources } from '../evidence/archive.ts';
import { EvidenceError } from '../evidence/errors.ts';
import { exportEvidence, importEvidence, parseEvidenceFile } from '../evidence/evidence-file.ts';
import { nodeHttpGet } from '../retrieve/http.ts';
import { type Context, withLedger } from './context.ts';

export const SEED_FILE = fileURLToPath(new URL('../reference/evidence-seed.json', import.meta.url));

export async function run(ctx: Context): Promise<number> {
  const [action, path] = ctx.args;
  if (action === 'import') {
    const file = path ?? SEED_FILE;
    const parsed = parseEvidenceFile(readFileSync(file, 'utf8'), file);
    const shown = path ?? 'src/reference/evidence-seed.json';
    const r = await withLedger(ctx, (l) =>
      importEvidence(l.db, systemDeps(ctx.now), CLI_ACTOR, parsed, shown).catch((e: unknown) => {
        if (e instanceof EvidenceError) throw new UsageError(e.message);
        throw e;
      }),
    );
    if (ctx.json) ctx.out(JSON.stringify(r, null, 2));
    else
      ctx.out(
        `${r.created.length} new, ${r.updated.length} updated, ${r.unchanged.length} unchanged; ` +
          `${r.submitted.length} waiting for review (nothing is published until a reviewer approves it)`,
      );
    return 0;
  }
  if (action === 'export') {
    const f = await withLedger(ctx, (l) =>
      exportEvidence(l.db, ctx.now, 'Every evidence record of this ledger'),
    );
    const text = `${JSON.stringify(f, null, 1)}\n`;
    if (typeof ctx.flags.out === 'string') {
      writeFileSync(ctx.flags.out, text);
      ctx.err(`${f.records.length} record(s) written to ${ctx.flags.out}`);
    } else ctx.out(text.trimEnd());
    return 0;
  }
  if (action === 'archive') return archive(ctx);
  throw new UsageError('usage: reassess evidence import [FILE] | export [--out FILE] | archive [--all]');
}

async function archive(ctx: Context): Promise<number> {
  const r = await withLedger(ctx, (l) =>
    archiveSources(
      l.db,
      {
        http: nodeHttpGet,
        now: ctx.now,
        raw: l.raw,
        ...(Number(ctx.env.REASSESS_TIMEOUT_MS) > 0
          ? { timeoutMs: Number(ctx.env.REASSESS_TIMEOUT_MS) }
          : {}),
        ...(ctx.env.REASSESS_RETRIES !== undefined ? { retries: Number(ctx.env.REASSESS_RETRIES) } : {}),
      },
      { all: ctx.flags.all === true },
    ),
  );
  if (ctx.json) ctx.out(JSON.stringify(r, null, 2));
  else printArchive(ctx, r);
  return r.items.some((i) => i.outcome === 'failed') ? 5 : 0;
}

function printArchive(ctx: Context, r: ArchiveReport): void {
  for (const i of r.items)
    if (i.outcome === 'failed') ctx.err(`failed: ${i.url}: ${i.error ?? `HTTP ${String(i.status)}`}`);
    else ctx.out(`${i.outcome}: ${i.url} -> ${String(i.sha256)} (${String(i.mediaType)})`);
  const n = (k: string) => r.items.filter((i) => i.outcome === k).length;
  ctx.out(
    `${r.sources} source URL(s) of public records: ${n('archived')} archived, ${n('unchanged')} unchanged, ` +
      `${n('failed')} failed, ${r.skipped} already archived (not fetched; --all fetches them again)`,
  );
}
