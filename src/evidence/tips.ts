/**
 * Public tips and corrections: reading the form (plain text only, size-limited, a honeypot field and the timing
 * token), keeping a tip for the moderation queue (never shown publicly), turning one into a draft record in one
 * step, and dismissing one. The contact a visitor leaves is kept private: it is not written to the audit log.
 */
import { createHash } from 'node:crypto';
import { type EvidenceContent, isHttpUrl, TIP_KINDS, type TipKind } from '../domain/evidence.ts';
import type { Actor, ServiceDeps } from '../editors/deps.ts';
import { appendAudit } from '../store/audit.ts';
import type { Db } from '../store/db.ts';
import { getTip, insertTip, moderateTip, type TipInput, type TipRow } from '../store/tips.ts';
import { transaction } from '../store/transaction.ts';
import { EvidenceError } from './errors.ts';
import { plainLine, plainText } from './plain-text.ts';
import { createRecord } from './records.ts';
import { checkTipToken, type TokenCheck } from './tip-token.ts';
import type { Problem } from './validate.ts';

export const TIP_LIMITS = { what: 4000, place: 300, source: 2000, contact: 300, links: 5 } as const;
/** The largest form body accepted (bytes): the fields' limits, with room for encoding. */
export const TIP_MAX_BODY = 24 * 1024;
/** The honeypot: a field people never see (hidden by the stylesheet) and bots fill in. */
export const HONEYPOT = 'website';

export type TipForm = Record<string, string | undefined>;

export type TipReading =
  | { ok: true; tip: Omit<TipInput, 'receivedAt' | 'clientKey'> }
  | { ok: false; bot: 'honeypot' | TokenCheck | null; problems: Problem[] };

