/**
 * `reassess sync`, `reassess backfill` and `reassess start` (sync, then a summary of the ledger).
 * Base URLs come from the environment (REASSESS_ICE_PAGE_URL, REASSESS_CDX_URL, REASSESS_WAYBACK_URL) or flags.
 */

import { FetchError, InputError } from '../domain/errors.ts';
import { linksOfLists } from '../ingest/document-links.ts';
import { type IngestInput, ingest } from '../ingest/ingest.ts';
import { ledgerSummary } from '../read/summary.ts';
import { nodeHttpGet } from '../retrieve/http.ts';
import {
  backfill,
  DEFAULT_SOURCES,
  DEFAULT_SYNC_CONFIG,
  referenceTargets,
  type SyncConfig,
  type SyncDeps,
  sync,
} from '../retrieve/sync.ts';
import { sha256Hex } from '../sources/ice-workbook/read-workbook.ts';
import type { Ledger } from '../store/connection.ts';
import { hasPublications } from '../store/publications.ts';
import { fetchedSince, insertFetch, insertRawFile } from '../store/raw-files.ts';
import { type Context, countFlag, withLedger } from './context.ts';
import { printReport } from './ingest.ts';
import { runServe } from './serve.ts';

/** How long an archived MOA link is trusted before it is fetched again (to see whether it serves a new file). */
const MOA_RECHECK_DAYS = 30;

export function syncConfig(ctx: Context): SyncConfig {
  const pick = (flag: string, env: string, def: string) =>
    typeof ctx.flags[flag] === 'string' ? (ctx.flags[flag] as string) : ctx.env[env] || def;
  return {
    ...DEFAULT_SYNC_CONFIG,
    pageUrl: pick('page-url', 'REASSESS_ICE_PAGE_URL', DEFAULT_SOURCES.pageUrl),
    cdxBase: pick('cdx-url', 'REASSESS_CDX_URL', DEFAULT_SOURCES.cdxBase),
    waybackBase: pick('wayback-url', 'REASSESS_WAYBACK_URL', DEFAULT_SOURCES.waybackBase),
    timeoutMs: Number(ctx.env.REASSESS_TIMEOUT_MS) || DEFAULT_SYNC_CONFIG.timeoutMs,
    retries:
      ctx.env.REASSESS_RETRIES !== undefined ? Number(ctx.env.REASSESS_RETRIES) : DEFAULT_SYNC_CONFIG.retries,
    requestDelayMs:
      ctx.env.REASSESS_REQUEST_DELAY_MS !== undefined
        ? Number(ctx.env.REASSESS_REQUEST_DELAY_MS)
        : DEFAULT_SYNC_CONFIG.requestDelayMs,
    archiveMoas: ctx.flags['no-moas'] !== true,
    references:
      ctx.flags['no-references'] === true
        ? []
        : referenceTargets({
            fbiLeeUrl: ctx.env.REASSESS_FBI_LEE_URL,
            acsUrl: ctx.env.REASSESS_ACS_URL,
            acsVintage: ctx.env.REASSESS_ACS_VINTAGE,
            censusKey: ctx.env.REASSESS_CENSUS_API_KEY,
            zctaUrl: ctx.env.REASSESS_ZCTA_URL,
            placesUrl: ctx.env.REASSESS_PLACES_URL,
            cousubsUrl: ctx.env.REASSESS_COUSUBS_URL,
          }),
  };
}

/** Ingests one downloaded file; a refused file throws InputError (sync records it as rejected). */
async function ingestDownloaded(ctx: Context, ledger: Ledger, input: IngestInput) {
  const r = await ingest(ledger, [input], { now: ctx.now, log: (m) => ctx.err(m) }, 'sync');
  const rejected = r.inputs.find((i) => i.status === 'rejected');
  if (rejected) throw new InputError(input.file, rejected.reason ?? 'rejected');
  if (!ctx.json) printReport(ctx, r);
  return r;
}

function deps(ctx: Context, ledger: Ledger): SyncDeps {
  return {
    http: nodeHttpGet,
    now: ctx.now,
    recordFetch: (f) => insertFetch(ledger.db, null, f),
    storeRaw: async (bytes, meta) => {
      const sha = sha256Hex(bytes);
      ledger.raw.put(sha, bytes);
      await insertRawFile(ledger.db, sha, bytes.length, meta.mediaType, ctx.now().toISOString());
    },
    // A link archived in the last 30 days is not fetched again; after that it is, and a new file is a new version.
    hasMoa: (url) =>
      fetchedSince(
        ledger.db,
        url,
        new Date(ctx.now().getTime() - MOA_RECHECK_DAYS * 86_400_000).toISOString(),
      ),
    listedMoaLinks: async () => (await linksOfLists(ledger.db)).map((l) => l.url),
    ingestDocument: (bytes, meta) =>
      ingestDownloaded(ctx, ledger, { bytes, file: meta.url, fetch: meta.fetch }),
    ingestWorkbook: (bytes, meta) =>
      ingestDownloaded(ctx, ledger, { bytes, file: meta.url, label: meta.label, fetch: meta.fetch }),
    ingestReference: (bytes, meta) =>
      ingestDownloaded(ctx, ledger, { bytes, file: meta.url, fetch: meta.fetch, vintage: meta.vintage }),
    fetchedWithin: (url, days) =>
      fetchedSince(ledger.db, url, new Date(ctx.now().getTime() - days * 86_400_000).toISOString()),
    log: (m) => ctx.err(m),
  };
}

