/**
 * An agreement in one plain sentence — what it is and since when — in the page's language: "Warrant Service
 * Officer agreement signed October 15, 2019; on ICE's list since our records begin in March 2021." When the first
 * list that shows it is the first list of its kind the ledger holds, the sentence says our records begin then
 * (it may be older); a signing date ICE did not publish is said so. Pure: pages and islands share it.
 */
import type { Lang, Translate } from './i18n.ts';
import { formatDate, formatMonthLong, label, MODEL_LABEL } from './i18n.ts';

export interface AgreementFacts {
  model: string;
  status: string;
  signed: string | null;
  firstListed: string;
  lastListed: string;
  firstPending: string | null;
  firstParticipating: string | null;
  /** Active by the grace rule but missing from ICE's latest list (issue 14). */
  notOnLatestList?: boolean;
}

/** The first list date of each kind the ledger holds (quarantined lists left out). */
export interface RecordsBegin {
  participating: string | null;
  pending: string | null;
}

/** "since" of a list: its date, or "our records begin in {month}" when it is the ledger's first list of the kind. */
export function since(t: Translate, lang: Lang, date: string, first: string | null): string {
  if (first && date <= first) return t('agrSinceRecords', { month: formatMonthLong(lang, date) });
  return t('agrOnDate', { date: formatDate(lang, date) });
}

/** The agreement's sentence. `next`: the signing date of the agreement that replaced it (superseded only). */
export function agreementSentence(
  t: Translate,
  lang: Lang,
  a: AgreementFacts,
  begin: RecordsBegin,
  next?: string | null,
): string {
  const model = label(MODEL_LABEL, lang, a.model);
  const signed = a.signed ? t('agrOnDate', { date: formatDate(lang, a.signed) }) : null;
  const listed = a.firstParticipating ?? a.firstListed;
  switch (a.status) {
    case 'pending':
      return t('agrPending', {
        model,
        since: since(t, lang, a.firstPending ?? a.firstListed, begin.pending),
      });
    case 'removed':
      return signed
        ? t('agrRemoved', {
            model,
            signed,
            from: formatDate(lang, listed),
            to: formatDate(lang, a.lastListed),
          })
        : t('agrRemovedUnsigned', {
            model,
            from: formatDate(lang, listed),
            to: formatDate(lang, a.lastListed),
          });
    case 'superseded':
      return t('agrSuperseded', {
        model,
        signed: signed ?? t('agrSignedUnknown'),
        next: next ? t('agrOnDate', { date: formatDate(lang, next) }) : t('agrSignedUnknown'),
      });
    default: {
      const s = since(t, lang, listed, begin.participating);
      const sentence = signed
        ? t('agrActive', { model, signed, since: s })
        : t('agrActiveUnsigned', { model, since: s });
      return a.notOnLatestList
        ? sentence + t('agrNotOnLatest', { date: formatDate(lang, a.lastListed) })
        : sentence;
    }
  }
}
