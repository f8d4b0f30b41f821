/** The command line's dispatch: a command name is looked up among its own commands only. */
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';

describe('main', () => {
  it('answers an unknown command, even one named like an object property, with usage and exit code 2', async () => {
    for (const name of ['frobnicate', 'toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      const err: string[] = [];
      const code = await main([name], {}, { out: () => undefined, err: (s) => err.push(s) });
      expect(code, name).toBe(2);
      expect(err.join('\n'), name).toContain(`unknown command "${name}"`);
    }
  });
});
