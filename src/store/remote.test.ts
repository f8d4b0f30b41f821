import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LockedError } from '../domain/errors.ts';
import { type Ledger, openLedger } from './connection.ts';
import {
  listenReadOnly,
  openServedLedger,
  type ReadChannel,
  ServerGoneError,
  singleStatement,
} from './remote.ts';
import { decodeValue, encodeValue, lineReader } from './remote-codec.ts';
import { type ServeRecord, socketPathFor } from './served.ts';

describe('the wire codec', () => {
  it('carries every value a row or a parameter holds, as it was', () => {
    const v = {
      s: 'a\nb',
      n: 1.5,
      nan: Number.NaN,
      inf: Number.NEGATIVE_INFINITY,
      b: true,
      z: null,
      u: undefined,
      big: 12345678901234567890n,
      d: new Date('2025-03-31T12:00:00.000Z'),
      bytes: Buffer.from([0, 1, 255]),
      list: [1, 'x', { $bytes: 'not a tag: a stored key' }],
      json: { $date: 'also stored text', other: 1 },
    };
    const back = decodeValue(JSON.parse(JSON.stringify(encodeValue(v)))) as typeof v;
    expect(back).toEqual(v);
    expect(Buffer.isBuffer(back.bytes)).toBe(true);
    expect(back.d).toBeInstanceOf(Date);
  });

  it('splits a stream into lines wherever the chunks break', () => {
    const lines: string[] = [];
    const read = lineReader((l) => lines.push(l));
    for (const c of ['{"a":', '1}\n{"b"', ':2}\n', '\n{"c":3}\n']) read(c);
    expect(lines).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
  });

  it('takes one statement, not several', () => {
    expect(singleStatement('select 1')).toBe(true);
    expect(singleStatement('select 1;  ')).toBe(true);
    expect(singleStatement('select 1; commit; drop table agencies')).toBe(false);
  });
});

describe('reading a ledger through its server', () => {
  let home: string;
  let ledger: Ledger;
  let channel: ReadChannel;
  let record: ServeRecord;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'reassess-remote-'));
    ledger = await openLedger({ home });
    const { socket, folder } = socketPathFor(home);
    channel = await listenReadOnly(ledger.db, socket, folder);
    record = { pid: process.pid, start: null, socket, url: null, since: '' };
  });
  afterAll(async () => {
    await channel.close();
    await ledger.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('answers reads with the rows the ledger itself gives, on a socket only its owner can open', async () => {
    expect(statSync(channel.socket).mode & 0o777).toBe(0o600);
    const served = await openServedLedger(home, record);
    try {
      expect(served.backend).toBe('served');
      const q = sql<{
        n: number;
        d: string;
        t: string[];
      }>`select ${41}::int + 1 as n, ${'2025-03-31'}::date as d, array['a','b'] as t`;
      expect((await q.execute(served.db)).rows).toEqual((await q.execute(ledger.db)).rows);
      expect(await served.db.selectFrom('publications').selectAll().execute()).toEqual(
        await ledger.db.selectFrom('publications').selectAll().execute(),
      );
    } finally {
      await served.close();
    }
  });

  it('refuses writes, transactions and stacked statements, and stays usable', async () => {
    const served = await openServedLedger(home, record);
    try {
      await expect(sql`create table intruder (x int)`.execute(served.db)).rejects.toBeInstanceOf(LockedError);
      await expect(
        sql`insert into runs (command, started_at) values (${'ingest'}, now())`.execute(served.db),
      ).rejects.toBeInstanceOf(LockedError);
      await expect(served.db.transaction().execute(async () => 1)).rejects.toBeInstanceOf(LockedError);
      await expect(
        sql.raw('select 1; commit; create table intruder (x int)').execute(served.db),
      ).rejects.toThrow(/one statement/);
      expect((await sql<{ one: number }>`select 1 as one`.execute(served.db)).rows).toEqual([{ one: 1 }]);
      const tables = await sql<{
        n: string;
      }>`select count(*) as n from pg_tables where tablename = 'intruder'`.execute(ledger.db);
      expect(tables.rows[0]?.n).toBe('0');
    } finally {
      await served.close();
    }
  });

  it('says the server is gone when its socket does not answer', async () => {
    await expect(
      openServedLedger(home, { ...record, socket: join(home, 'nobody.sock') }),
    ).rejects.toBeInstanceOf(ServerGoneError);
  });
});
