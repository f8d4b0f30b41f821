/**
 * A stop-analysis harness for tests: a fresh embedded ledger in a temporary folder, its DuckDB file beside it,
 * a pinned clock and a silent logger (collected), closed and removed by `close()`.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnalyzeDeps } from '../../src/analyze/deps.ts';
import { openLedger } from '../../src/store/connection.ts';
import { openStopsDb } from '../../src/store/stops/duck.ts';
import { tempDir } from './ledgers.ts';

export interface StopsHarness {
  deps: AnalyzeDeps;
  home: string;
  logs: string[];
  /** Writes a file into the temporary folder and returns its path. */
  file(name: string, content: string | Uint8Array): string;
  close(): Promise<void>;
}

export const FIXED_NOW = new Date('2026-12-07T12:00:00Z');

export async function stopsHarness(): Promise<StopsHarness> {
  const home = tempDir('reassess-stops-');
  const ledger = await openLedger({ home });
  const duck = await openStopsDb({ path: join(home, 'stops.duckdb'), memoryLimit: '512MB', threads: 1 });
  const logs: string[] = [];
  return {
    deps: { ledger, duck, now: () => FIXED_NOW, log: (m) => logs.push(m) },
    home,
    logs,
    file(name, content) {
      const p = join(home, name);
      writeFileSync(p, content);
      return p;
    },
    async close() {
      duck.close();
      await ledger.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
