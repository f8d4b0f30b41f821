/**
 * Retired agreement IDs keep resolving (issue 14), on both backends (PostgreSQL when TEST_DATABASE_URL is set):
 * - a stand-in label absorbed by the pending agreement (Pinal County AZ's pattern): the stand-in's ID, on lists
 *   before its document arrived, is stored as a redirect to the survivor, at once and one list at a time;
 * - a rebuild that takes an agreement's rows from it (a reviewed `same` verdict merging two agencies already
 *   minted): its ID redirects to the agreement that holds the same listing rows now;
 * - an ID the ledger held and no agreement's rows carry after a rebuild is gone (410, with the reason).
 * The API answers each: the survivor (with `formerIds`) or the 410 body.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/app.ts';
import { AgreementResponse, ErrorBody } from '../../src/api/schemas.ts';
import type { AliasEntry } from '../../src/domain/identity.ts';
import { mintAgreementId } from '../../src/domain/ids.ts';
import { ingest } from '../../src/ingest/ingest.ts';
import { agencyKey } from '../../src/normalize/agency-name.ts';
import { findAgencies } from '../../src/read/agencies.ts';
import { readRedirects } from '../../src/store/agreement-redirects.ts';
import { listAgreements } from '../../src/store/agreements.ts';
import type { Ledger } from '../../src/store/connection.ts';
import { standInThenDocument } from '../fixtures/identity-world.ts';
import { worldWorkbooks } from '../fixtures/relabel-world.ts';
import {
  fillerRows,
  type IceRow,
  icePublication,
  pgliteTarget,
  postgresDatabase,
  type TargetFactory,
  testDatabaseUrl,
} from '../support/ledgers.ts';

const NOW = () => new Date('2026-06-01T12:00:00.000Z');
const PUTNAM: IceRow = ['FL', 'Putnam County Sheriff Office', 'JEM', '2025-01-06'];
const PALATKA: IceRow = ['FL', 'Palatka Regional Detention Authority', 'JEM', '2025-01-06'];
const SAME: AliasEntry[] = [
  {
    verdict: 'same',
    a: { state: 'FL', key: agencyKey('Putnam County Sheriff Office', 'FL') },
    b: { state: 'FL', key: agencyKey('Palatka Regional Detention Authority', 'FL') },
    evidence: 'test: the detention authority is the sheriff office renamed',
  },
];
const list = (date: string, rows: IceRow[]) => ({
  file: `participating-${date}.xlsx`,
  bytes: icePublication({
    kind: 'participating',
    modified: `${date}T15:00:00Z`,
    rows: [...fillerRows(20), ...rows],
  }),
});

/** GET on the ledger's API: status and body. */
async function answer(l: Ledger, id: string) {
  const api = createApi({ db: l.db, now: NOW, rateLimit: { windowMs: 60_000, max: 100_000 } });
  const res = await api.request(`/agreements/${id}`);
  return { status: res.status, body: (await res.json()) as unknown };
}

/** Forces the next ingest to rebuild the history (as an edited reviewed file or a new fold version does). */
async function staleHistory(l: Ledger): Promise<void> {
  const state = await l.db.selectFrom('history_state').select('data').executeTakeFirstOrThrow();
  const json = gunzipSync(state.data).toString('utf8');
  const stale = json.replace(/"reference":"[0-9a-f]{64}"/, `"reference":"${'0'.repeat(64)}"`);
  await l.db
    .updateTable('history_state')
    .set({ data: gzipSync(stale) })
    .execute();
}

/** Workbooks in the order ICE published them: by date, the pending list first (relabel-world's file names). */
function byDate<T extends { file: string }>(workbooks: T[]): T[] {
  const key = (w: T) => `${w.file.replace(/^\w+-/, '')}|${w.file.startsWith('pending') ? 0 : 1}`;
  return [...workbooks].sort((a, b) => key(a).localeCompare(key(b)));
}

