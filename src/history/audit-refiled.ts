/**
 * The audit's `refiled-document` entries (issue 14): agreements whose participating rows printed two or more MOA
 * file names under one signed date. The fold keeps one agreement (a signed-date correction or a re-signing needs
 * another signed date: docs/history.md), because ICE files PDFs again under new names; but ICE also links another
 * agency's PDF. Resolved by rule when every file name names the agreement's agency (each distinctive word of its
 * name), no other model, and a date within three days of the signed date (or none); otherwise open, with why.
 */
import { GENERIC } from '../identify/similarity.ts';
import { STATE_NAMES } from '../normalize/state.ts';
import type { AuditAgreement, AuditDocumentUse, AuditEntry } from './audit.ts';

const MODEL_WORD = /(?:^|[^a-z])(jem|wso|tfm)(?=[^a-z]|$)|287g(jem|wso|tfm)/;
const NEAR_DAYS = 3;

/** The date a file name is written with (2020-06-09, 02.26.2025, 04.14.25, 02262025, 042925), or null. */
export function fileDate(file: string): string | null {
  const stem = file.replace(/\.pdf$/i, '');
  const iso = /(20\d\d)-(\d\d)-(\d\d)/.exec(stem);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const runs = (stem.match(/\d[\d._-]*\d/g) ?? []).map((r) => r.replace(/\D/g, ''));
  const digits = runs.filter((r) => r.length === 6 || r.length === 8).pop();
  if (!digits) return null;
  const mm = digits.slice(0, 2);
  const dd = digits.slice(2, 4);
  const year = digits.length === 6 ? `20${digits.slice(4)}` : digits.slice(4);
  if (Number(mm) < 1 || Number(mm) > 12 || Number(dd) < 1 || Number(dd) > 31) return null;
  return `${year}-${mm}-${dd}`;
}

/** The words of an agency's name that a file name of its own would spell (not generic, not the state's name). */
function ownWords(name: string, state: string): string[] {
  const local = new Set((STATE_NAMES[state] ?? '').toLowerCase().split(' '));
  const words = name
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length >= 3 && !GENERIC.has(w) && !local.has(w));
  return words.length > 0 ? words : [(STATE_NAMES[state] ?? '').toLowerCase().replace(/ /g, '')];
}

const days = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;

/** Why a file name is not this agreement's own MOA, or null when it is. */
function notOwn(a: AuditAgreement, file: string, signed: string): string | null {
  const squashed = file.toLowerCase().replace(/[^a-z0-9]/g, '');
  const missing = ownWords(a.name, a.state).filter((w) => !squashed.includes(w));
  if (missing.length > 0)
    return `${file} does not name "${a.name}" (no ${missing.map((w) => `"${w}"`).join(', ')})`;
  const m = MODEL_WORD.exec(file.toLowerCase());
  const model = (m?.[1] ?? m?.[2])?.toUpperCase();
  if (model && model !== a.model) return `${file} names the model ${model}, not ${a.model}`;
  const date = fileDate(file);
  if (date && days(date, signed) > NEAR_DAYS)
    return `${file} is dated ${date}, not within ${NEAR_DAYS} days of the signed date ${signed}`;
  return null;
}

export function refiledDocuments(
  agreements: readonly AuditAgreement[],
  uses: readonly AuditDocumentUse[],
): AuditEntry[] {
  const byAgreement = new Map<string, AuditDocumentUse[]>();
  for (const u of uses) byAgreement.set(u.agreementId, [...(byAgreement.get(u.agreementId) ?? []), u]);
  const out: AuditEntry[] = [];
  for (const a of agreements) {
    const docs = (byAgreement.get(a.agreementId) ?? []).sort((x, y) => x.first.localeCompare(y.first));
    if (docs.length < 2) continue;
    const common = (docs[0]?.signed ?? []).filter((s) => docs.every((d) => d.signed.includes(s))).sort();
    const signed = common[0];
    if (!signed) continue;
    const why = docs.map((d) => notOwn(a, d.document, signed)).filter((x): x is string => x !== null);
    const lists = docs.map((d) => `${d.document} on ${d.lists} list(s), ${d.first} to ${d.last}`).join('; ');
    const entry = {
      kind: 'refiled-document' as const,
      state: a.state,
      subjects: [a.agencyId, a.agreementId],
      evidence: `"${a.name}" ${a.model}, signed ${signed} on every row: ${lists}. One agreement: a signed-date correction or a re-signing needs another signed date, and ICE files MOAs again under new names`,
      suggestion:
        why.length > 0
          ? "read both PDFs: another agency's MOA linked by mistake needs nothing here; a new MOA of this agency needs its signed date corrected in src/reference/signed-date-corrections.csv (then it is a re-signing), with the PDF quoted"
          : 'nothing: one MOA filed under two names',
    };
    out.push(
      why.length > 0
        ? { ...entry, resolvedBy: null, reason: `${why.join('; ')}: only the signed date ties the rows` }
        : {
            ...entry,
            resolvedBy: `rule: one MOA filed again (every file name names the agency and model, dated within ${NEAR_DAYS} days of the signed date or not dated)`,
            reason: null,
          },
    );
  }
  return out;
}
