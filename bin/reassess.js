#!/usr/bin/env node
// The `reassess` command. Runs the compiled JavaScript in build/ (made by `npm ci` / `npm run build`) when it is
// newer than every file of src/; otherwise runs src/ through tsx's loader (Node 20 cannot strip types itself), so
// an edited tree never runs a stale build. The compiled path starts in about two thirds of the time.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const command = process.argv[2];

/**
 * Two commands run with a larger young generation, in a child process started with the flag (V8 reads it only at
 * start): the server (`serve`, `start`: fewer garbage-collection pauses under load, measured in bench/api.ts:
 * about a third more requests per second and a lower p99) and `publish` (it renders ten thousand pages into
 * short-lived strings: about a sixth less CPU time over the pack, measured with `npm run bench -- --publish`,
 * docs/performance.md). Other commands keep Node's default, which uses less memory.
 */
const YOUNG_FLAGS = {
  serve: '--max-semi-space-size=32',
  start: '--max-semi-space-size=32',
  publish: '--max-semi-space-size=64',
};
const flag = Object.hasOwn(YOUNG_FLAGS, command ?? '') ? YOUNG_FLAGS[command] : undefined;
if (flag && !process.execArgv.some((a) => a.startsWith('--max-semi-space-size'))) {
  const child = spawn(
    process.execPath,
    [flag, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    {
      stdio: 'inherit',
    },
  );
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else await run();

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

async function run() {
  const stamp = join(root, 'build', 'STAMP');
  const fresh =
    process.env.REASSESS_NO_BUILD !== '1' &&
    existsSync(stamp) &&
    statSync(stamp).mtimeMs >= newest(join(root, 'src'));
  if (!fresh) (await import('tsx/esm/api')).register();
  // `reassess snapshots --json | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const { main } = await import(fresh ? '../build/src/cli/main.js' : '../src/cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
}
