/**
 * Opens the ledger: embedded PGlite in a data folder by default (locked against a second process), or a
 * PostgreSQL server when a database URL is given. Both go through one pg.Pool code path and one Kysely instance.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { acquireLock, type Lock } from './lock.ts';
import { migrate } from './migrations.ts';
import { openPglite } from './pglite-template.ts';
import { RawStore } from './raw-store.ts';
import type { Database } from './schema.ts';

// Dates and timestamps stay strings: no time-zone shifts on the way out of the database.
pg.types.setTypeParser(1082, (v: string) => v);
pg.types.setTypeParser(1184, (v: string) => new Date(v).toISOString());
pg.types.setTypeParser(1114, (v: string) => v);

export interface LedgerOptions {
  /** Folder of the embedded ledger and the raw store. */
  home: string;
  /** PostgreSQL server to use instead of the embedded database. */
  databaseUrl?: string | undefined;
  /** What the opener is doing (named to a second process that finds the folder locked). */
  command?: string;
  /**
   * `reassess recover`: the embedded database folder is moved aside (kept as `pgdata.damaged-<time>`) under the
   * lock, and a new one is made in its place.
   */
  replaceDatabase?: boolean;
}

export interface Ledger {
  db: Kysely<Database>;
  raw: RawStore;
  /** `served`: an embedded ledger read through the `reassess serve` that holds it (remote.ts; read only). */
  backend: 'pglite' | 'postgres' | 'served';
  home: string;
  close(): Promise<void>;
}

/** REASSESS_HOME, else the XDG data folder, else ~/.local/share/reassess. */
export function defaultHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.REASSESS_HOME) return resolve(env.REASSESS_HOME);
  const base = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'reassess');
}

export async function openLedger(opts: LedgerOptions): Promise<Ledger> {
  const home = resolve(opts.home);
  mkdirSync(home, { recursive: true });
  const raw = new RawStore(join(home, 'raw'));
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 4 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    await migrate(db as Kysely<unknown>);
    return { db, raw, backend: 'postgres', home, close: () => db.destroy() };
  }
  const lock: Lock = acquireLock(home, { command: opts.command ?? 'reassess' });
  let pglite: PGlite | null = null;
  try {
    const folder = join(home, 'pgdata');
    if (opts.replaceDatabase && existsSync(folder))
      renameSync(folder, `${folder}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    // A new ledger starts from the build's dump of a fresh data folder (pglite-template.ts).
    pglite = (await openPglite(folder)).pglite;
    const pool = new pg.Pool(createPgConfig(pglite));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    await migrate(db as Kysely<unknown>);
    const p = pglite;
    return {
      db,
      raw,
      backend: 'pglite',
      home,
      close: async () => {
        await db.destroy();
        await p.close();
        lock.release();
      },
    };
  } catch (e) {
    await pglite?.close().catch(() => undefined);
    lock.release();
    throw e;
  }
}
