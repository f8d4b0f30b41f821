/**
 * First run (issue 16): on a ledger with no ICE list, `reassess serve` says in the terminal how to load data, and
 * the home page says the same with the same commands, in both languages (no zeros, no "As of .").
 */
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { stopServing } from '../../src/cli/serve.ts';
import { LOAD_COMMANDS } from '../../src/web/components/empty-ledger.tsx';
import { openPgliteLedger } from '../support/ledgers.ts';

describe('an empty ledger', () => {
  it('explains the commands that load data in the terminal and on the home page', async () => {
    const { ledger, home } = await openPgliteLedger();
    await ledger.close();
    const lines: string[] = [];
    const io = { out: (s: string) => lines.push(s), err: (s: string) => lines.push(s) };
    try {
      const running = main(['serve', '--data-dir', home], { REASSESS_PORT: '0' }, io);
      let url: string | undefined;
      for (let i = 0; i < 600 && !url; i++) {
        await new Promise((r) => setTimeout(r, 100));
        url = /Serving the ledger on (http:\/\/\S+)/.exec(lines.join('\n'))?.[1];
      }
      expect(url, lines.join('\n')).toBeDefined();
      for (let i = 0; i < 50 && !lines.join('\n').includes('then reload'); i++)
        await new Promise((r) => setTimeout(r, 100));
      const said = lines.join('\n');
      for (const c of Object.values(LOAD_COMMANDS)) expect(said).toContain(c);
      const origin = (url as string).replace('localhost', '127.0.0.1');
      for (const prefix of ['', '/es']) {
        const text = await (await fetch(`${origin}${prefix}/`)).text();
        for (const c of Object.values(LOAD_COMMANDS)) expect(text).toContain(`<code>${c}</code>`);
        expect(text).toContain('id="empty-title"');
        expect(text).not.toContain('id="map"');
      }
      stopServing();
      expect(await running).toBe(0);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