/** Reads a submitted tip form; `agencyExists` says whether its agency ID names an agency of the ledger. */
export function readTipForm(
  form: TipForm,
  secret: Uint8Array,
  nowMs: number,
  agencyExists: (id: string) => boolean,
): TipReading {
  if ((form[HONEYPOT] ?? '') !== '') return { ok: false, bot: 'honeypot', problems: [] };
  const timing = checkTipToken(secret, form.t ?? '', nowMs);
  if (timing !== 'ok') return { ok: false, bot: timing, problems: [] };
  const problems: Problem[] = [];
  const agencyId = plainLine(form.agency ?? '');
  if (!agencyExists(agencyId)) problems.push({ field: 'agency', message: 'unknown agency' });
  const kind = (TIP_KINDS as readonly string[]).includes(form.kind ?? '') ? (form.kind as TipKind) : 'record';
  const lang = form.lang === 'es' ? 'es' : 'en';
  const what = plainText(form.what ?? '');
  const place = plainLine(form.place ?? '');
  const source = plainLine(form.source ?? '');
  const contact = plainLine(form.contact ?? '');
  if (!what) problems.push({ field: 'what', message: 'empty' });
  if (what.length > TIP_LIMITS.what) problems.push({ field: 'what', message: 'too long' });
  if ((what.match(/https?:\/\//g) ?? []).length > TIP_LIMITS.links)
    problems.push({ field: 'what', message: 'links' });
  if (place.length > TIP_LIMITS.place) problems.push({ field: 'place', message: 'too long' });
  if (source && (!isHttpUrl(source) || source.length > TIP_LIMITS.source))
    problems.push({ field: 'source', message: 'not a link' });
  if (contact.length > TIP_LIMITS.contact) problems.push({ field: 'contact', message: 'too long' });
  if (problems.length > 0) return { ok: false, bot: null, problems };
  return {
    ok: true,
    tip: { kind, agencyId, lang, what, place, sourceUrl: source || null, contact: contact || null },
  };
}

/** The key a client's tips are counted by: a hash of its address (the address itself is not kept). */
export function clientKeyOf(address: string): string {
  return createHash('sha256').update(`reassess tip client|${address}`).digest('hex');
}

/** Keeps a tip in the moderation queue; its number. */
export async function receiveTip(
  db: Db,
  deps: ServiceDeps,
  tip: Omit<TipInput, 'receivedAt'>,
): Promise<number> {
  const at = deps.now().toISOString();
  return transaction(db, async (tx) => {
    const tipId = await insertTip(tx, { ...tip, receivedAt: at });
    await appendAudit(tx, {
      at,
      actorId: null,
      actor: 'public',
      action: 'tip.receive',
      entity: `tip:${tipId}`,
      before: null,
      after: {
        kind: tip.kind,
        agencyId: tip.agencyId,
        lang: tip.lang,
        characters: tip.what.length,
        source: tip.sourceUrl,
        contactGiven: tip.contact !== null,
      },
    });
    return tipId;
  });
}

/** The agency a draft made from a tip is about, as the ledger knows it. */
export interface TipAgency {
  agencyId: string;
  name: string;
  state: string;
  countyFips: string | null;
}

/** The draft content a tip suggests: its text as the summary, its link as a source still to be quoted. */
export function tipDraft(tip: TipRow, agency: TipAgency, today: string): EvidenceContent {
  const firstLine = tip.what.split('\n')[0] ?? '';
  return {
    agencyId: agency.agencyId,
    agencyName: agency.name,
    state: agency.state,
    countyFips: agency.countyFips,
    kind: 'reporting',
    date: today,
    title: firstLine.length > 120 ? `${firstLine.slice(0, 117)}…` : firstLine,
    summary: tip.place ? `${tip.what}\n\nWhere: ${tip.place}` : tip.what,
    status: 'alleged',
    criteria: [],
    checklist: [],
    sources: tip.sourceUrl
      ? [
          {
            url: tip.sourceUrl,
            publisher: new URL(tip.sourceUrl).hostname,
            date: null,
            quote: '',
            archivedSha256: null,
          },
        ]
      : [],
  };
}

async function openTip(db: Db, tipId: number): Promise<TipRow> {
  const tip = await getTip(db, tipId);
  if (!tip) throw new EvidenceError(`no tip ${tipId}`, 404);
  if (tip.state !== 'new') throw new EvidenceError(`tip ${tipId} was already handled (${tip.state})`, 409);
  return tip;
}

/** Turns a tip into a draft record (one step); the record's ID. */
export async function draftFromTip(
  db: Db,
  deps: ServiceDeps,
  actor: Actor & { userId: number },
  tipId: number,
  agency: (agencyId: string) => TipAgency | null,
): Promise<string> {
  const tip = await openTip(db, tipId);
  const a = agency(tip.agencyId);
  if (!a) throw new EvidenceError(`the tip's agency ${tip.agencyId} is not in the ledger`, 409);
  const today = deps.now().toISOString().slice(0, 10);
  const recordId = await createRecord(db, deps, actor, {
    content: tipDraft(tip, a, today),
    origin: 'tip',
    note: `drafted from tip ${tipId}`,
  });
  await moderate(db, deps, actor, tipId, 'drafted', `draft ${recordId}`, recordId);
  return recordId;
}

/** Closes a tip: drafted (with its record), dismissed or spam. */
export async function moderate(
  db: Db,
  deps: ServiceDeps,
  actor: Actor & { userId: number },
  tipId: number,
  state: 'drafted' | 'dismissed' | 'spam',
  note: string,
  recordId?: string,
): Promise<void> {
  const at = deps.now().toISOString();
  await transaction(db, async (tx) => {
    const tip = await openTip(tx, tipId);
    await moderateTip(tx, tipId, { state, by: actor.userId, at, note, ...(recordId ? { recordId } : {}) });
    await appendAudit(tx, {
      at,
      actorId: actor.userId,
      actor: actor.name,
      action: `tip.${state === 'drafted' ? 'draft' : state === 'spam' ? 'spam' : 'dismiss'}`,
      entity: `tip:${tipId}`,
      before: { state: tip.state },
      after: { state, note, ...(recordId ? { recordId } : {}) },
    });
  });
}
