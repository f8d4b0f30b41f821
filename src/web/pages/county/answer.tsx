/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * The answer to "is my county in it?", first on the county's page: whether the sheriff or county jail holds an
 * agreement, else how many other agencies of the county do, else whether one is pending, else no agreement (and
 * how many agencies here had one before), as of ICE's latest list.
 */
import type { RenderCtx } from '../../context.ts';
import { formatDate } from '../../i18n.ts';
import type { CountyData } from './data.ts';

export function CountyAnswer({ ctx, d }: { ctx: RenderCtx; d: CountyData }) {
  const { t, lang } = ctx;
  const latest = ctx.data.fresh.participating?.date ?? null;
  const place = `${d.county.label}, ${d.stateName}`;
  const date = latest ? formatDate(lang, latest) : '—';
  const active = d.agencies.filter((a) => a.detail.status === 'active');
  const sheriff = active.filter((a) => a.level === 'sheriff');
  const pending = d.agencies.filter((a) => a.detail.status === 'pending').length;
  const former = d.agencies.filter((a) => a.detail.status === 'removed').length;
  const asOf = (
    <time datetime={latest ?? undefined} data-latest="">
      {date}
    </time>
  );
  const words = (key: Parameters<typeof t>[0], n = 0) => t(key, { place, n, date: '\u0000' }).split('\u0000');
  const parts =
    sheriff.length > 0
      ? words('countyAnswerSheriff')
      : active.length > 0
        ? words('countyAnswerOthers', active.length)
        : pending > 0
          ? words('countyAnswerPending', pending)
          : words('countyAnswerNo');
  return (
    <p
      class="answer"
      data-answer={
        sheriff.length > 0 ? 'sheriff' : active.length > 0 ? 'others' : pending > 0 ? 'pending' : 'no'
      }
    >
      {parts[0]}
      {asOf}
      {parts[1]}
      {active.length === 0 && former > 0 ? ` ${t('countyAnswerFormer', { n: former })}` : ''}
    </p>
  );
}
