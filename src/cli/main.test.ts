/** The command line's dispatch and its checks of option values, made before any ledger is opened. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main.ts';

const root = mkdtempSync(join(tmpdir(), 'reassess-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function run(argv: string[]) {
  const err: string[] = [];
  const code = await main(argv, {}, { out: () => undefined, err: (s) => err.push(s) });
  return { code, err: err.join('\n') };
}

describe('main', () => {
  it('answers an unknown command, even one named like an object property, with usage and exit code 2', async () => {
    for (const name of ['frobnicate', 'toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      const r = await run([name]);
      expect(r.code, name).toBe(2);
      expect(r.err, name).toContain(`unknown command "${name}"`);
    }
  });

  it('refuses a bad option value with a usage error naming the option, before opening any ledger', async () => {
    const cases: [string[], string][] = [
      [['agreements', '--active-on', '2026-02-30'], '--active-on needs a date'],
      [
        ['agreements', '--status', 'constructor'],
        '--status must be one of pending, active, removed, superseded',
      ],
      [['agreements', '--state', '__proto__'], '--state: not a U.S. state or territory: __proto__'],
      [['changes', '--since', '2026-05-01', '--state', 'ZZ'], '--state: not a U.S. state or territory: ZZ'],
      [['changes', '--since', '2026-05-01', '--kind', 'toString'], '--kind must be one of added, removed'],
      [['changes', '--since', '2026-13-01'], 'changes needs --since YYYY-MM-DD'],
      [['counties', '--state', 'toString'], '--state: not a U.S. state or territory'],
      [['places', '--state', 'zz'], '--state: not a U.S. state or territory: zz'],
      [['agency', 'sheriff', '--state', 'constructor'], '--state: not a U.S. state or territory'],
      [['snapshots', '--kind', '__proto__'], '--kind must be one of participating, pending'],
      [['diff', '2025-02-29', '2025-03-01'], 'diff needs two dates'],
      [['backfill', '--limit=-5'], '--limit must be a whole number of at least 1, not "-5"'],
      [['backfill', '--limit', '1.5'], '--limit must be a whole number of at least 1'],
      [['documents', '--state', 'ZZ'], '--state: not a U.S. state or territory: ZZ'],
      [
        ['documents', 'search', 'complaint', '--model', 'XYZ'],
        '--model must be one of JEM, WSO, TFM, not "XYZ"',
      ],
      [
        ['documents', 'search', 'complaint', '--limit', 'abc'],
        '--limit must be a whole number of at least 1',
      ],
      [['documents', 'search', 'complaint', '--year', 'abc'], '--year must be a year like 2025'],
    ];
    for (const [argv, message] of cases) {
      const home = join(root, argv.join('_').replace(/[^a-z0-9_-]/gi, ''));
      const r = await run([...argv, '--data-dir', home]);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toContain(message);
      expect(existsSync(home), argv.join(' ')).toBe(false);
    }
  });
});
