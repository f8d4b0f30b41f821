import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_NOW, fixtureLedger } from '../../test/support/api-fixture.ts';
import { ingest } from '../ingest/ingest.ts';
import type { Ledger } from '../store/connection.ts';
import { LedgerViews } from './model-cache.ts';
import { ledgerVersion } from './version.ts';

let ledger: Ledger;
let dispose: () => Promise<void>;

beforeAll(async () => {
  ({ ledger, dispose } = await fixtureLedger());
});

afterAll(async () => {
  await dispose?.();
});

describe('the read model cache', () => {
  it('reuses the model of a version, and builds a new one after a new run', async () => {
    const views = new LedgerViews(ledger.db, 0);
    const first = await views.current();
    expect(first.version).toBe(await ledgerVersion(ledger.db));
    expect(await views.current()).toBe(first);
    expect(await views.refresh()).toBe(first);
    // Parts built on first use are built once per model.
    expect(await first.site()).toBe(await first.site());

    await ingest(ledger, [], { now: FIXTURE_NOW });
    const second = await views.refresh();
    expect(second).not.toBe(first);
    expect(Number(second.version)).toBeGreaterThan(Number(first.version));
    expect(second.version).toBe(await ledgerVersion(ledger.db));
    expect(await views.refresh()).toBe(second);
    expect(await views.current()).toBe(second);
    expect(await second.site()).not.toBe(await first.site());
  });
});