function redirects(name: string, open: TargetFactory): void {
  describe(`retired agreement IDs on ${name}`, () => {
    it('stores the stand-in label absorbed by the pending agreement as a redirect, at once and one list at a time', async () => {
      const workbooks = worldWorkbooks(standInThenDocument());
      for (const oneByOne of [false, true]) {
        const target = await open();
        const l = await target.open();
        try {
          if (oneByOne) for (const w of byDate(workbooks)) await ingest(l, [w], { now: NOW });
          else await ingest(l, workbooks, { now: NOW });
          const tfm = (await listAgreements(l.db)).filter((a) => a.state === 'AZ' && a.model === 'TFM');
          expect(tfm.map((a) => a.name)).toEqual(["Pinal County Attorney's Office"]);
          const [sheriff] = await findAgencies(l.db, "Pinal County Sheriff's Office", 'AZ');
          const standIn = mintAgreementId(String(sheriff), 'TFM', 0);
          const stored = await readRedirects(l.db);
          expect(stored.map((r) => [r.agreementId, r.into, r.kind])).toEqual([
            [standIn, tfm[0]?.agreementId, 'absorbed'],
          ]);
          expect(stored[0]?.reason).toMatch(/stand-in label.*Pinal County Attorney's Office/);
          const { status, body } = await answer(l, standIn);
          expect(status).toBe(200);
          const data = AgreementResponse.parse(body).data;
          expect(data.agreementId).toBe(tfm[0]?.agreementId);
          expect(data.formerIds.map((f) => [f.agreementId, f.kind, f.date])).toEqual([
            [standIn, 'absorbed', stored[0]?.date],
          ]);
          // A rebuild keeps it.
          await staleHistory(l);
          expect((await ingest(l, [], { now: NOW })).history?.mode).toBe('full');
          expect(await readRedirects(l.db)).toEqual(stored);
        } finally {
          await l.close();
          await target.dispose();
        }
      }
    });

    it('maps the IDs a rebuild took the rows from to the agreement holding them, and answers the rest as gone', async () => {
      const target = await open();
      const l = await target.open();
      try {
        await ingest(l, [list('2025-03-03', [PUTNAM]), list('2025-03-10', [PALATKA])], {
          now: NOW,
          aliases: [],
        });
        const [putnam] = await findAgencies(l.db, 'Putnam County Sheriff Office', 'FL');
        const [palatka] = await findAgencies(l.db, 'Palatka Regional Detention Authority', 'FL');
        const palatkaJem = mintAgreementId(String(palatka), 'JEM', 0);
        const putnamJem = mintAgreementId(String(putnam), 'JEM', 0);
        expect((await listAgreements(l.db)).map((a) => a.agreementId)).toContain(palatkaJem);
        // An agreement an older fold published, whose rows no agreement holds after the rebuild.
        const [row] = await l.db
          .selectFrom('agreements')
          .selectAll()
          .where('agreement_id', '=', putnamJem)
          .execute();
        const orphan = 'agr-0000000000';
        const copy = row as NonNullable<typeof row>;
        await l.db
          .insertInto('agreements')
          .values({
            ...copy,
            agreement_id: orphan,
            model: 'TFM',
            intervals: JSON.stringify(copy.intervals),
            signed_history: JSON.stringify(copy.signed_history),
          } as never)
          .execute();

        // The verdict merges the agencies: the history is rebuilt with one agency and one JEM agreement.
        const r = await ingest(l, [list('2025-03-17', [PALATKA])], { now: NOW, aliases: SAME });
        expect(r.history?.mode).toBe('full');
        expect(
          (await listAgreements(l.db)).filter((a) => a.state === 'FL').map((a) => a.agreementId),
        ).toEqual([putnamJem]);
        const stored = await readRedirects(l.db);
        expect(stored.map((x) => [x.agreementId, x.into, x.kind, x.date])).toEqual(
          [
            [palatkaJem, putnamJem, 'rebuilt', '2026-06-01'],
            [orphan, null, 'gone', '2026-06-01'],
          ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
        );
        expect(stored.find((x) => x.agreementId === palatkaJem)?.reason).toMatch(/1 of its 1 listing row/);

        const moved = await answer(l, palatkaJem);
        expect(moved.status).toBe(200);
        const data = AgreementResponse.parse(moved.body).data;
        expect([data.agreementId, data.formerIds.map((f) => [f.agreementId, f.kind])]).toEqual([
          putnamJem,
          [[palatkaJem, 'rebuilt']],
        ]);
        const gone = await answer(l, orphan);
        expect(gone.status).toBe(410);
        const error = ErrorBody.parse(gone.body).error;
        expect([error.code, error.details]).toEqual([
          'gone',
          {
            agreementId: orphan,
            reason: stored.find((x) => x.agreementId === orphan)?.reason,
            date: '2026-06-01',
          },
        ]);
        // The survivor itself, and an ID never published.
        expect((await answer(l, putnamJem)).status).toBe(200);
        expect((await answer(l, 'agr-zzzzzzzzzz')).status).toBe(404);
      } finally {
        await l.close();
        await target.dispose();
      }
    });
  });
}

redirects('pglite', pgliteTarget);
const pgUrl = testDatabaseUrl();
if (pgUrl) {
  const database = postgresDatabase(pgUrl);
  afterAll(() => database.drop());
  redirects('postgres', database.target);
} else
  describe.skip('retired agreement IDs on postgres (not run: TEST_DATABASE_URL is not set)', () => {
    it('runs on a PostgreSQL server', () => undefined);
  });
