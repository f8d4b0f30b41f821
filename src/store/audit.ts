/**
 * The audit log (issue 18): one row per change made by an editor, the CLI or the public (a tip) — who, when, what,
 * on which entity, and the state before and after. Append-only: the database itself refuses UPDATE, DELETE and
 * TRUNCATE on the table (a trigger, migration 009), so no code path can rewrite it. Rows are written in the same
 * transaction as the change they describe.
 */
import type { Db } from './db.ts';

export interface AuditEntry {
  at: string;
  /** The account that acted, or null (the public, the CLI before any account exists). */
  actorId: number | null;
  /** Who acted, in words: a username, `public`, `cli`. */
  actor: string;
  /** What was done, as `noun.verb` (`record.approve`, `user.add`, `tip.receive`). */
  action: string;
  /** What it was done to, as `kind:id` (`record:evd-…`, `user:alice`, `tip:12`). */
  entity: string;
  before: object | null;
  after: object | null;
}

export interface AuditRow extends AuditEntry {
  auditId: number;
}

export async function appendAudit(db: Db, e: AuditEntry): Promise<number> {
  const r = await db
    .insertInto('audit_log')
    .values({
      at: e.at,
      actor_id: e.actorId,
      actor: e.actor,
      action: e.action,
      entity: e.entity,
      before: e.before === null ? null : JSON.stringify(e.before),
      after: e.after === null ? null : JSON.stringify(e.after),
    })
    .returning('audit_id')
    .executeTakeFirstOrThrow();
  return Number(r.audit_id);
}

export interface AuditQuery {
  /** Only entries of this entity (`record:evd-…`). */
  entity?: string;
  /** Entries after this id (for paging through the whole log). */
  afterId?: number;
  /** Entries at or after this instant. */
  since?: string;
  limit?: number;
}

/** Entries oldest first. */
export async function listAudit(db: Db, q: AuditQuery = {}): Promise<AuditRow[]> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('audit_id');
  if (q.entity !== undefined) query = query.where('entity', '=', q.entity);
  if (q.afterId !== undefined) query = query.where('audit_id', '>', String(q.afterId));
  if (q.since !== undefined) query = query.where('at', '>=', q.since);
  if (q.limit !== undefined) query = query.limit(q.limit);
  const rows = await query.execute();
  return rows.map((r) => ({
    auditId: Number(r.audit_id),
    at: r.at,
    actorId: r.actor_id,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    before: r.before as object | null,
    after: r.after as object | null,
  }));
}
