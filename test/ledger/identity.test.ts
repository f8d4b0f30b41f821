/**
 * Re-signings and names as evidence (issue 14, items 2 and 3) on a real ledger, on both backends (PostgreSQL when
 * TEST_DATABASE_URL is set): the identity worlds (test/fixtures/identity-world.ts) as ICE-like workbooks, ingested
 * at once and one list at a time. The stored history has the re-signing as a `re-signed` event naming both
 * documents, the lapse as a removal and a new agreement, one agency for the typo run and the two spellings, and
 * each decision with its method and reason; an incremental ledger equals the rebuilt one.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.ts';
import { listAgreements, listChanges } from '../../src/store/agreements.ts';
import type { Ledger } from '../../src/store/connection.ts';
import { refsOf } from '../../src/store/publications.ts';
import {
  resignAfterLapse,
  resignInsideGrace,
  standInThenDocument,
  twoSpellings,
  typoRun,
} from '../fixtures/identity-world.ts';
import { type WorldList, worldWorkbooks } from '../fixtures/relabel-world.ts';
import { pgliteTarget, postgresDatabase, type TargetFactory, testDatabaseUrl } from '../support/ledgers.ts';

const NOW = () => new Date('2026-06-01T12:00:00.000Z');

/** The worlds side by side (same dates; a shorter world keeps its last list). */
function combined(): WorldList[] {
  const worlds = [resignAfterLapse(), resignInsideGrace(), typoRun(), twoSpellings()];
  const dates = [...new Set(worlds.flatMap((w) => w.map((l) => l.date)))].sort();
  return dates.map((date) => ({
    date,
    rows: worlds.flatMap((w, k) => {
      const l = w.find((x) => x.date === date) ?? w[w.length - 1];
      return (l?.rows ?? []).filter((r) => k === 0 || !r.agency.startsWith('Steady '));
    }),
  }));
}
const WORKBOOKS = worldWorkbooks(combined());

async function derived(l: Ledger) {
  const agreements = (await listAgreements(l.db)).filter(
    (a) => a.state !== 'TX' || a.name.startsWith('Walker'),
  );
  const events = (await listChanges(l.db, '2000-01-01')).filter((e) => !e.name?.startsWith('Steady '));
  const decisions = await l.db
    .selectFrom('identity_decisions')
    .select(['state', 'name_key', 'agency_id', 'method', 'explanation'])
    .where('name_key', 'not like', 'steady%')
    .orderBy('name_key')
    .execute();
  return {
    agreements: agreements
      .map((a) => [a.agreementId, a.agencyId, a.model, a.status, a.name, a.signed, a.supersedes, a.moaUrl])
      .sort(),
    events: events.map((e) => [e.date, e.kind, e.agreementId, e.details]),
    decisions: decisions.map((d) => [d.name_key, d.agency_id, d.method, d.explanation]),
  };
}

function identity(name: string, open: TargetFactory): void {
  describe(`re-signings and names on ${name}`, () => {
    it('keep re-signings apart, names together, and the same history at once and one list at a time', async () => {
      const target = await open();
      const l = await target.open();
      try {
        await ingest(l, WORKBOOKS, { now: NOW });
        const got = await derived(l);
        const resigned = got.events.filter((e) => e[1] === 're-signed');
        expect(resigned.map((e) => (e[3] as Record<string, unknown>).previousDocument)).toEqual([
          'bradleycosheriffsofficetn_jem_moa_06.03.2025.pdf',
        ]);
        const removed = got.events.filter((e) => e[1] === 'removed').map((e) => e[2]);
        const franklin = got.agreements
          .filter((a) => a[4] === "Franklin County Sheriff's Office")
          .sort((x, y) => String(x[3]).localeCompare(String(y[3])));
        expect(franklin.map((a) => [a[3], a[5], a[6]])).toEqual([
          ['active', '2025-11-06', null],
          ['removed', '2025-03-25', null],
        ]);
        expect(removed).toEqual(franklin.filter((a) => a[3] === 'removed').map((a) => a[0]));
        const methods = new Map(got.decisions.map((d) => [d[0], d[2]]));
        expect(methods.get('okfusfee county sheriffs office')).toBe('spelling');
        expect(methods.get('walker county sheriffs office')).toBe('variant');

        const other = await open();
        const o = await other.open();
        try {
          for (const w of WORKBOOKS) await ingest(o, [w], { now: NOW });
          expect(await derived(o)).toEqual(got);
        } finally {
          await o.close();
          await other.dispose();
        }
      } finally {
        await l.close();
        await target.dispose();
      }
    });
  });
}