export async function runSync(ctx: Context): Promise<number> {
  const report = await withLedger(ctx, (l) => sync(syncConfig(ctx), deps(ctx, l)));
  if (ctx.json) ctx.out(JSON.stringify(report, null, 2));
  else {
    for (const w of report.workbooks)
      ctx.out(`${w.status.padEnd(9)} ${w.url}${w.reason ? `: ${w.reason}` : ''}`);
    for (const r of report.references)
      ctx.out(`${r.status.padEnd(9)} ${r.kind} ${r.url}${r.reason ? `: ${r.reason}` : ''}`);
    ctx.out(
      `MOA PDFs: ${report.moas.filter((m) => m.status === 'stored').length} stored (${report.moas.filter((m) => m.waybackCapture).length} from the Wayback Machine), ${report.moas.filter((m) => m.status === 'skipped').length} already archived, ${report.moas.filter((m) => m.status === 'failed' || m.status === 'rejected').length} failed`,
    );
  }
  return report.workbooks.some((w) => w.status !== 'ingested') ? 5 : 0;
}

export async function runBackfill(ctx: Context): Promise<number> {
  const opts = {
    from: typeof ctx.flags.from === 'string' ? ctx.flags.from : undefined,
    to: typeof ctx.flags.to === 'string' ? ctx.flags.to : undefined,
    limit: countFlag(ctx, 'limit'),
  };
  const report = await withLedger(ctx, (l) => backfill(syncConfig(ctx), deps(ctx, l), opts));
  if (ctx.json) ctx.out(JSON.stringify(report, null, 2));
  else
    ctx.out(
      `backfill: ${report.workbooks.filter((w) => w.status === 'ingested').length} workbook(s) ingested, ${report.workbooks.filter((w) => w.status !== 'ingested').length} not, ${report.skipped.length ?? 0} skipped; MOA PDFs: ${report.moas.filter((m) => m.status === 'stored').length} stored (${report.moas.filter((m) => m.waybackCapture).length} from the Wayback Machine), ${report.moas.filter((m) => m.status === 'skipped').length} archived recently, ${report.moas.filter((m) => m.status === 'failed' || m.status === 'rejected').length} failed`,
    );
  return 0;
}

export async function runSummary(ctx: Context): Promise<number> {
  const s = await withLedger(ctx, (l) => ledgerSummary(l.db));
  if (ctx.json) {
    ctx.out(JSON.stringify(s, null, 2));
    return 0;
  }
  if (s.publications === 0) {
    ctx.out(
      'The ledger is empty. Run `reassess sync` (network) or `reassess ingest FOLDER` (local workbooks).',
    );
    return 0;
  }
  const p = s.latestParticipating;
  ctx.out(
    `Reassess ledger: ${s.publications} publications (${s.quarantined} quarantined), ${s.agencies} agencies`,
  );
  if (p)
    ctx.out(
      `Latest participating list: ${p.date} (${p.rows} rows, ${p.agreements} agreements in ${p.states} states)`,
    );
  if (s.latestPending) ctx.out(`Latest pending list: ${s.latestPending.date} (${s.latestPending.rows} rows)`);
  ctx.out(
    `Agreements: ${s.agreements.active} active (JEM ${s.agreements.byModel.JEM}, WSO ${s.agreements.byModel.WSO}, TFM ${s.agreements.byModel.TFM}) in ${s.agreements.states} states, ${s.agreements.pending} pending, ${s.agreements.removed} removed`,
  );
  ctx.out(`Identity decisions to review: ${s.reviewQueue} (reassess review)`);
  return 0;
}

/**
 * `npm start`: sync from ice.gov; if the network is unavailable, say so and show what the ledger has; then serve
 * the site on http://localhost:8287 (`reassess serve`) unless REASSESS_NO_SERVE is set (tests, scripts).
 */
export async function runStart(ctx: Context): Promise<number> {
  const empty = await withLedger(ctx, async (l) => !(await hasPublications(l.db)));
  try {
    await runSync(ctx);
    // A new ledger also recovers ICE's past lists from the Wayback Machine (REASSESS_NO_BACKFILL=1 skips it).
    if (empty && !(ctx.env.REASSESS_NO_BACKFILL && ctx.env.REASSESS_NO_BACKFILL !== '0')) {
      ctx.err(
        'The ledger was empty: recovering past ICE lists from the Wayback Machine (this takes a while).',
      );
      await runBackfill(ctx);
    }
  } catch (e) {
    if (!(e instanceof FetchError) && !(e instanceof InputError)) throw e;
    ctx.err(`Could not sync from ${syncConfig(ctx).pageUrl}: ${e.message}`);
    ctx.err('Showing what the ledger already has.');
  }
  const code = await runSummary(ctx);
  if (code !== 0 || (ctx.env.REASSESS_NO_SERVE && ctx.env.REASSESS_NO_SERVE !== '0')) return code;
  return runServe(ctx);
}
