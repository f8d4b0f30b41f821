/**
 * Which commands only read the ledger. While `reassess serve` holds an embedded ledger folder, these run through
 * the server (store/remote.ts, the same queries and output); every other command writes (or serves) and is
 * refused with the server named, so writes stay with one process.
 *
 * A command's queries take turns with the site's on the server's one connection (the command sends one, waits for
 * its rows, sends the next), so a page waits at most for the query in progress, never for the whole command: on the
 * pack's ledger the longest is about 0.5 s (every agreement, 2.1 MB of rows), and page p99 went from about 0.1 s to
 * 0.2–0.4 s while `export` or `publish` read through the server (README, "While `serve` runs").
 */
import type { Context } from './context.ts';

/** Commands that read whatever their arguments. */
const READS = new Set([
  'summary',
  'snapshots',
  'diff',
  'agreements',
  'agency',
  'changes',
  'review',
  'export',
  'places',
  'counties',
  'coverage',
  'publish',
  'audit',
]);

/** Commands whose first argument decides: the subcommands that only read. */
const READING_SUBCOMMANDS: Record<string, (sub: string | undefined) => boolean> = {
  documents: (sub) => sub === undefined || sub === 'search',
  stops: (sub) => sub === 'list',
  users: (sub) => sub === 'list',
  evidence: (sub) => sub === 'export',
  editors: (sub) => sub === 'audit-log',
};

/** True when `command` with these arguments and flags only reads the ledger. */
export function readsOnly(command: string, args: string[], flags: Context['flags']): boolean {
  if (READS.has(command)) return true;
  if (command === 'verify') return flags.refetch !== true;
  return READING_SUBCOMMANDS[command]?.(args[0]) ?? false;
}
