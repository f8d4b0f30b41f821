/** What every command gets: parsed options, the ledger opener, output helpers, the clock. */
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

export function ledgerOpener(flags: Context['flags'], env: NodeJS.ProcessEnv): () => Promise<Ledger> {
  const home = typeof flags['data-dir'] === 'string' ? flags['data-dir'] : defaultHome(env);
  return () => openLedger({ home, databaseUrl: env.DATABASE_URL || undefined });
}

/** Prints rows as an aligned plain-text table. */
export function table(rows: Record<string, unknown>[], columns: string[]): string {
  const cell = (v: unknown) =>
    v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
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
