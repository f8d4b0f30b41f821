/**
 * `npm start` on a new (empty) ledger: sync from ICE's page, then recover the past lists from the Wayback Machine;
 * on a ledger that already holds lists, no backfill. Fake ICE and archive servers on 127.0.0.1.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { miniParticipating, miniPending, startFakeIce, startFakeWayback } from '../support/fake-servers.ts';
import { tempDir } from '../support/ledgers.ts';

const dir = tempDir('reassess-start-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reassess start', () => {
  it('backfills from the archive when the ledger was empty, and only then', async () => {
    const ice = await startFakeIce({
      participating: miniParticipating('now'),
      pending: miniPending('now'),
      moas: false,
    });
    const old = miniParticipating('old');
    const wayback = await startFakeWayback([
      {
        timestamp: '20250301120000',
        original: 'https://www.ice.gov/doclib/about/offices/ero/287g/participatingAgencies03012025am.xlsx',
        body: old,
      },
    ]);
    const env = {
      REASSESS_ICE_PAGE_URL: ice.pageUrl,
      REASSESS_CDX_URL: wayback.cdxBase,
      REASSESS_WAYBACK_URL: wayback.waybackBase,
      REASSESS_REQUEST_DELAY_MS: '0',
      REASSESS_RETRIES: '0',
      REASSESS_NO_SERVE: '1',
    };
    const lines: string[] = [];
    const io = { out: (s: string) => lines.push(s), err: (s: string) => lines.push(s) };
    const home = join(dir, 'ledger');
    try {
      expect(await main(['start', '--data-dir', home, '--no-moas', '--no-references'], env, io)).toBe(0);
      const first = lines.join('\n');
      expect(first).toContain('The ledger was empty: recovering past ICE lists');
      expect(first).toMatch(/backfill: 1 workbook\(s\) ingested/);
      expect(wayback.queries.length).toBeGreaterThan(0);

      lines.length = 0;
      const queries = wayback.queries.length;
      expect(await main(['start', '--data-dir', home, '--no-moas', '--no-references'], env, io)).toBe(0);
      expect(lines.join('\n')).not.toContain('recovering past ICE lists');
      expect(wayback.queries.length).toBe(queries);
    } finally {
      await ice.server.close();
      await wayback.server.close();
    }
  });
});
