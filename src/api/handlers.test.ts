import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_NOW, fixtureLedger } from '../../test/support/api-fixture.ts';
import { buildView, type LedgerView } from '../read/model.ts';
import type { Ledger } from '../store/connection.ts';
import { meta } from './envelope.ts';
import { searchJson } from './handlers.ts';

let ledger: Ledger;
let dispose: () => Promise<void>;
let view: LedgerView;

beforeAll(async () => {
  ({ ledger, dispose } = await fixtureLedger());
  view = await buildView(ledger.db, { now: FIXTURE_NOW });
});

afterAll(async () => {
  await dispose?.();
});

describe('the search answer', () => {
  it('is the hits and meta serialized afresh, byte for byte (entries serialized once)', () => {
    for (const q of ['st johns', 'gulfprot police', 'county', 'harris county tx', 'marion', 'fl', 'zzzzqqqq'])
      for (const [p, options] of [
        [{ q, limit: 20 }, { limit: 20 }],
        [
          { q, limit: 3, state: 'fl' },
          { limit: 3, state: 'FL' },
        ],
        [
          { q, limit: 50, type: 'county' },
          { limit: 50, types: ['county'] },
        ],
      ] as const) {
        const hits = view.search.search(p.q, options);
        const fresh = JSON.stringify({ data: hits, meta: meta(view, { geo: true, count: hits.length }) });
        // Twice: the second answer reuses the entries' JSON made by the first.
        expect(searchJson(view, p), JSON.stringify(p)).toBe(fresh);
        expect(searchJson(view, p), JSON.stringify(p)).toBe(fresh);
      }
  });
});
