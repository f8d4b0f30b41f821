/**
 * Editors' accounts as the CLI and the admin pages change them: add (no public sign-up: only `reassess users add`),
 * change a role, disable and enable (disabling ends every session), set a new password (ends every session),
 * unlock after a lock-out. Every change is written to the audit log in the same transaction; the log never holds a
 * password or a hash, only that one changed.
 */
import { ROLES, type Role } from '../domain/evidence.ts';
import { appendAudit } from '../store/audit.ts';
import type { Db } from '../store/db.ts';
import { revokeUserSessions } from '../store/sessions.ts';
import { transaction } from '../store/transaction.ts';
import {
  findUserByName,
  insertUser,
  listUsers,
  setLoginCounters,
  type UserRow,
  updateUser,
} from '../store/users.ts';
import type { Actor, ServiceDeps } from './deps.ts';
import { hashPassword, passwordProblem } from './passwords.ts';

export class AccountError extends Error {}

export const USERNAME_RE = /^[a-z0-9][a-z0-9._-]{1,39}$/;

/** What the audit log says about an account (never its password hash). */
export function publicAccount(u: UserRow) {
  return {
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    disabled: u.disabledAt !== null,
    lockedUntil: u.lockedUntil,
  };
}

export function parseRole(s: string | undefined): Role {
  if (s && (ROLES as readonly string[]).includes(s)) return s as Role;
  throw new AccountError(`role must be one of ${ROLES.join(', ')}${s ? `, not "${s}"` : ''}`);
}

async function mustFind(db: Db, username: string): Promise<UserRow> {
  const u = await findUserByName(db, username);
  if (!u) throw new AccountError(`no account named "${username}"`);
  return u;
}

export async function addUser(
  db: Db,
  deps: ServiceDeps,
  actor: Actor,
  a: { username: string; displayName?: string; role: Role; password: string },
): Promise<UserRow> {
  if (!USERNAME_RE.test(a.username))
    throw new AccountError(
      `username "${a.username}": 2 to 40 characters, lower-case letters, digits, dot, dash or underscore, starting with a letter or digit`,
    );
  const problem = passwordProblem(a.password);
  if (problem) throw new AccountError(problem);
  const displayName = (a.displayName ?? a.username).trim().slice(0, 100) || a.username;
  const passwordHash = await hashPassword(a.password);
  const at = deps.now().toISOString();
  return transaction(db, async (tx) => {
    if (await findUserByName(tx, a.username))
      throw new AccountError(`an account named "${a.username}" exists`);
    const u = await insertUser(tx, { username: a.username, displayName, role: a.role, passwordHash, at });
    await appendAudit(tx, {
      at,
      actorId: actor.userId,
      actor: actor.name,
      action: 'user.add',
      entity: `user:${u.username}`,
      before: null,
      after: publicAccount(u),
    });
    return u;
  });
}

/** Applies one change to an account and audits it; `sessions` ends the account's sessions too. */
async function change(
  db: Db,
  deps: ServiceDeps,
  actor: Actor,
  username: string,
  action: string,
  apply: (tx: Db, u: UserRow, at: string) => Promise<void>,
  sessions: string | null,
): Promise<UserRow> {
  const at = deps.now().toISOString();
  return transaction(db, async (tx) => {
    const before = await mustFind(tx, username);
    await apply(tx, before, at);
    const ended = sessions ? await revokeUserSessions(tx, before.userId, at, sessions) : 0;
    const after = await mustFind(tx, username);
    await appendAudit(tx, {
      at,
      actorId: actor.userId,
      actor: actor.name,
      action,
      entity: `user:${username}`,
      before: publicAccount(before),
      after: { ...publicAccount(after), ...(sessions ? { sessionsEnded: ended } : {}) },
    });
    return after;
  });
}

export function setRole(db: Db, deps: ServiceDeps, actor: Actor, username: string, role: Role) {
  return change(
    db,
    deps,
    actor,
    username,
    'user.role',
    (tx, u) => updateUser(tx, u.userId, { role }),
    'role changed',
  );
}

export function disableUser(db: Db, deps: ServiceDeps, actor: Actor, username: string) {
  return change(
    db,
    deps,
    actor,
    username,
    'user.disable',
    (tx, u, at) => updateUser(tx, u.userId, { disabledAt: at }),
    'account disabled',
  );
}

export function enableUser(db: Db, deps: ServiceDeps, actor: Actor, username: string) {
  return change(
    db,
    deps,
    actor,
    username,
    'user.enable',
    (tx, u) => updateUser(tx, u.userId, { disabledAt: null }),
    null,
  );
}

export function unlockUser(db: Db, deps: ServiceDeps, actor: Actor, username: string) {
  return change(
    db,
    deps,
    actor,
    username,
    'user.unlock',
    (tx, u) => setLoginCounters(tx, u.userId, 0, null),
    null,
  );
}

/** Sets a new password (hashed with argon2id) and ends the account's sessions. */
export async function setPassword(
  db: Db,
  deps: ServiceDeps,
  actor: Actor,
  username: string,
  password: string,
) {
  const problem = passwordProblem(password);
  if (problem) throw new AccountError(problem);
  const passwordHash = await hashPassword(password);
  return change(
    db,
    deps,
    actor,
    username,
    'user.password',
    (tx, u, at) => updateUser(tx, u.userId, { passwordHash, passwordChangedAt: at }),
    'password changed',
  );
}

export { listUsers };
