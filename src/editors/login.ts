/**
 * Signing in and out, and reading the session of a request. A login always makes a new session token (and ends the
 * one the browser presented, if any), so a token planted before login is worthless after it (session fixation).
 * Five wrong passwords in a row lock the account for 15 minutes (an admin can unlock it sooner); a locked,
 * disabled or unknown account is refused after the same argon2 work as a wrong password, with the same answer.
 * Sessions end after 12 hours, after 2 hours unused, at logout, or when revoked (by their owner or an admin, or
 * when the account's password or role changes or it is disabled). Every login, failure and logout is audited.
 */
import { appendAudit } from '../store/audit.ts';
import type { Db } from '../store/db.ts';
import {
  findSession,
  insertSession,
  revokeSession,
  type SessionWithUser,
  touchSession,
} from '../store/sessions.ts';
import { transaction } from '../store/transaction.ts';
import { findUserByName, setLoginCounters, type UserRow } from '../store/users.ts';
import type { Actor, ServiceDeps } from './deps.ts';
import { decoyHash, verifyPassword } from './passwords.ts';
import { isToken, newToken, sessionIdOf } from './tokens.ts';

export const SESSION_MS = 12 * 3600_000;
export const IDLE_MS = 2 * 3600_000;
export const LOCK_AFTER = 5;
export const LOCK_MS = 15 * 60_000;
/** A session's last-seen time is written at most this often (not on every request). */
const TOUCH_MS = 60_000;

export type LoginResult =
  | { ok: true; token: string; user: UserRow; expiresAt: string }
  | { ok: false; reason: 'unknown' | 'wrong' | 'locked' | 'disabled' };

const iso = (ms: number) => new Date(ms).toISOString();

async function refuse(
  db: Db,
  at: string,
  user: UserRow | null,
  reason: 'unknown' | 'wrong' | 'locked' | 'disabled',
  extra: object = {},
): Promise<LoginResult> {
  await appendAudit(db, {
    at,
    actorId: user?.userId ?? null,
    actor: user?.username ?? 'public',
    action: 'login.fail',
    entity: user ? `user:${user.username}` : 'user:?',
    before: null,
    after: { reason, ...extra },
  });
  return { ok: false, reason };
}

/** A wrong password: counts it, and locks the account at the fifth in a row. */
async function wrongPassword(db: Db, u: UserRow, nowMs: number): Promise<LoginResult> {
  const failures = u.failedLogins + 1;
  const locked = failures >= LOCK_AFTER ? iso(nowMs + LOCK_MS) : null;
  await setLoginCounters(db, u.userId, locked ? 0 : failures, locked);
  return refuse(db, iso(nowMs), u, 'wrong', locked ? { lockedUntil: locked } : { failures });
}

export async function login(
  db: Db,
  deps: ServiceDeps,
  a: { username: string; password: string; client: string; previousToken?: string | undefined },
): Promise<LoginResult> {
  const nowMs = deps.now().getTime();
  const at = iso(nowMs);
  const u = await findUserByName(db, a.username.trim().toLowerCase());
  if (!u || u.disabledAt !== null) {
    await verifyPassword(await decoyHash(), a.password);
    return refuse(db, at, u, u ? 'disabled' : 'unknown');
  }
  if (u.lockedUntil !== null && Date.parse(u.lockedUntil) > nowMs) {
    await verifyPassword(await decoyHash(), a.password);
    return refuse(db, at, u, 'locked', { lockedUntil: u.lockedUntil });
  }
  if (!(await verifyPassword(u.passwordHash, a.password))) return wrongPassword(db, u, nowMs);
  const token = newToken(deps.random);
  const expiresAt = iso(nowMs + SESSION_MS);
  await transaction(db, async (tx) => {
    await setLoginCounters(tx, u.userId, 0, null);
    if (isToken(a.previousToken))
      await revokeSession(tx, sessionIdOf(a.previousToken), at, 'replaced at login');
    const sessionId = sessionIdOf(token);
    await insertSession(tx, {
      sessionId,
      userId: u.userId,
      createdAt: at,
      lastSeenAt: at,
      expiresAt,
      client: a.client.slice(0, 200),
    });
    await appendAudit(tx, {
      at,
      actorId: u.userId,
      actor: u.username,
      action: 'login',
      entity: `user:${u.username}`,
      before: null,
      after: { session: sessionId.slice(0, 12), expiresAt },
    });
  });
  return { ok: true, token, user: u, expiresAt };
}

export type SessionCheck = { session: SessionWithUser } | { session: null; why: string };

/** The open session a token names, or why there is none (ends a session found idle). */
export async function readSession(
  db: Db,
  deps: ServiceDeps,
  token: string | undefined,
): Promise<SessionCheck> {
  if (!isToken(token)) return { session: null, why: 'no session' };
  const s = await findSession(db, sessionIdOf(token));
  if (!s) return { session: null, why: 'unknown session' };
  const nowMs = deps.now().getTime();
  if (s.revokedAt !== null) return { session: null, why: `session ended (${s.revokedReason ?? 'revoked'})` };
  if (Date.parse(s.expiresAt) <= nowMs) return { session: null, why: 'session expired' };
  if (s.disabledAt !== null) return { session: null, why: 'account disabled' };
  if (nowMs - Date.parse(s.lastSeenAt) > IDLE_MS) {
    await revokeSession(db, s.sessionId, iso(nowMs), 'idle');
    return { session: null, why: 'session ended (idle)' };
  }
  if (nowMs - Date.parse(s.lastSeenAt) > TOUCH_MS) await touchSession(db, s.sessionId, iso(nowMs));
  return { session: s };
}

/** Ends a session (logout, or revoked by its owner or an admin) and audits it; false if it was already ended. */
export async function endSession(
  db: Db,
  deps: ServiceDeps,
  actor: Actor,
  session: { sessionId: string; username: string },
  reason: string,
): Promise<boolean> {
  const at = deps.now().toISOString();
  return transaction(db, async (tx) => {
    const ended = await revokeSession(tx, session.sessionId, at, reason);
    if (ended)
      await appendAudit(tx, {
        at,
        actorId: actor.userId,
        actor: actor.name,
        action: reason === 'logout' ? 'logout' : 'session.revoke',
        entity: `user:${session.username}`,
        before: null,
        after: { session: session.sessionId.slice(0, 12), reason },
      });
    return ended;
  });
}
