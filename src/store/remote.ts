/**
 * Reading an embedded ledger that `reassess serve` holds. PGlite is one process per data folder, so while the
 * server runs, a CLI read command does not open the folder: it sends each compiled query over a Unix socket
 * (mode 0600, beside the lock: served.ts) to the server, which runs it on its own connection inside a READ ONLY
 * transaction and sends the rows back. The command's code is unchanged (the same Kysely queries, the same values,
 * so the same output); PostgreSQL itself refuses any write that reaches the channel, and the channel refuses
 * transactions, so writes stay with the one process that holds the folder.
 *
 * The socket only carries what its owner could read from the folder anyway; the read-only guard is against a
 * command writing by mistake, not a boundary against a hostile local user.
 */
import { chmodSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import {
  CompiledQuery as Compiled,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from 'kysely';
import { LockedError, ReassessError } from '../domain/errors.ts';
import type { Ledger } from './connection.ts';
import type { Db } from './db.ts';
import { missingMigrations } from './migrations.ts';
import { RawStore } from './raw-store.ts';
import {
  type AnswerMessage,
  decodeMessage,
  encodeMessage,
  lineReader,
  type QueryMessage,
} from './remote-codec.ts';
import type { Database } from './schema.ts';
import { describeServer, type ServeRecord } from './served.ts';

/** PostgreSQL's SQLSTATE for a write inside a READ ONLY transaction. */
const READ_ONLY_SQL_TRANSACTION = '25006';

/** True when `text` is one statement (a `;` may only end it): a query without parameters could carry several. */
export function singleStatement(text: string): boolean {
  const i = text.indexOf(';');
  return i < 0 || text.slice(i + 1).trim() === '';
}

export interface ReadChannel {
  socket: string;
  close(): Promise<void>;
}

async function answer(db: Db, q: QueryMessage): Promise<AnswerMessage> {
  if (q.parameters.length === 0 && !singleStatement(q.sql))
    return { id: q.id, error: { message: 'one statement per query', code: '42601' } };
  try {
    const r = await db
      .transaction()
      .setAccessMode('read only')
      .execute((tx) => tx.executeQuery(Compiled.raw(q.sql, [...q.parameters])));
    return {
      id: q.id,
      rows: r.rows as Record<string, unknown>[],
      ...(r.numAffectedRows !== undefined ? { numAffectedRows: String(r.numAffectedRows) } : {}),
    };
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    return {
      id: q.id,
      error: { message: (e as Error).message, ...(typeof code === 'string' ? { code } : {}) },
    };
  }
}

function serveConnection(db: Db, conn: Socket): void {
  conn.setEncoding('utf8');
  conn.on('error', () => conn.destroy());
  conn.on(
    'data',
    lineReader((line) => {
      let q: QueryMessage;
      try {
        q = decodeMessage<QueryMessage>(line);
      } catch {
        conn.destroy();
        return;
      }
      void answer(db, q).then((a) => {
        if (!conn.destroyed) conn.write(encodeMessage(a));
      });
    }),
  );
}

/**
 * Starts answering read-only queries on `socket` (a stale socket file there is replaced); `folder`: a private
 * folder made for the socket, removed with it.
 */
export async function listenReadOnly(db: Db, socket: string, folder?: string | null): Promise<ReadChannel> {
  rmSync(socket, { force: true });
  const conns = new Set<Socket>();
  const server: Server = createServer((conn) => {
    conns.add(conn);
    conn.once('close', () => conns.delete(conn));
    serveConnection(db, conn);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, () => {
      server.off('error', reject);
      resolve();
    });
  });
  chmodSync(socket, 0o600);
  return {
    socket,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of conns) c.destroy();
        server.close(() => {
          rmSync(socket, { force: true });
          if (folder) rmSync(folder, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}

/** The server could not be reached (it stopped, or is stopping): the caller may open the folder instead. */
export class ServerGoneError extends ReassessError {
  override name = 'ServerGoneError';
}

class Channel implements DatabaseConnection {
  private next = 1;
  private readonly waiting = new Map<
    number,
    { resolve: (a: AnswerMessage) => void; reject: (e: Error) => void }
  >();
  private closed = false;

  constructor(
    private readonly conn: Socket,
    private readonly server: ServeRecord,
  ) {
    conn.setEncoding('utf8');
    conn.on(
      'data',
      lineReader((line) => {
        const a = decodeMessage<AnswerMessage>(line);
        this.waiting.get(a.id)?.resolve(a);
        this.waiting.delete(a.id);
      }),
    );
    conn.on('error', () => undefined);
    conn.on('close', () => {
      const e = new ReassessError(`${describeServer(server)} stopped while answering; run the command again`);
      if (!this.closed) for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
    });
  }

  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    const id = this.next++;
    const a = await new Promise<AnswerMessage>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.conn.write(encodeMessage({ id, sql: q.sql, parameters: q.parameters }));
    });
    if ('error' in a) {
      if (a.error.code === READ_ONLY_SQL_TRANSACTION)
        throw new LockedError(
          `this command writes to the ledger, which ${describeServer(this.server)} holds; stop the server and run it again`,
        );
      throw Object.assign(new Error(a.error.message), a.error.code ? { code: a.error.code } : {});
    }
    return {
      rows: a.rows as R[],
      ...(a.numAffectedRows !== undefined ? { numAffectedRows: BigInt(a.numAffectedRows) } : {}),
    };
  }

  // biome-ignore lint/correctness/useYield: no streaming over the channel; the throw says so.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries are not available through the server');
  }

  close(): void {
    this.closed = true;
    this.conn.end();
  }
}

class ChannelDriver implements Driver {
  constructor(
    private readonly channel: Channel,
    private readonly server: ServeRecord,
  ) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.channel;
  }
  async beginTransaction(): Promise<void> {
    throw new LockedError(
      `this command writes to the ledger, which ${describeServer(this.server)} holds; stop the server and run it again`,
    );
  }
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {
    this.channel.close();
  }
}

function connect(server: ServeRecord): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const conn = createConnection(server.socket);
    conn.once('connect', () => {
      conn.off('error', onError);
      resolve(conn);
    });
    const onError = (e: NodeJS.ErrnoException) =>
      reject(new ServerGoneError(`${describeServer(server)} does not answer (${e.code ?? e.message})`));
    conn.once('error', onError);
  });
}

/**
 * The ledger of `home` read through its running server. Its schema must be the one this code expects (a server
 * started by an older version is named, with what to do).
 */
export async function openServedLedger(home: string, server: ServeRecord): Promise<Ledger> {
  const channel = new Channel(await connect(server), server);
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new ChannelDriver(channel, server),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  const missing = await missingMigrations(db as Kysely<unknown>).catch(async (e: unknown) => {
    await db.destroy();
    throw e;
  });
  if (missing.length > 0) {
    await db.destroy();
    throw new ReassessError(
      `${describeServer(server)} was started by an older version of reassess (its ledger lacks ${missing.join(', ')}); restart the server, then run the command again`,
    );
  }
  return {
    db,
    raw: new RawStore(join(home, 'raw')),
    backend: 'served',
    home,
    close: () => db.destroy(),
  };
}
