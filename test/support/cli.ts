/** Runs the CLI in this process against one ledger folder (the embedded backend), capturing its output. */
import { main } from '../../src/cli/main.ts';

export function cliFor(home: string) {
  return async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(
      [...args, '--data-dir', home],
      { ...process.env, DATABASE_URL: '' },
      {
        out: (s) => out.push(s),
        err: (s) => err.push(s),
      },
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
}
