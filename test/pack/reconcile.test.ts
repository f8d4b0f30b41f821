/**
 * Honest status over the real lists (issue 14, item 4): the agreements active on the date of ICE's latest
 * participating list reconcile with its rows — rows, less duplicate rows and rows naming no agreement, plus the
 * agreements missing from it inside the grace rule — and the sum is exact. FDEP's TFM, printed on two rows from
 * 2025-07-15 to 2025-07-28, is one agreement. With REASSESS_DATA set the pack must be there (a missing file fails);
 * without it, a generated world with a duplicate row and an agreement in grace.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildHistory } from '../../src/history/build.ts';
import { type Reconciliation, reconcile, reconciles } from '../../src/history/reconcile.ts';
import type { HistoryOutput, PubIn } from '../../src/history/types.ts';
import {
  duplicateRow,
  listsOf,
  missingOn,
  steadyRows,
  type WorldRow,
  worldPubs,
} from '../fixtures/relabel-world.ts';
import { packDir } from '../support/pack.ts';
import { packPubs } from '../support/pack-pubs.ts';

const real = packDir() !== null;

function generatedPubs(): PubIn[] {
  const dates = ['2025-07-01', '2025-07-08', '2025-07-15', '2025-07-22', '2025-07-29'];
  const fdep: WorldRow = { state: 'FL', agency: 'FDEP', model: 'TFM', signed: '2025-04-24', doc: 'fdep.pdf' };
  const gone: WorldRow = { ...fdep, agency: 'Gone County Sheriff', doc: 'gone.pdf' };
  let lists = listsOf(dates, [...steadyRows(20), fdep, gone]);
  lists = duplicateRow(lists, '2025-07-29', '2025-07-29', {
    ...fdep,
    agency: 'FDEP Division of Law Enforcement',
  });
  return worldPubs(missingOn(lists, ['2025-07-29'], gone));
}

/** The reconciliation on the date of the latest participating list that the fold applied. */
function latest(pubs: PubIn[], h: HistoryOutput): Reconciliation {
  const applied = pubs.filter((p) => p.kind === 'participating' && h.statuses.get(p.id)?.status === 'ok');
  const last = applied.sort((a, b) => (a.asOf < b.asOf ? -1 : 1))[applied.length - 1] as PubIn;
  const on = last.asOfDate;
  const active = h.agreements.filter((a) =>
    a.intervals.some((i) => i.list === 'participating' && i.from <= on && (i.to >= on || i.open)),
  );
  return reconcile(
    on,
    on,
    h.refs.filter((r) => r.publication === last.id),
    active,
  );
}

describe(`the reconciliation on the ${real ? 'real' : 'generated'} lists`, () => {
  let pubs: PubIn[];
  let h: HistoryOutput;
  beforeAll(() => {
    pubs = real ? packPubs() : generatedPubs();
    h = buildHistory({ pubs, decisions: [], agencies: [], aliases: [], knownBad: [] });
  }, 600_000);

  it('sums exactly: active agreements against ICE’s rows on the latest list', () => {
    const r = latest(pubs, h);
    expect(reconciles(r)).toBe(true);
    expect(r.onListNotActive).toBe(0);
    if (!real) {
      expect(r).toMatchObject({ rows: 22, duplicateRows: 1, onList: 21, inGrace: 1, active: 22 });
      return;
    }
    expect(r).toMatchObject({ on: '2026-05-18', rows: 1843, duplicateRows: 0, rowsWithoutAgreement: 0 });
    expect([r.onList, r.inGrace, r.active]).toEqual([1843, 3, 1846]);
  });

  it('counts FDEP’s TFM once while ICE printed it on two rows', () => {
    const fdep = h.agreements.filter(
      (a) => a.state === 'FL' && /Environmental Protection|^FDEP/.test(a.name),
    );
    expect(fdep.map((a) => a.status)).toEqual(['active']);
    expect(h.events.filter((e) => e.kind === 'removed' && e.agreementId === fdep[0]?.agreementId)).toEqual(
      [],
    );
  });
});
