/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** An agreement's listing intervals: on which list, from when to when (or still), its gaps, and the lists seen. */
import type { RenderCtx } from '../../context.ts';
import { formatDate, LIST_LABEL, label } from '../../i18n.ts';
import type { Agreement } from './agreements.tsx';
import { PubRef } from './pub-ref.tsx';

export function Listings({ ctx, intervals }: { ctx: RenderCtx; intervals: Agreement['intervals'] }) {
  const { t, lang } = ctx;
  return (
    <ul class="intervals">
      {intervals.map((i) => (
        <li key={`${i.list}${i.from}`}>
          <strong>{label(LIST_LABEL, lang, i.list)}</strong>:{' '}
          {i.open
            ? t('agencyListedOpen', { from: formatDate(lang, i.from) })
            : t('agencyListedRange', { from: formatDate(lang, i.from), to: formatDate(lang, i.to) })}
          {i.gaps > 0 ? ` (${t('agencyGaps', { n: i.gaps })})` : ''} —{' '}
          <PubRef ctx={ctx} id={i.fromPublication} />
          {i.toPublication && i.toPublication !== i.fromPublication ? (
            <>
              {' → '}
              <PubRef ctx={ctx} id={i.toPublication} />
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
