/**
 * Relabels on a real ledger, on both backends (PostgreSQL when TEST_DATABASE_URL is set): ICE's lists as workbooks
 * (MOA links plain and wrapped in Outlook SafeLinks), ingested at once and one list at a time. An agreement printed
 * under a new label with the same document keeps its ID, whether its old label left the list (a new name of the
 * agency, decided `document`) or stays listed with another agreement (the agreement moves to the new label's
 * agency); the stored history has a `renamed` event naming the document and no removal.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.ts';
import { listAgreements, listChanges } from '../../src/store/agreements.ts';
import type { Ledger } from '../../src/store/connection.ts';
import { listsOf, relabel, steadyRows, type WorldRow, worldWorkbooks } from '../fixtures/relabel-world.ts';
import { pgliteTarget, postgresDatabase, type TargetFactory, testDatabaseUrl } from '../support/ledgers.ts';

const NOW = () => new Date('2025-09-01T12:00:00.000Z');
const DATES = ['2025-07-01', '2025-07-08', '2025-07-15', '2025-07-22', '2025-07-29', '2025-08-05'];
const AT = '2025-07-15';

const GULF: WorldRow = {
  state: 'FL',
  agency: 'Gulf County Board of County Commissioners',
  model: 'WSO',
  signed: '2025-02-26',
  doc: 'gulfcoboardcountycommissioners_wso_moa_02.19.2025.pdf',
};
const PASCO: WorldRow = {
  ...GULF,
  agency: 'Pasco County Board of County Commissioners',
  doc: 'pascocobocc.pdf',
};
const SHERIFF: WorldRow = {
  ...GULF,
  agency: "Escambia County Sheriff's Office",
  doc: 'escambiaco_wso_moa.pdf',
};
const SHERIFF_TFM: WorldRow = { ...SHERIFF, model: 'TFM', signed: '2025-03-04', doc: 'escambiacoso_tfm.pdf' };

const BASE = listsOf(DATES, [...steadyRows(20), GULF, PASCO, SHERIFF, SHERIFF_TFM]);
let lists = relabel(BASE, AT, GULF, {
  agency: 'Gulf County Board of County Commissioners /Detention Facility',
  link: 'safelinks',
});
lists = relabel(lists, AT, PASCO, {
  agency: 'Pasco County Board of County Commissioners/ Pasco County Corrections',
});
lists = relabel(lists, AT, SHERIFF, { agency: 'Escambia County Board of County Commissioners' });
const WORKBOOKS = worldWorkbooks(lists);

async function derived(l: Ledger) {
  const agreements = (await listAgreements(l.db)).filter((a) => a.state === 'FL');
  const events = (await listChanges(l.db, '2000-01-01')).filter((e) => e.state === 'FL');
  const decisions = await l.db
    .selectFrom('identity_decisions')
    .select(['state', 'name_key', 'agency_id', 'method'])
    .where('state', '=', 'FL')
    .orderBy('name_key')
    .execute();
  return {
    agreements: agreements.map((a) => [a.agreementId, a.agencyId, a.model, a.status, a.name, a.firstListed]),
    events: events.map((e) => [e.date, e.kind, e.agreementId, e.agencyId, e.details]),
    decisions: decisions.map((d) => [d.name_key, d.agency_id, d.method]),
  };
}

function relabels(name: string, open: TargetFactory): void {
  describe(`relabels on ${name}`, () => {
    it('keep agreement IDs, record renames with the document, and make no removal (at once and one by one)', async () => {
      const before = await open();
      const b = await before.open();
      await ingest(b, worldWorkbooks(BASE), { now: NOW });
      const ids = (await listAgreements(b.db)).map((a) => a.agreementId).sort();
      await b.close();
      await before.dispose();

      const target = await open();
      const l = await target.open();
      try {
        await ingest(l, WORKBOOKS, { now: NOW });
        const all = await listAgreements(l.db);
        expect(all.map((a) => a.agreementId).sort()).toEqual(ids);
        const got = await derived(l);
        expect(got.events.filter((e) => e[1] === 'removed' || e[1] === 'added')).toEqual([]);
        const renamed = got.events.filter((e) => e[1] === 'renamed');
        expect(renamed.map((e) => [e[0], (e[4] as Record<string, unknown>).document]).sort()).toEqual(
          [GULF, PASCO, SHERIFF].map((r) => [AT, r.doc]).sort(),
        );
        expect(got.decisions.filter((d) => d[2] === 'document')).toHaveLength(2);
        // The WSO moved to the board's agency; the sheriff's TFM stays with the sheriff.
        const wso = all.find((a) => a.name === 'Escambia County Board of County Commissioners');
        const tfm = all.find((a) => a.name === SHERIFF.agency);
        expect(wso?.agencyId).not.toBe(tfm?.agencyId);
        expect([wso?.status, wso?.firstListed, tfm?.status]).toEqual(['active', DATES[0], 'active']);
        const move = renamed.find((e) => e[2] === wso?.agreementId);
        expect(move?.[4]).toMatchObject({ from: SHERIFF.agency, fromAgency: tfm?.agencyId, model: 'WSO' });

        // The same lists one at a time (incremental folds) give the same stored history.
        const other = await open();
        const o = await other.open();
        try {
          const modes: (string | undefined)[] = [];
          for (const w of WORKBOOKS) modes.push((await ingest(o, [w], { now: NOW })).history?.mode);
          expect(modes.slice(1)).toEqual(WORKBOOKS.slice(1).map(() => 'incremental'));
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

relabels('pglite', pgliteTarget);
const pgUrl = testDatabaseUrl();
if (pgUrl) {
  const database = postgresDatabase(pgUrl);
  afterAll(() => database.drop());
  relabels('postgres', database.target);
} else
  describe.skip('relabels on postgres (not run: TEST_DATABASE_URL is not set)', () => {
    it('runs on a PostgreSQL server', () => undefined);
  });
