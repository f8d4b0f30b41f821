/**
 * Editors' accounts (issue 18): created only by `reassess users add` (there is no public sign-up), with a role
 * (contributor, reviewer, admin), an argon2id password hash, and the counters of the login throttle (consecutive
 * failures and a lock-out time). Accounts are disabled, never deleted, so the audit log always names its actors.
 */
import type { Role } from '../domain/evidence.ts';
import type { Db } from './db.ts';

export interface UserRow {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  createdAt: string;
  passwordChangedAt: string;
  disabledAt: string | null;
  failedLogins: number;
  lockedUntil: string | null;
}

const COLUMNS = [
  'user_id',
  'username',
  'display_name',
  'role',
  'password_hash',
  'created_at',
  'password_changed_at',
  'disabled_at',
  'failed_logins',
  'locked_until',
] as const;

type Raw = {
  user_id: number;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  created_at: string;
  password_changed_at: string;
  disabled_at: string | null;
  failed_logins: number;
  locked_until: string | null;
};

function toUser(r: Raw): UserRow {
  return {
    userId: r.user_id,
    username: r.username,
    displayName: r.display_name,
    role: r.role as Role,
    passwordHash: r.password_hash,
    createdAt: r.created_at,
    passwordChangedAt: r.password_changed_at,
    disabledAt: r.disabled_at,
    failedLogins: r.failed_logins,
    lockedUntil: r.locked_until,
  };
}

export async function insertUser(
  db: Db,
  u: { username: string; displayName: string; role: Role; passwordHash: string; at: string },
): Promise<UserRow> {
  const r = await db
    .insertInto('users')
    .values({
      username: u.username,
      display_name: u.displayName,
      role: u.role,
      password_hash: u.passwordHash,
      created_at: u.at,
      password_changed_at: u.at,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return toUser(r);
}

export async function findUserByName(db: Db, username: string): Promise<UserRow | null> {
  const r = await db.selectFrom('users').select(COLUMNS).where('username', '=', username).executeTakeFirst();
  return r ? toUser(r) : null;
}

export async function findUserById(db: Db, userId: number): Promise<UserRow | null> {
  const r = await db.selectFrom('users').select(COLUMNS).where('user_id', '=', userId).executeTakeFirst();
  return r ? toUser(r) : null;
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  const rows = await db.selectFrom('users').select(COLUMNS).orderBy('username').execute();
  return rows.map(toUser);
}

/** Changes what may change of an account: role, display name, password (and its time), disabled time. */
export async function updateUser(
  db: Db,
  userId: number,
  set: Partial<{
    role: Role;
    displayName: string;
    passwordHash: string;
    passwordChangedAt: string;
    disabledAt: string | null;
  }>,
): Promise<void> {
  const values: Record<string, unknown> = {};
  if (set.role !== undefined) values.role = set.role;
  if (set.displayName !== undefined) values.display_name = set.displayName;
  if (set.passwordHash !== undefined) values.password_hash = set.passwordHash;
  if (set.passwordChangedAt !== undefined) values.password_changed_at = set.passwordChangedAt;
  if (set.disabledAt !== undefined) values.disabled_at = set.disabledAt;
  if (Object.keys(values).length === 0) return;
  await db.updateTable('users').set(values).where('user_id', '=', userId).execute();
}

/** The login throttle's counters: consecutive failures, and the time the account is locked until (or null). */
export async function setLoginCounters(
  db: Db,
  userId: number,
  failedLogins: number,
  lockedUntil: string | null,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_logins: failedLogins, locked_until: lockedUntil })
    .where('user_id', '=', userId)
    .execute();
}
