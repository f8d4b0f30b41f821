/**
 * Identity patterns of issue 14 as fixture histories with golden outputs: a duplicate row (one agreement printed
 * on two rows of one list under two labels, as ICE did for FDEP's TFM), and an agreement missing from lists, first
 * in a gap it returns from, then at the end inside the grace rule ("not on the latest list"). Each golden holds the
 * agreements, the events, and the reconciliation of the last list with the active count.
 */
import { describe, expect, it } from 'vitest';
import { inGraceOn } from '../../src/domain/agreement.ts';
import { buildHistory } from '../../src/history/build.ts';
import { reconcile, reconciles } from '../../src/history/reconcile.ts';
import {
  duplicateRow,
  listsOf,
  missingOn,
  steadyRows,
  type WorldList,
  type WorldRow,
  worldPubs,
} from '../fixtures/relabel-world.ts';
import { checkGolden } from '../support/golden.ts';

const DIR = import.meta.dirname;
const DATES = [
  '2025-07-01',
  '2025-07-08',
  '2025-07-15',
  '2025-07-22',
  '2025-07-29',
  '2025-08-05',
  '2025-08-12',
];
const STEADY = steadyRows(20);
const FDEP: WorldRow = {
  state: 'FL',
  agency: 'Florida Department of Environmental Protection',
  model: 'TFM',
  signed: '2025-04-24',
  doc: 'FloridaDeptEnvironProtectDivLawEnf_TFM_MOA_04252025.pdf',
};

function fold(lists: WorldList[]) {
  const pubs = worldPubs(lists);
  const h = buildHistory({ pubs, decisions: [], agencies: [], aliases: [], knownBad: [] });
  const last = pubs[pubs.length - 1];
  const on = last?.asOfDate ?? '';
  const active = h.agreements.filter((a) =>
    a.intervals.some((i) => i.list === 'participating' && i.from <= on && (i.to >= on || i.open)),
  );
  const refs = h.refs.filter((r) => r.publication === last?.id);
  return {
    h,
    golden: {
      agreements: h.agreements
        .filter((a) => a.state !== 'TX')
        .map((a) => ({
          id: a.agreementId,
          name: a.name,
          status: a.status,
          notOnLatestList: a.status === 'active' && inGraceOn(a.intervals, on),
          intervals: a.intervals.map((i) => [i.list, i.from, i.to, i.open, i.gaps]),
        })),
      events: h.events
        .filter((e) => e.kind !== 'added' || e.date !== DATES[0])
        .map((e) => [e.date, e.kind, e.agreementId, e.details]),
      duplicateRows: refs.filter((r) => r.duplicate).map((r) => [r.row, r.name, r.agreementId]),
      reconciliation: reconcile(on, on, refs, active),
    },
  };
}

describe('a duplicate row (FDEP printed twice for two weeks, then under its new label)', () => {
  const dle = { ...FDEP, agency: `${FDEP.agency}, Division of Law Enforcement`, signed: '2025-02-14' };
  let lists = duplicateRow(listsOf(DATES, [...STEADY, FDEP]), '2025-07-15', '2025-07-22', dle);
  lists = missingOn(lists, ['2025-07-29', '2025-08-05', '2025-08-12'], FDEP);
  lists = duplicateRow(lists, '2025-07-29', '2025-08-12', { ...dle, signed: FDEP.signed });
  const { h, golden } = fold(lists);

  it('is one agreement, counted once on each list, never removed', () => {
    const fl = h.agreements.filter((a) => a.state === 'FL');
    expect(fl).toHaveLength(1);
    expect([fl[0]?.status, fl[0]?.firstListed, fl[0]?.lastListed]).toEqual(['active', DATES[0], DATES[6]]);
    expect(h.events.filter((e) => e.kind === 'removed')).toEqual([]);
    expect(h.refs.filter((r) => r.duplicate).map((r) => r.agreementId)).toEqual([
      fl[0]?.agreementId,
      fl[0]?.agreementId,
    ]);
    for (const [id, s] of h.summaries) expect(s.agreements, `publication ${id}`).toBe(21);
    expect(reconciles(golden.reconciliation)).toBe(true);
    checkGolden(DIR, 'identity-duplicate-row', golden);
  });

  it('two labels on one document with other signed dates and unrelated names stay two agreements', () => {
    const sebastian: WorldRow = { ...FDEP, agency: 'Sebastian Police Department', signed: '2025-04-15' };
    const { h: two } = fold(listsOf(DATES, [...STEADY, FDEP, sebastian]));
    expect(two.agreements.filter((a) => a.state === 'FL')).toHaveLength(2);
    expect(two.refs.filter((r) => r.duplicate)).toEqual([]);
  });
});

describe('grace and return', () => {
  const gone: WorldRow = {
    ...FDEP,
    agency: 'Garrett County Sheriff Office',
    state: 'MD',
    model: 'WSO',
    doc: 'garrett.pdf',
  };
  const back: WorldRow = { ...gone, agency: 'Washington County Sheriff Office', doc: 'washington.pdf' };
  // `back` misses two lists and returns; `gone` misses the last two lists: still active, not on the latest list.
  let lists = listsOf(DATES, [...STEADY, gone, back]);
  lists = missingOn(lists, ['2025-07-15', '2025-07-22'], back);
  lists = missingOn(lists, ['2025-08-05', '2025-08-12'], gone);
  const { golden } = fold(lists);

  it('counts the agreement in grace as active, flagged, and reconciles with the rows', () => {
    const flags = Object.fromEntries(golden.agreements.map((a) => [a.name, [a.status, a.notOnLatestList]]));
    expect(flags).toEqual({ [gone.agency]: ['active', true], [back.agency]: ['active', false] });
    expect(golden.reconciliation).toMatchObject({ rows: 21, onList: 21, inGrace: 1, active: 22 });
    expect(reconciles(golden.reconciliation)).toBe(true);
    checkGolden(DIR, 'identity-grace-return', golden);
  });
});