/** Workbooks in the order ICE published them: by date, the pending list first (relabel-world's file names). */
function byDate<T extends { file: string }>(workbooks: T[]): T[] {
  const key = (w: T) => `${w.file.replace(/^\w+-/, '')}|${w.file.startsWith('pending') ? 0 : 1}`;
  return [...workbooks].sort((a, b) => key(a).localeCompare(key(b)));
}

/** Pinal County AZ's pattern (a pending agreement signed under a stand-in label, then its own): at once and one list at a time. */
function standIn(name: string, open: TargetFactory): void {
  describe(`a stand-in label completed by its document on ${name}`, () => {
    it('keeps one agreement, signed on the stand-in list and renamed, the same at once and one list at a time', async () => {
      const workbooks = worldWorkbooks(standInThenDocument());
      const histories = [];
      for (const oneByOne of [false, true]) {
        const target = await open();
        const l = await target.open();
        try {
          // One list at a time in date order (pending before participating), so each list folds incrementally.
          if (oneByOne) for (const w of byDate(workbooks)) await ingest(l, [w], { now: NOW });
          else await ingest(l, workbooks, { now: NOW });
          const tfm = (await listAgreements(l.db)).filter((a) => a.state === 'AZ' && a.model === 'TFM');
          const events = (await listChanges(l.db, '2000-01-01')).filter(
            (e) => e.agreementId === tfm[0]?.agreementId,
          );
          histories.push({
            tfm: tfm.map((a) => [a.agreementId, a.name, a.status, a.signed]),
            events: events.map((e) => [e.date, e.kind, e.details.evidence ?? null]),
          });
          // Every row of every list names an agreement that exists (the stand-in's rows name the one it became).
          const ids = new Set((await listAgreements(l.db)).map((a) => a.agreementId));
          const named = new Set((await listChanges(l.db, '2000-01-01')).map((e) => e.agreementId));
          for (const p of await l.db.selectFrom('listing_refs').select('publication_id').execute())
            for (const r of await refsOf(l.db, p.publication_id)) if (r.agreementId) named.add(r.agreementId);
          expect([...named].filter((id) => id !== null && !ids.has(id))).toEqual([]);
          expect(named.has(tfm[0]?.agreementId ?? '')).toBe(true);
        } finally {
          await l.close();
          await target.dispose();
        }
      }
      expect(histories[0]?.tfm.map((a) => a.slice(1))).toEqual([
        ["Pinal County Attorney's Office", 'active', '2025-08-28'],
      ]);
      expect(histories[0]?.events.filter((e) => e[1] !== 'added')).toEqual([
        ['2026-01-26', 'pending-to-signed', null],
        ['2026-02-09', 'renamed', 'stand-in'],
      ]);
      expect(histories[1]).toEqual(histories[0]);
    });
  });
}

identity('pglite', pgliteTarget);
standIn('pglite', pgliteTarget);
const pgUrl = testDatabaseUrl();
if (pgUrl) {
  const database = postgresDatabase(pgUrl);
  afterAll(() => database.drop());
  identity('postgres', database.target);
  standIn('postgres', database.target);
} else
  describe.skip('re-signings and names on postgres (not run: TEST_DATABASE_URL is not set)', () => {
    it('runs on a PostgreSQL server', () => undefined);
  });
