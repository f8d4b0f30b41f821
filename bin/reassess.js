#!/usr/bin/env node
// Runs the TypeScript CLI in this process through tsx's loader (Node 20 cannot strip types itself).
import { register } from 'tsx/esm/api';

register();
// `reassess snapshots --json | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
