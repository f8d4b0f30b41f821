/** What every command gets: parsed options, the ledger opener, output helpers, the clock. */
import { terminalCell } from '../domain/display-text.ts';
import { UsageError } from '../domain/errors.ts';
import { defaultHome, type Ledger, openLedger } from '../store/connection.ts';

export interface Context {
  args: string[];
  flags: Record<string, string | boolean | undefined>;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  out: (s: string) => void;
  err: (s: string) => void;
  json: boolean;
  ledger: () => Promise<Ledger>;
}

/** The ledger's data folder: --data-dir, else REASSESS_HOME or the default. */
export function dataHome(flags: Context['flags'], env: NodeJS.ProcessEnv): string {
  return typeof flags['data-dir'] === 'string' ? flags['data-dir'] : defaultHome(env);
}

export function ledgerOpener(flags: Context['flags'], env: NodeJS.ProcessEnv): () => Promise<Ledger> {
  const home = dataHome(flags, env);
  return () => openLedger({ home, databaseUrl: env.DATABASE_URL || undefined });
}

/** Prints rows as an aligned plain-text table (each cell one line, controls shown escaped: display-text.ts). */
export function table(rows: Record<string, unknown>[], columns: string[]): string {
  const cell = (v: unknown) =>
    terminalCell(v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]) =>
    vals
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    line(columns),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(columns.map((c) => cell(r[c])))),
  ].join('\n');
}

export async function withLedger<T>(ctx: Context, fn: (l: Ledger) => Promise<T>): Promise<T> {
  const ledger = await ctx.ledger();
  try {
    return await fn(ledger);
  } finally {
    await ledger.close();
  }
}

export function isDate(s: string | undefined): s is string {
  return !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));
}

/** --base-url, else REASSESS_BASE_URL: an absolute http(s) URL (a usage error otherwise), or undefined. */
export function configuredBaseUrl(ctx: Pick<Context, 'flags' | 'env'>): string | undefined {
  const raw = typeof ctx.flags['base-url'] === 'string' ? ctx.flags['base-url'] : ctx.env.REASSESS_BASE_URL;
  if (!raw) return undefined;
  let u: URL | null = null;
  try {
    u = new URL(raw);
  } catch {
    u = null;
  }
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:'))
    throw new UsageError(`--base-url must be an absolute URL (https://example.org/reassess/), not "${raw}"`);
  return raw;
}
