/**
 * `reassess publish --out DIR [--base-url URL]`: writes the whole site — pages in both languages, assets, API
 * snapshots, downloads and feeds — as static files for any static host. `--base-url` (or REASSESS_BASE_URL) is
 * the public address: its path prefixes every link and it makes the feeds' absolute links.
 */
import { UsageError } from '../domain/errors.ts';
import { refusal } from '../publish/site-folder.ts';
import { exportSite } from '../publish/static-export.ts';
import { type Context, configuredBaseUrl, dataHome, withLedger } from './context.ts';

export async function run(ctx: Context): Promise<number> {
  const out = typeof ctx.flags.out === 'string' ? ctx.flags.out : ctx.args[0];
  if (!out) throw new UsageError('publish needs --out DIR');
  const baseUrl = configuredBaseUrl(ctx);
  // Refused before the ledger is opened: a path in (or holding) the data folder, a file, a folder of other files.
  const why = refusal(out, dataHome(ctx.flags, ctx.env));
  if (why) throw new UsageError(`refusing to publish: ${why}`);
  const report = await withLedger(ctx, (l) =>
    exportSite({
      db: l.db,
      out,
      dataDir: l.home,
      now: ctx.now,
      rawPath: (sha) => l.raw.pathOf(sha),
      ...(baseUrl ? { baseUrl } : {}),
      ...(ctx.env.REASSESS_CORRECTIONS ? { corrections: ctx.env.REASSESS_CORRECTIONS } : {}),
      log: (m) => ctx.err(m),
    }),
  );
  if (ctx.json) ctx.out(JSON.stringify(report, null, 2));
  else
    ctx.out(
      `Published ${report.pages} pages (${report.rendered} rendered, the others unchanged), ${report.files} files (${(report.bytes / 1048576).toFixed(1)} MB; ${report.unchanged} unchanged since the previous site, kept rather than written) to ${report.out} in ${(report.ms / 1000).toFixed(1)} s`,
    );
  return 0;
}
