/** What every command gets: parsed options, the ledger opener, output helpers, the clock. */
import { isCalendarDate } from '../domain/dates.ts';
import { terminalCell } from '../domain/display-text.ts';
import { LockedError, UsageError } from '../domain/errors.ts';
import { normalizeState } from '../normalize/state.ts';
import { defaultHome, type Ledger, openLedger } from '../store/connection.ts';
import { lockHolder } from '../store/lock.ts';
import { openServedLedger, ServerGoneError } from '../store/remote.ts';
import { describeServer, type ServeRecord, servingProcess } from '../store/served.ts';

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

/** What a command does to the ledger: named in messages; `readOnly` commands may go through a running server. */
export interface Access {
  command: string;
  readOnly: boolean;
}

export function ledgerOpener(
  flags: Context['flags'],
  env: NodeJS.ProcessEnv,
  access: Access = { command: 'reassess', readOnly: false },
): () => Promise<Ledger> {
  const home = dataHome(flags, env);
  const databaseUrl = env.DATABASE_URL || undefined;
  // A PostgreSQL server takes many processes: only the embedded ledger is one process at a time.
  if (databaseUrl) return () => openLedger({ home, databaseUrl, command: access.command });
  return () => openEmbedded(home, access);
}

/** The refusal a writing command gets while a server holds the folder. */
export function servedRefusal(
  home: string,
  command: string,
  server: Pick<ServeRecord, 'pid' | 'url'>,
): LockedError {
  return new LockedError(
    `the ledger folder ${home} is held by ${describeServer(server)}; \`${command}\` writes to the ledger, and only ` +
      `one process may write to it: stop the server (Ctrl-C where it runs, or kill ${server.pid}), run the ` +
      `command, then start the server again (commands that only read, like agreements or export, work while it serves)`,
  );
}

/** How long a reading command waits for a server that holds the folder but does not answer yet (starting). */
const SERVER_START_WAIT_MS = 60_000;

/**
 * The embedded ledger: through its running server for a reading command, refused (naming the server) for a
 * writing one, else opened here. A server that stops or starts meanwhile is met on the next round.
 */
async function openEmbedded(home: string, access: Access): Promise<Ledger> {
  const deadline = Date.now() + SERVER_START_WAIT_MS;
  for (;;) {
    const server = servingProcess(home);
    if (server && !access.readOnly) throw servedRefusal(home, access.command, server);
    if (server) {
      try {
        return await openServedLedger(home, server);
      } catch (e) {
        if (!(e instanceof ServerGoneError)) throw e;
      }
    }
    try {
      return await openLedger({ home, command: access.command });
    } catch (e) {
      if (!(e instanceof LockedError)) throw e;
      const holder = lockHolder(home);
      // A server starting (it holds the folder, its socket is not up yet) or stopping: look again shortly.
      if (!holder || (holder.command !== 'serve' && holder.command !== 'start')) throw e;
      if (!access.readOnly) {
        const server = servingProcess(home);
        throw server ? servedRefusal(home, access.command, server) : e;
      }
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
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

/** A calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isDate(s: string | undefined): s is string {
  return !!s && isCalendarDate(s);
}

/** `--state XX` as a state's postal code, or undefined when not given; a usage error when it names no state. */
export function stateFlag(ctx: Pick<Context, 'flags'>): string | undefined {
  const raw = ctx.flags.state;
  if (typeof raw !== 'string') return undefined;
  const code = normalizeState(raw).code;
  if (!code) throw new UsageError(`--state: not a U.S. state or territory: ${raw}`);
  return code;
}

/** `--NAME VALUE` when VALUE is one of `allowed`, or undefined when not given; a usage error naming them otherwise. */
export function choiceFlag<T extends string>(
  ctx: Pick<Context, 'flags'>,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const raw = ctx.flags[name];
  if (typeof raw !== 'string') return undefined;
  if (!(allowed as readonly string[]).includes(raw))
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, not "${raw}"`);
  return raw as T;
}

/** `--NAME N` as a whole number of at least 1, or undefined when not given; a usage error otherwise. */
export function countFlag(ctx: Pick<Context, 'flags'>, name: string): number | undefined {
  const raw = ctx.flags[name];
  if (typeof raw !== 'string') return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1)
    throw new UsageError(`--${name} must be a whole number of at least 1, not "${raw}"`);
  return Number(raw);
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
