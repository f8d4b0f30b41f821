/**
 * The DuckDB database of stop datasets (one file beside the ledger, `<home>/stops.duckdb`): opened with
 * extensions never installed or loaded automatically (no network at run time), a memory limit (default 2 GB) and
 * a thread count, and a small typed wrapper that returns plain rows (BIGINT as number, DATE/TIME as text).
 * DuckDB allows one process per database file; the ledger's lock on the same folder serialises commands.
 */
import { DuckDBInstance } from '@duckdb/node-api';

export interface StopsDbOptions {
  /** `:memory:` or a file path. */
  path: string;
  /** DuckDB memory_limit, e.g. '2GB'. */
  memoryLimit?: string;
  threads?: number;
  /** Folder for DuckDB's spill files (default: beside the database file). */
  tempDirectory?: string;
}

export type Row = Record<string, string | number | boolean | null>;

export interface StopsDb {
  run(sql: string, params?: (string | number | boolean | null)[]): Promise<void>;
  all<T extends Row = Row>(sql: string, params?: (string | number | boolean | null)[]): Promise<T[]>;
  close(): void;
}

function plain(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return String(v);
}

export async function openStopsDb(opts: StopsDbOptions): Promise<StopsDb> {
  const config: Record<string, string> = {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    memory_limit: opts.memoryLimit ?? '2GB',
    threads: String(opts.threads ?? 2),
  };
  if (opts.tempDirectory) config.temp_directory = opts.tempDirectory;
  const instance = await DuckDBInstance.create(opts.path, config);
  const conn = await instance.connect();
  return {
    async run(sql, params) {
      await conn.run(sql, params);
    },
    async all<T extends Row>(sql: string, params?: (string | number | boolean | null)[]) {
      const reader = await conn.runAndReadAll(sql, params);
      return reader.getRowObjects().map((r) => {
        const out: Row = {};
        for (const k in r) out[k] = plain(r[k]);
        return out as T;
      });
    },
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

/** A SQL identifier after checking it is a plain lower-case name (tables and columns are never user text). */
export function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain SQL identifier: "${name}"`);
  return `"${name}"`;
}

/** Any column name as a quoted SQL identifier (for publishers' own headers; quotes doubled). */
export function quotedName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A SQL string literal (quotes doubled). */
export function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** A DATE literal after checking the form. */
export function dateLiteral(d: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new Error(`not a date (YYYY-MM-DD): "${d}"`);
  return `DATE '${d}'`;
}
