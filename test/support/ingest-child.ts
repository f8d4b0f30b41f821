/**
 * Child process for test/process/ledger-folder.test.ts: ingests the given workbook files into the embedded ledger in DIR. At the
 * checkpoint stage STAGE (inside the ingest transaction) it writes MARKER (its pid) and then waits forever, so
 * the parent can SIGKILL it mid-ingest.
 *
 * usage: ingest-child.ts DIR MARKER STAGE FILE...
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { ingest } from '../../src/ingest/ingest.ts';
import { openLedger } from '../../src/store/connection.ts';

const [dir, marker, stage, ...files] = process.argv.slice(2);
if (!dir || !marker || !stage || files.length === 0) {
  console.error('usage: ingest-child.ts DIR MARKER STAGE FILE...');
  process.exit(2);
}
const ledger = await openLedger({ home: dir });
await ingest(
  ledger,
  files.map((f) => ({ file: f, bytes: readFileSync(f) })),
  {
    now: () => new Date('2025-04-02T12:00:00.000Z'),
    checkpoint: async (s) => {
      if (s !== stage) return;
      writeFileSync(marker, `${process.pid}\n`);
      // Hold the transaction open until killed.
      await new Promise<never>(() => {
        setInterval(() => undefined, 60_000);
      });
    },
  },
);
await ledger.close();
console.error(`ingest-child: stage ${stage} was never reached`);
process.exit(1);
