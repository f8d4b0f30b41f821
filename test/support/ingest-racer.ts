/**
 * Child process for test/process/concurrent-ingest.test.ts: waits for the instant START_AT (the same for every
 * racer, so they all start together), opens the ledger (PostgreSQL when DATABASE_URL is set, else the embedded
 * ledger in HOME) and ingests FILE with a fixed clock. An embedded ledger held by another racer is tried again
 * after a short random pause, as a script would (`until reassess ingest FILE; do sleep 0.1; done`). Prints one
 * JSON line: the run's number and how many times the folder was found locked. Exit code 0 when ingested, 1 for
 * anything else (on stderr).
 *
 * usage: ingest-racer.ts HOME START_AT FILE
 */
import { readFileSync } from 'node:fs';
import { LockedError } from '../../src/domain/errors.ts';
import { ingest } from '../../src/ingest/ingest.ts';
import { type Ledger, openLedger } from '../../src/store/connection.ts';

const [home, startArg, file] = process.argv.slice(2);
if (!home || !startArg || !file) {
  console.error('usage: ingest-racer.ts HOME START_AT FILE');
  process.exit(2);
}
const bytes = readFileSync(file);
const wait = Number(startArg) - Date.now();
if (wait > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function open(): Promise<{ ledger: Ledger; refused: number }> {
  const giveUp = Date.now() + 300_000;
  for (let refused = 0; ; refused++) {
    try {
      const ledger = await openLedger({
        home: home as string,
        databaseUrl: process.env.DATABASE_URL || undefined,
        command: 'ingest',
      });
      return { ledger, refused };
    } catch (e) {
      if (!(e instanceof LockedError) || Date.now() > giveUp) throw e;
      await pause(50 + Math.floor(Math.random() * 200));
    }
  }
}

try {
  const { ledger, refused } = await open();
  try {
    const report = await ingest(ledger, [{ file, bytes }], {
      now: () => new Date('2025-04-02T12:00:00.000Z'),
    });
    process.stdout.write(`${JSON.stringify({ run: report.run, refused })}\n`);
  } finally {
    await ledger.close();
  }
} catch (e) {
  console.error((e as Error).stack ?? String(e));
  process.exit(1);
}
