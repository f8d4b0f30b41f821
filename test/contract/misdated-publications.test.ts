/**
 * A publication's date is judged, not trusted (issue 13): among real-looking lists, a copy of a recent list
 * saved "in 2019" and one saved "in 5025" are quarantined with their reason, and the genuine lists' history is
 * the same as without them (the size gate never judges a genuine list against a misdated one, and a list of 5025
 * never stays the latest).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.ts';
import { listChanges } from '../../src/store/agreements.ts';
import type { Ledger } from '../../src/store/connection.ts';
import { listSnapshots } from '../../src/store/publications.ts';
import { fillerRows, type IceRow, icePublication, openPgliteLedger } from '../support/ledgers.ts';

const NOW = () => new Date('2025-06-01T12:00:00.000Z');
const list = (modified: string, rows: IceRow[]) =>
  icePublication({ kind: 'participating', modified: `${modified}T15:00:00Z`, rows });

const march = fillerRows(15);
const april: IceRow[] = [
  ...fillerRows(30).slice(0, 15),
  ...fillerRows(30, 'TX', 'JEM', '2025-03-20').slice(15),
];
const may: IceRow[] = [...april.slice(1), ...fillerRows(31, 'TX', 'JEM', '2025-04-20').slice(30)];
const genuine = [
  { file: '2025-03-03.xlsx', bytes: list('2025-03-03', march) },
  { file: '2025-04-07.xlsx', bytes: list('2025-04-07', april) },
];
const later = { file: '2025-05-05.xlsx', bytes: list('2025-05-05', may) };
const misdated = [
  { file: 'copy-2019.xlsx', bytes: list('2019-06-01', april) },
  { file: 'copy-5025.xlsx', bytes: list('5025-01-01', april) },
];

const homes: string[] = [];
async function ledgerOf(first: { file: string; bytes: Buffer }[]): Promise<Ledger> {
  const { ledger, home } = await openPgliteLedger();
  homes.push(home);
  await ingest(ledger, first, { now: NOW });
  await ingest(ledger, [later], { now: NOW });
  return ledger;
}

describe('misdated publications', () => {
  const open: Ledger[] = [];
  afterAll(async () => {
    for (const l of open) await l.close();
    const { rmSync } = await import('node:fs');
    for (const h of homes) rmSync(h, { recursive: true, force: true });
  });

  it('quarantines a copy dated 2019 and one dated 5025 with their reason; the genuine history is unchanged', async () => {
    const withBad = await ledgerOf([misdated[0], ...genuine, misdated[1]] as typeof genuine);
    const clean = await ledgerOf(genuine);
    open.push(withBad, clean);
    const snaps = await listSnapshots(withBad.db, 'participating');
    const bad = snaps.filter((s) => s.date === '2019-06-01' || s.date === '5025-01-01');
    expect(bad.map((s) => [s.date, s.status, s.statusReason])).toEqual([
      [
        '2019-06-01',
        'quarantined',
        'implausible date: dated 2019-06-01, but it lists an agreement signed on 2025-03-20',
      ],
      [
        '5025-01-01',
        'quarantined',
        'implausible date: dated 5025-01-01, after today plus 2 days (2025-06-03)',
      ],
    ]);
    const shape = (s: (typeof snaps)[number]) => [s.date, s.status, s.statusReason, s.rows, s.agreements];
    const genuineSnaps = snaps.filter((s) => !bad.includes(s));
    expect(genuineSnaps.map(shape)).toEqual((await listSnapshots(clean.db, 'participating')).map(shape));
    expect(genuineSnaps.map((s) => s.status)).toEqual(['ok', 'ok', 'ok']);
    // Publication numbers differ (the misdated files hold two): each event is compared by its list's date.
    const changes = async (l: Ledger) => {
      const dates = new Map((await listSnapshots(l.db)).map((s) => [s.publication, s.date]));
      return (await listChanges(l.db, '2000-01-01')).map((e) => ({
        ...e,
        publication: dates.get(e.publication),
      }));
    };
    expect(await changes(withBad)).toEqual(await changes(clean));
    expect((await changes(clean)).length).toBeGreaterThan(0);
  });
});
