/**
 * Child process for test/process/ledger-folder.test.ts: opens the embedded ledger in the folder given as argv[2], prints
 * `ready <pid>` on stdout, and holds it until stdin closes or it gets SIGTERM; then closes the ledger and exits.
 */
import { openLedger } from '../../src/store/connection.ts';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: hold-ledger.ts DIR');
  process.exit(2);
}
const ledger = await openLedger({ home: dir });
process.stdout.write(`ready ${process.pid}\n`);
const keepAlive = setInterval(() => undefined, 60_000);
let closing = false;
const stop = async () => {
  if (closing) return;
  closing = true;
  clearInterval(keepAlive);
  await ledger.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
