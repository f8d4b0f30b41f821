/**
 * `reassess users add|list|role|disable|enable|unlock|password|revoke`: editors' accounts (issue 18). Accounts are
 * made here only (the site has no sign-up). `add` and `password` print a new random password once (or read one
 * line from standard input with --password-stdin); it is stored as an argon2id hash. Every change is audited.
 * With the embedded ledger, run these while the server is stopped (the folder is locked while it serves).
 */
import { UsageError } from '../domain/errors.ts';
import type { Role } from '../domain/evidence.ts';
import {
  AccountError,
  addUser,
  disableUser,
  enableUser,
  listUsers,
  parseRole,
  setPassword,
  setRole,
  unlockUser,
} from '../editors/accounts.ts';
import { CLI_ACTOR, systemDeps } from '../editors/deps.ts';
import { generatePassword } from '../editors/passwords.ts';
import { revokeUserSessions } from '../store/sessions.ts';
import { findUserByName } from '../store/users.ts';
import { type Context, table, withLedger } from './context.ts';

const USAGE = 'usage: reassess users add|list|role|disable|enable|unlock|password|revoke [USERNAME] [ROLE]';

async function readLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').trim();
}

/** The new password: one line of standard input (--password-stdin), or a generated one printed once. */
async function newPassword(
  ctx: Context,
  deps: ReturnType<typeof systemDeps>,
): Promise<{ pw: string; show: boolean }> {
  if (ctx.flags['password-stdin'] === true) return { pw: await readLine(), show: false };
  return { pw: generatePassword(deps.random), show: true };
}

async function runAction(ctx: Context, action: string, name: string): Promise<string> {
  const deps = systemDeps(ctx.now);
  return withLedger(ctx, async (l) => {
    switch (action) {
      case 'add': {
        const role: Role = parseRole(typeof ctx.flags.role === 'string' ? ctx.flags.role : ctx.args[2]);
        const { pw, show } = await newPassword(ctx, deps);
        const display = typeof ctx.flags.name === 'string' ? ctx.flags.name : undefined;
        const u = await addUser(l.db, deps, CLI_ACTOR, {
          username: name,
          role,
          password: pw,
          displayName: display,
        });
        return `added ${u.username} (${u.role})${show ? `\npassword (shown once): ${pw}` : ''}`;
      }
      case 'role': {
        const u = await setRole(
          l.db,
          deps,
          CLI_ACTOR,
          name,
          parseRole(ctx.args[2] ?? (ctx.flags.role as string)),
        );
        return `${u.username} is now ${u.role} (their sessions were ended)`;
      }
      case 'disable':
        await disableUser(l.db, deps, CLI_ACTOR, name);
        return `${name} is disabled (their sessions were ended)`;
      case 'enable':
        await enableUser(l.db, deps, CLI_ACTOR, name);
        return `${name} is enabled`;
      case 'unlock':
        await unlockUser(l.db, deps, CLI_ACTOR, name);
        return `${name} is unlocked`;
      case 'password': {
        const { pw, show } = await newPassword(ctx, deps);
        await setPassword(l.db, deps, CLI_ACTOR, name, pw);
        return `${name} has a new password (their sessions were ended)${show ? `\npassword (shown once): ${pw}` : ''}`;
      }
      case 'revoke': {
        const u = await findUserByName(l.db, name);
        if (!u) throw new AccountError(`no account named "${name}"`);
        const n = await revokeUserSessions(
          l.db,
          u.userId,
          deps.now().toISOString(),
          'revoked from the command line',
        );
        return `${n} session(s) of ${name} ended`;
      }
      default:
        throw new UsageError(`unknown users action "${action}"\n${USAGE}`);
    }
  });
}

export async function run(ctx: Context): Promise<number> {
  const [action, name] = ctx.args;
  if (action === 'list') {
    const users = await withLedger(ctx, (l) => listUsers(l.db));
    const rows = users.map((u) => ({
      username: u.username,
      name: u.displayName,
      role: u.role,
      state: u.disabledAt
        ? 'disabled'
        : u.lockedUntil && Date.parse(u.lockedUntil) > ctx.now().getTime()
          ? 'locked'
          : 'active',
      created: u.createdAt.slice(0, 10),
    }));
    ctx.out(
      ctx.json
        ? JSON.stringify(rows, null, 2)
        : table(rows, ['username', 'name', 'role', 'state', 'created']),
    );
    return 0;
  }
  if (!action || !name) throw new UsageError(USAGE);
  try {
    ctx.out(await runAction(ctx, action, name));
    return 0;
  } catch (e) {
    if (e instanceof AccountError) throw new UsageError(e.message);
    throw e;
  }
}
