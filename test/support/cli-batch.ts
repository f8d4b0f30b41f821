/**
 * Child process for test/process/serve-reads.test.ts: runs the CLI's main() once per command line given (a JSON
 * array of argument arrays), one after the other in this one process (cheaper than a process per command), and
 * prints one JSON array of { args, code, out, err }.
 *
 * usage: cli-batch.ts '[["agreements","--data-dir","DIR"], ...]'
 */
import { main } from '../../src/cli/main.ts';

const lines = JSON.parse(process.argv[2] ?? '[]') as string[][];
const results: { args: string[]; code: number; out: string; err: string }[] = [];
for (const args of lines) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, process.env, { out: (s) => out.push(s), err: (s) => err.push(s) });
  results.push({ args, code, out: out.join('\n'), err: err.join('\n') });
}
process.stdout.write(`${JSON.stringify(results)}\n`);
