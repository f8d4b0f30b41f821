/**
 * Public tips and corrections (issue 18): what a visitor wrote on an agency page, kept for the editors'
 * moderation queue and never shown publicly. The visitor's contact is kept private (editors with the reviewer
 * role see it); their address is not kept, only a hash of it (to see a flood from one client).
 */
import type { TipKind, TipState } from '../domain/evidence.ts';
import type { Db } from './db.ts';

export interface TipInput {
  receivedAt: string;
  kind: TipKind;
  agencyId: string;
  lang: 'en' | 'es';
  what: string;
  place: string;
  sourceUrl: string | null;
  contact: string | null;
  clientKey: string;
}

export interface TipRow extends TipInput {
  tipId: number;
  state: TipState;
  moderatedBy: number | null;
  moderatedAt: string | null;
  moderationNote: string | null;
  recordId: string | null;
}

type Raw = {
  tip_id: number;
  received_at: string;
  kind: string;
  agency_id: string;
  lang: string;
  what: string;
  place: string;
  source_url: string | null;
  contact: string | null;
  client_key: string;
  state: string;
  moderated_by: number | null;
  moderated_at: string | null;
  moderation_note: string | null;
  record_id: string | null;
};

const toTip = (r: Raw): TipRow => ({
  tipId: r.tip_id,
  receivedAt: r.received_at,
  kind: r.kind as TipKind,
  agencyId: r.agency_id,
  lang: r.lang as 'en' | 'es',
  what: r.what,
  place: r.place,
  sourceUrl: r.source_url,
  contact: r.contact,
  clientKey: r.client_key,
  state: r.state as TipState,
  moderatedBy: r.moderated_by,
  moderatedAt: r.moderated_at,
  moderationNote: r.moderation_note,
  recordId: r.record_id,
});

export async function insertTip(db: Db, t: TipInput): Promise<number> {
  const r = await db
    .insertInto('tips')
    .values({
      received_at: t.receivedAt,
      kind: t.kind,
      agency_id: t.agencyId,
      lang: t.lang,
      what: t.what,
      place: t.place,
      source_url: t.sourceUrl,
      contact: t.contact,
      client_key: t.clientKey,
      state: 'new',
    })
    .returning('tip_id')
    .executeTakeFirstOrThrow();
  return r.tip_id;
}

export async function getTip(db: Db, tipId: number): Promise<TipRow | null> {
  const r = await db.selectFrom('tips').selectAll().where('tip_id', '=', tipId).executeTakeFirst();
  return r ? toTip(r) : null;
}

/** Tips in one state (or all), oldest first. */
export async function listTips(db: Db, state?: TipState, limit = 500): Promise<TipRow[]> {
  let q = db.selectFrom('tips').selectAll().orderBy('tip_id').limit(limit);
  if (state !== undefined) q = q.where('state', '=', state);
  return (await q.execute()).map(toTip);
}

/** How many tips are in each state. */
export async function tipCounts(db: Db): Promise<Record<TipState, number>> {
  const rows = await db
    .selectFrom('tips')
    .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('state')
    .execute();
  const out: Record<TipState, number> = { new: 0, drafted: 0, dismissed: 0, spam: 0 };
  for (const r of rows) out[r.state as TipState] = Number(r.n);
  return out;
}

export async function moderateTip(
  db: Db,
  tipId: number,
  m: { state: TipState; by: number; at: string; note: string | null; recordId?: string },
): Promise<void> {
  await db
    .updateTable('tips')
    .set({
      state: m.state,
      moderated_by: m.by,
      moderated_at: m.at,
      moderation_note: m.note,
      ...(m.recordId !== undefined ? { record_id: m.recordId } : {}),
    })
    .where('tip_id', '=', tipId)
    .execute();
}
