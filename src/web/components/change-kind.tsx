/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** What a change is: its kind as a label (marked when it happened on the pending list) and its details in words. */
import type { RenderCtx } from '../context.ts';
import { EVENT_LABEL, label } from '../i18n.ts';

export function ChangeKind({ ctx, kind, list }: { ctx: RenderCtx; kind: string; list: string }) {
  return (
    <span class={`kind k-${kind}`}>
      {label(EVENT_LABEL, ctx.lang, kind)}
      {list === 'pending' && kind !== 'pending-to-signed' ? ` (${ctx.t('pendingList')})` : ''}
    </span>
  );
}

/** A change's details in words (from → to for renames, moves and signed dates). */
export function changeDetail(c: { kind: string; details: Record<string, unknown> }): string {
  const d = c.details;
  const s = (v: unknown) =>
    typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v);
  switch (c.kind) {
    case 'renamed':
    case 'signed-date-changed':
      return d.from !== undefined || d.to !== undefined ? `${s(d.from)} → ${s(d.to)}` : '';
    case 're-signed': {
      // Signed dates, and the MOA documents when both are known (a re-signing is a new agreement).
      const dates = `${s(d.from)} → ${s(d.to)}`;
      return d.previousDocument && d.document
        ? `${dates} (${s(d.previousDocument)} → ${s(d.document)})`
        : dates;
    }
    case 'moved':
      return Object.entries(d)
        .filter(([, v]) => typeof v === 'string' && v.includes('>'))
        .map(([k, v]) => `${k}: ${(v as string).replace('>', ' → ')}`)
        .join('; ');
    default:
      return '';
  }
}
