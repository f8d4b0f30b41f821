/**
 * Editors' server-side sessions (issue 18). A session is known by the sha256 of its cookie's token (a stolen copy
 * of this table opens no session); it has an absolute expiry, a last-seen time (for the idle timeout) and, once
 * ended, the time and reason it was revoked. Sessions are kept after they end, as the record of who was signed in.
 */
import type { Role } from '../domain/evidence.ts';
import type { Db } from './db.ts';

export interface SessionRow {
  sessionId: string;
  userId: number;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  revokedAt: string | null;
  revokedReason: string | null;
  client: string;
}

/** A session with its account, as every editor request reads it. */
export interface SessionWithUser extends SessionRow {
  username: string;
  displayName: string;
  role: Role;
  disabledAt: string | null;
}

type Raw = {
  session_id: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
  revoked_reason: string | null;
  client: string;
};

const toSession = (r: Raw): SessionRow => ({
  sessionId: r.session_id,
  userId: r.user_id,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  revokedReason: r.revoked_reason,
  client: r.client,
});

export async function insertSession(
  db: Db,
  s: Omit<SessionRow, 'revokedAt' | 'revokedReason'>,
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      session_id: s.sessionId,
      user_id: s.userId,
      created_at: s.createdAt,
      last_seen_at: s.lastSeenAt,
      expires_at: s.expiresAt,
      client: s.client,
    })
    .execute();
}

export async function findSession(db: Db, sessionId: string): Promise<SessionWithUser | null> {
  const r = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.user_id', 's.user_id')
    .select([
      's.session_id',
      's.user_id',
      's.created_at',
      's.last_seen_at',
      's.expires_at',
      's.revoked_at',
      's.revoked_reason',
      's.client',
      'u.username',
      'u.display_name',
      'u.role',
      'u.disabled_at',
    ])
    .where('s.session_id', '=', sessionId)
    .executeTakeFirst();
  if (!r) return null;
  return {
    ...toSession(r),
    username: r.username,
    displayName: r.display_name,
    role: r.role as Role,
    disabledAt: r.disabled_at,
  };
}

export async function touchSession(db: Db, sessionId: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('session_id', '=', sessionId).execute();
}

/** Ends one session (if still open); true when it was open. */
export async function revokeSession(db: Db, sessionId: string, at: string, reason: string): Promise<boolean> {
  const r = await db
    .updateTable('sessions')
    .set({ revoked_at: at, revoked_reason: reason })
    .where('session_id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Ends every open session of an account; the number ended. */
export async function revokeUserSessions(
  db: Db,
  userId: number,
  at: string,
  reason: string,
): Promise<number> {
  const r = await db
    .updateTable('sessions')
    .set({ revoked_at: at, revoked_reason: reason })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Sessions still open at `at` (not revoked, not expired), of one account or of all, newest first. */
export async function openSessions(db: Db, at: string, userId?: number): Promise<SessionRow[]> {
  let q = db
    .selectFrom('sessions')
    .selectAll()
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', at)
    .orderBy('created_at', 'desc');
  if (userId !== undefined) q = q.where('user_id', '=', userId);
  return (await q.execute()).map(toSession);
}
