/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * The answer to "is my county in it, since when?", first on the county's page: whether the sheriff or county jail
 * holds an agreement, else how many other agencies of the county do, else whether one is pending, else no agreement
 * (and how many agencies here had one before). Its date is the county's own — when the agreement that answers was
 * first listed, when the last one was taken off, or when our records begin — never the latest list's, so the
 * sentence stays true (and the page the same) while the county's answer does not change.
 */

import type { AgreementRecord } from '../../../read/records.ts';
import { since } from '../../agreement-words.ts';
import type { RenderCtx } from '../../context.ts';
import type { CountyAgency, CountyData } from './data.ts';

/** The earliest of `pick` over the agreements of `agencies` that have `status`. */
function earliest(
  agencies: CountyAgency[],
  status: string,
  pick: (a: AgreementRecord) => string | null,
): string | null {
  let out: string | null = null;
  for (const a of agencies)
    for (const g of a.detail.agreements) {
      const v = g.status === status ? pick(g) : null;
      if (v && (out === null || v < out)) out = v;
    }
  return out;
}

/** When the county last had an agreement taken off ICE's lists (its agencies' latest removal), or null. */
function lastRemoval(agencies: CountyAgency[]): string | null {
  let out: string | null = null;
  for (const a of agencies)
    for (const e of a.detail.events) if (e.kind === 'removed' && (out === null || e.date > out)) out = e.date;
  return out;
}

export function CountyAnswer({ ctx, d }: { ctx: RenderCtx; d: CountyData }) {
  const { t, lang } = ctx;
  const begin = ctx.model.recordsBegin;
  const place = `${d.county.label}, ${d.stateName}`;
  const active = d.agencies.filter((a) => a.detail.status === 'active');
  const sheriff = active.filter((a) => a.level === 'sheriff');
  const pending = d.agencies.filter((a) => a.detail.status === 'pending');
  const former = d.agencies.filter((a) => a.detail.status === 'removed').length;
  const listed = (g: AgreementRecord) => g.firstParticipating ?? g.firstListed;
  const sinceOf = (date: string | null, first: string | null) => since(t, lang, date ?? first ?? '', first);
  const kind =
    sheriff.length > 0 ? 'sheriff' : active.length > 0 ? 'others' : pending.length > 0 ? 'pending' : 'no';
  const text =
    kind === 'sheriff'
      ? t('countyAnswerSheriff', {
          place,
          since: sinceOf(earliest(sheriff, 'active', listed), begin.participating),
        })
      : kind === 'others'
        ? t('countyAnswerOthers', {
            place,
            n: active.length,
            since: sinceOf(earliest(active, 'active', listed), begin.participating),
          })
        : kind === 'pending'
          ? t('countyAnswerPending', {
              place,
              n: pending.length,
              since: sinceOf(
                earliest(pending, 'pending', (g) => g.firstPending ?? g.firstListed),
                begin.pending,
              ),
            })
          : t('countyAnswerNo', { place, since: sinceOf(lastRemoval(d.agencies), begin.participating) });
  return (
    <p class="answer" data-answer={kind}>
      {text}
      {active.length === 0 && former > 0 ? ` ${t('countyAnswerFormer', { n: former })}` : ''}
    </p>
  );
}
