/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** The publication a fact came from: its kind and date (and label), or its number when the ledger lacks it. */
import type { RenderCtx } from '../../context.ts';
import { formatDate } from '../../i18n.ts';

export function PubRef({ ctx, id }: { ctx: RenderCtx; id: number | null | undefined }) {
  if (id === null || id === undefined) return null;
  const p = ctx.data.publications.get(id);
  if (!p) return <span class="source">#{id}</span>;
  return (
    <span class="source">
      {ctx.t('agencySource', {
        kind:
          ctx.lang === 'en' ? p.kind : p.kind === 'pending' ? ctx.t('pendingList') : ctx.t('participating'),
        date: formatDate(ctx.lang, p.date),
      })}
      {p.label ? ` (${p.label})` : ''}
    </span>
  );
}
