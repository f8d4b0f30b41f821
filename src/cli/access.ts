/**
 * Which commands only read the ledger. While `reassess serve` holds an embedded ledger folder, these run through
 * the server (store/remote.ts, the same queries and output); every other command writes (or serves) and is
 * refused with the server named, so writes stay with one process.
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
