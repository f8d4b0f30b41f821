/**
 * The evidence and editors contract (issue 18), on embedded PGlite always and on PostgreSQL when TEST_DATABASE_URL
 * is set: the audit log refuses UPDATE, DELETE and TRUNCATE; versions never change and records are never deleted;
 * the two-person rule holds in the service and in the database; a record's history gives back every version as it
 * was saved; publishing and retracting make a new ledger version; accounts, logins, lock-out and sessions; tips
 * and their moderation; the seed file imports (never published).
 */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { disableUser, setPassword, unlockUser } from '../../src/editors/accounts.ts';
import { CLI_ACTOR } from '../../src/editors/deps.ts';
import { endSession, IDLE_MS, LOCK_MS, login, readSession, SESSION_MS } from '../../src/editors/login.ts';
import { sessionIdOf } from '../../src/editors/tokens.ts';
import { exportEvidence, importEvidence, parseEvidenceFile } from '../../src/evidence/evidence-file.ts';
import {
  approve,
  createRecord,
  recordHistory,
  reject,
  retract,
  saveVersion,
  submitForReview,
} from '../../src/evidence/records.ts';
import { draftFromTip, moderate, receiveTip } from '../../src/evidence/tips.ts';
import { listAudit } from '../../src/store/audit.ts';
import type { Ledger } from '../../src/store/connection.ts';
import { latestRunId } from '../../src/store/runs.ts';
import { listTips } from '../../src/store/tips.ts';
import { account, content, PASSWORD, testDeps } from '../support/editors.ts';
import {
  type LedgerTarget,
  pgliteTarget,
  postgresDatabase,
  type TargetFactory,
  testDatabaseUrl,
} from '../support/ledgers.ts';

const SEED = new URL('../../src/reference/evidence-seed.json', import.meta.url);

/** The message of what `p` rejects with ('' when it resolves). */
async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return '';
  } catch (e) {
    return String((e as Error).message);
  }
}

