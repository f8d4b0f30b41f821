/**
 * A reviewed `same` verdict for two agencies already minted merges them: the later one points at the earlier
 * (`merged_into`), their listings fold into one history, both IDs keep resolving, and the decision leaves the
 * review queue. Decisions themselves are not rewritten.
 */
import { rmSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { AliasEntry } from '../../src/domain/identity.ts';
import { ingest } from '../../src/ingest/ingest.ts';
import { reviewQueue } from '../../src/ingest/review-queue.ts';
import { agencyKey } from '../../src/normalize/agency-name.ts';
import { findAgencies } from '../../src/read/agencies.ts';
import { buildView } from '../../src/read/model.ts';
import { listAgreements } from '../../src/store/agreements.ts';
import type { Ledger } from '../../src/store/connection.ts';
import { fillerRows, type IceRow, icePublication, openPgliteLedger } from '../support/ledgers.ts';

const NOW = () => new Date('2025-04-01T12:00:00.000Z');
const PUTNAM: IceRow = ['FL', 'Putnam County Sheriff Office', 'JEM', '2025-01-06'];
const PALATKA: IceRow = ['FL', 'Palatka Regional Detention Authority', 'JEM', '2025-01-06'];
const list = (date: string, rows: IceRow[]) => ({
  file: `participating-${date}.xlsx`,
  bytes: icePublication({
    kind: 'participating',
    modified: `${date}T15:00:00Z`,
    rows: [...fillerRows(20), ...rows],
  }),
});

const SAME: AliasEntry[] = [
  {
    verdict: 'same',
    a: { state: 'FL', key: agencyKey('Putnam County Sheriff Office', 'FL') },
    b: { state: 'FL', key: agencyKey('Palatka Regional Detention Authority', 'FL') },
    evidence: 'test: the detention authority is the sheriff office renamed',
  },
];

describe('merging agencies already minted', () => {
  let ledger: Ledger;
  let home = '';
  afterAll(async () => {
    await ledger?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('merges the later agency into the earlier one on a reviewed "same" verdict', async () => {
    ({ ledger, home } = await openPgliteLedger());
    const db = ledger.db;
    await ingest(ledger, [list('2025-03-03', [PUTNAM]), list('2025-03-10', [PALATKA])], { now: NOW });
    const [putnam] = await findAgencies(db, 'Putnam County Sheriff Office', 'FL');
    const [palatka] = await findAgencies(db, 'Palatka Regional Detention Authority', 'FL');
    expect(putnam).toBeDefined();
    expect(palatka).toBeDefined();
    expect(palatka).not.toBe(putnam);
    expect((await reviewQueue(db, [])).map((q) => q.name)).toContain('Palatka Regional Detention Authority');
    const before = await db
      .selectFrom('agencies')
      .select('agency_id')
      .where('merged_into', 'is', null)
      .execute();

    // The next list, ingested with the verdict: the history is rebuilt in full with one agency.
    const r = await ingest(ledger, [list('2025-03-17', [PALATKA])], { now: NOW, aliases: SAME });
    expect(r.history?.mode).toBe('full');
    expect(r.history?.agencies).toBe(before.length - 1);
    expect(r.history?.aliasConflicts).toEqual([]);
    const row = await db
      .selectFrom('agencies')
      .select('merged_into')
      .where('agency_id', '=', palatka as string)
      .executeTakeFirstOrThrow();
    expect(row.merged_into).toBe(putnam);
    // Both names now lead to the first agency, whose JEM agreement runs unbroken across the rename.
    expect(await findAgencies(db, 'Palatka Regional Detention Authority', 'FL')).toEqual([putnam]);
    const agreements = (await listAgreements(db)).filter((a) => a.state === 'FL');
    expect(agreements.map((a) => [a.agencyId, a.model, a.status])).toEqual([[putnam, 'JEM', 'active']]);
    expect(agreements[0]?.intervals.map((i) => [i.list, i.from, i.to])).toEqual([
      ['participating', '2025-03-03', '2025-03-17'],
    ]);
    expect(await reviewQueue(db, SAME)).toEqual([]);
    // The merged ID keeps resolving to the agency it was merged into.
    const view = await buildView(db);
    expect(view.details.get(palatka as string)?.agencyId).toBe(putnam);
    expect(view.details.get(putnam as string)?.mergedIds).toEqual([palatka]);
    expect(view.agencies.some((a) => a.agencyId === palatka)).toBe(false);

    // An edited reviewed file takes effect on the next ingest even with no new list: the saved history records
    // the reviewed files it was folded under, and a different record means a rebuild.
    const unchanged = await ingest(ledger, [list('2025-03-17', [PALATKA])], { now: NOW, aliases: SAME });
    expect(unchanged.counts.new).toBe(0);
    expect(unchanged.history).toBeNull();
    const state = await db.selectFrom('history_state').select('data').executeTakeFirstOrThrow();
    const json = gunzipSync(state.data).toString('utf8');
    expect(json).toMatch(/^\{"version":1,"reference":"[0-9a-f]{64}"/);
    await db
      .updateTable('history_state')
      .set({ data: gzipSync(json.replace(/"reference":"[0-9a-f]{64}"/, `"reference":"${'0'.repeat(64)}"`)) })
      .execute();
    const stale = await ingest(ledger, [list('2025-03-17', [PALATKA])], { now: NOW, aliases: SAME });
    expect(stale.counts.new).toBe(0);
    expect(stale.history?.mode).toBe('full');
    expect(stale.history?.agencies).toBe(before.length - 1);
    expect((await ingest(ledger, [], { now: NOW, aliases: SAME })).history).toBeNull();

    // Nothing more to merge: a later ingest with the same verdict changes no agency.
    const again = await ingest(ledger, [list('2025-03-24', [PALATKA])], { now: NOW, aliases: SAME });
    expect(again.history?.mode).toBe('incremental');
    expect(again.history?.agencies).toBe(before.length - 1);
  });

  it('places agencies again when a verdict merges them in a rebuild without a new list', async () => {
    const other = await openPgliteLedger();
    try {
      const db = other.ledger.db;
      const lists = [list('2025-03-03', [PUTNAM]), list('2025-03-10', [PALATKA])];
      await ingest(other.ledger, lists, { now: NOW, aliases: [] });
      const [putnam] = await findAgencies(db, 'Putnam County Sheriff Office', 'FL');
      const [palatka] = await findAgencies(db, 'Palatka Regional Detention Authority', 'FL');
      const placed = async () =>
        new Map(
          (await db.selectFrom('placements').select(['agency_id', 'name']).execute()).map((p) => [
            p.agency_id,
            p.name,
          ]),
        );
      expect((await placed()).has(palatka as string)).toBe(true);
      // The reviewed file changed (as the stored history's reference says): the next ingest, with no new list,
      // rebuilds the history with the merge, and the placements follow.
      const state = await db.selectFrom('history_state').select('data').executeTakeFirstOrThrow();
      const json = gunzipSync(state.data).toString('utf8');
      await db
        .updateTable('history_state')
        .set({
          data: gzipSync(json.replace(/"reference":"[0-9a-f]{64}"/, `"reference":"${'0'.repeat(64)}"`)),
        })
        .execute();
      const r = await ingest(other.ledger, lists.slice(1), { now: NOW, aliases: SAME });
      expect(r.counts.new).toBe(0);
      expect(r.history?.mode).toBe('full');
      const after = await placed();
      expect(after.has(palatka as string)).toBe(false);
      expect(after.get(putnam as string)).toBe('Palatka Regional Detention Authority');
    } finally {
      await other.ledger.close();
      rmSync(other.home, { recursive: true, force: true });
    }
  });
});