function contract(name: string, open: TargetFactory): void {
  describe(`evidence contract: ${name}`, () => {
    let target: LedgerTarget;
    let l: Ledger;
    beforeEach(async () => {
      target = await open();
      l = await target.open();
    });
    afterEach(async () => {
      await l.close();
      await target.dispose();
    });

    it('refuses UPDATE, DELETE and TRUNCATE on the audit log', async () => {
      const deps = testDeps();
      await account(l.db, deps, 'alice', 'admin');
      const before = await listAudit(l.db);
      expect(before.map((e) => e.action)).toEqual(['user.add']);
      expect(await failure(sql`update audit_log set actor = 'mallory'`.execute(l.db))).toMatch(/append-only/);
      expect(await failure(sql`delete from audit_log`.execute(l.db))).toMatch(/append-only/);
      expect(await failure(sql`truncate audit_log`.execute(l.db))).toMatch(/append-only/);
      expect(await listAudit(l.db)).toEqual(before);
    });

    it('never changes a version, never deletes a record, never rewrites a review', async () => {
      const deps = testDeps();
      const alice = await account(l.db, deps, 'alice', 'contributor');
      const bob = await account(l.db, deps, 'bob', 'reviewer');
      const id = await createRecord(l.db, deps, alice, { content: content(), origin: 'editor', note: '' });
      await submitForReview(l.db, deps, alice, id);
      await approve(l.db, deps, bob, id, 1, 'checked the sources');
      expect(
        await failure(
          sql`update evidence_versions set content = '{}'::jsonb where record_id = ${id}`.execute(l.db),
        ),
      ).toMatch(/never changes/);
      expect(await failure(sql`delete from evidence_versions where record_id = ${id}`.execute(l.db))).toMatch(
        /append-only/,
      );
      expect(await failure(sql`delete from evidence_records where record_id = ${id}`.execute(l.db))).toMatch(
        /append-only/,
      );
      expect(await failure(sql`update evidence_reviews set note = 'x'`.execute(l.db))).toMatch(/append-only/);
      expect(await failure(sql`delete from evidence_reviews`.execute(l.db))).toMatch(/append-only/);
      expect((await recordHistory(l.db, id))?.versions[0]?.content.title).toBe(content().title);
    });

    it('holds the two-person rule in the service and in the database', async () => {
      const deps = testDeps();
      const rita = await account(l.db, deps, 'rita', 'reviewer');
      const sam = await account(l.db, deps, 'sam', 'reviewer');
      const id = await createRecord(l.db, deps, rita, { content: content(), origin: 'editor', note: '' });
      await submitForReview(l.db, deps, rita, id);
      expect(await failure(approve(l.db, deps, rita, id, 1, 'mine'))).toMatch(/two-person rule/);
      // Around the service, straight into the table: the database refuses it too.
      const at = deps.now().toISOString();
      expect(
        await failure(
          sql`insert into evidence_reviews (record_id, version, reviewer_id, decision, note, at)
              values (${id}, 1, ${rita.userId}, 'approve', 'mine', ${at})`.execute(l.db),
        ),
      ).toMatch(/two-person rule/);
      const contributor = await account(l.db, deps, 'carl', 'contributor');
      expect(await failure(approve(l.db, deps, contributor, id, 1, ''))).toMatch(/only a reviewer/);
      const runsBefore = await latestRunId(l.db);
      await approve(l.db, deps, sam, id, 1, 'sources read');
      const h = await recordHistory(l.db, id);
      expect(h?.stage.stage).toBe('published');
      expect(h?.record.publishedVersion).toBe(1);
      expect(await latestRunId(l.db)).toBe(runsBefore + 1);
    });

    it("rebuilds every version of a record's history, with reviews and the audit's before and after", async () => {
      const deps = testDeps();
      const alice = await account(l.db, deps, 'alice', 'contributor');
      const bob = await account(l.db, deps, 'bob', 'reviewer');
      const v1 = content({ title: 'First title', sources: [] });
      const v2 = content({ title: 'Second title' });
      const v3 = content({ title: 'Third title', status: 'settled' });
      const id = await createRecord(l.db, deps, alice, { content: v1, origin: 'editor', note: 'start' });
      expect(await failure(submitForReview(l.db, deps, alice, id))).toMatch(/not complete.*sources/);
      deps.clock.advance(60_000);
      expect(await saveVersion(l.db, deps, alice, id, v2, 'sources added')).toBe(2);
      expect(await saveVersion(l.db, deps, alice, id, v2, 'no change')).toBeNull();
      await submitForReview(l.db, deps, alice, id);
      await reject(l.db, deps, bob, id, 2, 'quote the passage exactly');
      expect((await recordHistory(l.db, id))?.stage.stage).toBe('draft');
      expect(await saveVersion(l.db, deps, bob, id, v3, 'fixed')).toBe(3);
      await submitForReview(l.db, deps, bob, id);
      expect(await failure(approve(l.db, deps, bob, id, 3, ''))).toMatch(/two-person rule/);
      const carol = await account(l.db, deps, 'carol', 'admin');
      expect(await failure(approve(l.db, deps, carol, id, 2, ''))).toMatch(/not the latest/);
      await approve(l.db, deps, carol, id, 3, 'ok');
      const h = await recordHistory(l.db, id);
      expect(h?.versions.map((v) => v.content)).toEqual([v1, v2, v3]);
      expect(h?.versions.map((v) => [v.version, v.authorLabel, v.changeNote])).toEqual([
        [1, 'alice', 'start'],
        [2, 'alice', 'sources added'],
        [3, 'bob', 'fixed'],
      ]);
      expect(h?.reviews.map((r) => [r.version, r.decision, r.reviewerName])).toEqual([
        [2, 'reject', 'BOB'],
        [3, 'approve', 'CAROL'],
      ]);
      const audit = await listAudit(l.db, { entity: `record:${id}` });
      expect(audit.map((e) => e.action)).toEqual([
        'record.create',
        'record.edit',
        'record.submit',
        'record.reject',
        'record.edit',
        'record.submit',
        'record.approve',
      ]);
      const edit = audit[1];
      expect(edit?.before).toMatchObject({ version: 1, content: { title: 'First title' } });
      expect(edit?.after).toMatchObject({ version: 2, content: { title: 'Second title' } });
    });

    it('keeps a retracted record, marked and explained, and makes a new ledger version', async () => {
      const deps = testDeps();
      const alice = await account(l.db, deps, 'alice', 'contributor');
      const bob = await account(l.db, deps, 'bob', 'reviewer');
      const id = await createRecord(l.db, deps, alice, { content: content(), origin: 'editor', note: '' });
      expect(await failure(retract(l.db, deps, bob, id, 'wrong'))).toMatch(/only a published record/);
      await submitForReview(l.db, deps, alice, id);
      await approve(l.db, deps, bob, id, 1, '');
      expect(await failure(retract(l.db, deps, bob, id, ' '))).toMatch(/says why/);
      const runs = await latestRunId(l.db);
      await retract(l.db, deps, bob, id, 'The source was misread.');
      const h = await recordHistory(l.db, id);
      expect(h?.stage.stage).toBe('retracted');
      expect(h?.record.retractionReason).toBe('The source was misread.');
      expect(h?.record.publishedVersion).toBe(1);
      expect(await latestRunId(l.db)).toBe(runs + 1);
      expect(await failure(saveVersion(l.db, deps, alice, id, content({ title: 'x' }), ''))).toMatch(
        /retracted/,
      );
    });

    it('logs in with a new session, throttles, locks out, expires, idles and revokes sessions', async () => {
      const deps = testDeps();
      await account(l.db, deps, 'alice', 'reviewer');
      const bad = await login(l.db, deps, { username: 'alice', password: 'wrong password!', client: 't' });
      expect(bad).toEqual({ ok: false, reason: 'wrong' });
      expect(await login(l.db, deps, { username: 'nobody', password: PASSWORD, client: 't' })).toEqual({
        ok: false,
        reason: 'unknown',
      });
      const first = await login(l.db, deps, { username: 'alice', password: PASSWORD, client: 't' });
      if (!first.ok) throw new Error('login failed');
      // A second login (a token presented from before) replaces it: the old token no longer opens anything.
      const second = await login(l.db, deps, {
        username: 'Alice',
        password: PASSWORD,
        client: 't',
        previousToken: first.token,
      });
      if (!second.ok) throw new Error('login failed');
      expect(second.token).not.toBe(first.token);
      expect((await readSession(l.db, deps, first.token)).session).toBeNull();
      expect((await readSession(l.db, deps, second.token)).session?.username).toBe('alice');
      // Idle for longer than the idle limit: ended.
      deps.clock.advance(IDLE_MS + 1000);
      expect(await readSession(l.db, deps, second.token)).toEqual({
        session: null,
        why: 'session ended (idle)',
      });
      // Used every hour: still ends at the absolute limit.
      const third = await login(l.db, deps, { username: 'alice', password: PASSWORD, client: 't' });
      if (!third.ok) throw new Error('login failed');
      for (let h = 1; h < 12; h++) {
        deps.clock.advance(3600_000);
        expect((await readSession(l.db, deps, third.token)).session).not.toBeNull();
      }
      deps.clock.advance(SESSION_MS - 11 * 3600_000);
      expect(await readSession(l.db, deps, third.token)).toEqual({ session: null, why: 'session expired' });
      // Revoked at logout.
      const fourth = await login(l.db, deps, { username: 'alice', password: PASSWORD, client: 't' });
      if (!fourth.ok) throw new Error('login failed');
      const s = (await readSession(l.db, deps, fourth.token)).session;
      if (!s) throw new Error('no session');
      await endSession(l.db, deps, { userId: s.userId, name: 'alice' }, s, 'logout');
      expect((await readSession(l.db, deps, fourth.token)).session).toBeNull();
      // Five wrong passwords lock the account, even against the right one, until unlocked.
      for (let i = 0; i < 5; i++)
        await login(l.db, deps, { username: 'alice', password: `wrong ${i} password`, client: 't' });
      expect(await login(l.db, deps, { username: 'alice', password: PASSWORD, client: 't' })).toEqual({
        ok: false,
        reason: 'locked',
      });
      deps.clock.advance(LOCK_MS + 1000);
      expect((await login(l.db, deps, { username: 'alice', password: PASSWORD, client: 't' })).ok).toBe(true);
      for (let i = 0; i < 5; i++)
        await login(l.db, deps, { username: 'alice', password: `wrong ${i} password`, client: 't' });
      await unlockUser(l.db, deps, CLI_ACTOR, 'alice');
      expect((await login(l.db, deps, { username: 'alice', password: PASSWORD, client: 't' })).ok).toBe(true);
      const actions = (await listAudit(l.db)).map((e) => e.action);
      expect(actions.filter((a) => a === 'login.fail')).toHaveLength(13);
      expect(JSON.stringify(await listAudit(l.db))).not.toContain(PASSWORD);
    });

    it('ends every session of an account disabled or given a new password', async () => {
      const deps = testDeps();
      await account(l.db, deps, 'alice', 'contributor');
      const a = await login(l.db, deps, { username: 'alice', password: PASSWORD, client: 't' });
      if (!a.ok) throw new Error('login failed');
      await setPassword(l.db, deps, CLI_ACTOR, 'alice', 'another long password');
      expect((await readSession(l.db, deps, a.token)).session).toBeNull();
      expect((await login(l.db, deps, { username: 'alice', password: PASSWORD, client: 't' })).ok).toBe(
        false,
      );
      const b = await login(l.db, deps, {
        username: 'alice',
        password: 'another long password',
        client: 't',
      });
      if (!b.ok) throw new Error('login failed');
      await disableUser(l.db, deps, CLI_ACTOR, 'alice');
      expect((await readSession(l.db, deps, b.token)).session).toBeNull();
      expect(
        await l.db
          .selectFrom('sessions')
          .select('revoked_reason')
          .where('session_id', '=', sessionIdOf(b.token))
          .executeTakeFirst(),
      ).toEqual({ revoked_reason: 'account disabled' });
    });

    it('keeps tips out of the audit (contact private) and turns one into a draft in one step', async () => {
      const deps = testDeps();
      const carl = await account(l.db, deps, 'carl', 'contributor');
      const tipId = await receiveTip(l.db, deps, {
        kind: 'record',
        agencyId: 'agy-0a1b2c3d4e',
        lang: 'es',
        what: 'The sheriff said this at a meeting.\nSecond line.',
        place: 'County board meeting',
        sourceUrl: 'https://news.example/story',
        contact: 'me@example.org',
        clientKey: 'k'.repeat(64),
      });
      expect(JSON.stringify(await listAudit(l.db))).not.toContain('me@example.org');
      const id = await draftFromTip(l.db, deps, carl, tipId, (agencyId) => ({
        agencyId,
        name: 'Example PD',
        state: 'TX',
        countyFips: null,
      }));
      const h = await recordHistory(l.db, id);
      expect(h?.record.origin).toBe('tip');
      expect(h?.stage.stage).toBe('draft');
      expect(h?.latest.content).toMatchObject({
        agencyId: 'agy-0a1b2c3d4e',
        title: 'The sheriff said this at a meeting.',
        sources: [{ url: 'https://news.example/story', publisher: 'news.example', quote: '' }],
      });
      expect((await listTips(l.db))[0]).toMatchObject({ state: 'drafted', recordId: id });
      expect(await failure(moderate(l.db, deps, carl, tipId, 'spam', ''))).toMatch(/already handled/);
    });

    it('imports the reviewed seed file unpublished, submitted for review, and exports it back', async () => {
      const deps = testDeps();
      const file = parseEvidenceFile(readFileSync(SEED, 'utf8'), 'evidence-seed.json');
      const r = await importEvidence(l.db, deps, CLI_ACTOR, file, 'src/reference/evidence-seed.json');
      expect(r.created).toHaveLength(file.records.length);
      expect(r.submitted).toHaveLength(file.records.length);
      for (const id of r.created) expect((await recordHistory(l.db, id))?.stage.stage).toBe('review');
      expect(await latestRunId(l.db)).toBe(0); // nothing public changed
      const again = await importEvidence(l.db, deps, CLI_ACTOR, file, 'src/reference/evidence-seed.json');
      expect(again.unchanged).toHaveLength(file.records.length);
      const out = await exportEvidence(l.db, deps.now, 'test');
      const byId = (rs: { recordId: string; content: unknown }[]) =>
        Object.fromEntries(rs.map((x) => [x.recordId, x.content]));
      expect(byId(out.records)).toEqual(byId(file.records));
      expect(parseEvidenceFile(JSON.stringify(out), 'export.json').records).toHaveLength(file.records.length);
    });
  });
}

contract('pglite', pgliteTarget);

const pgUrl = testDatabaseUrl();
if (pgUrl) {
  const database = postgresDatabase(pgUrl);
  afterAll(() => database.drop());
  contract('postgres', database.target);
} else if (process.env.CI) {
  describe('evidence contract: postgres', () => {
    it('runs under CI', () => {
      throw new Error(
        'CI is set but TEST_DATABASE_URL is not: the PostgreSQL evidence contract must run under CI.',
      );
    });
  });
} else {
  describe.skip('evidence contract: postgres (not run: TEST_DATABASE_URL is not set)', () => {
    it('runs the evidence contract on a PostgreSQL server', () => undefined);
  });
}
