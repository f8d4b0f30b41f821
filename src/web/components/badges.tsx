/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** The small labels pages put beside an agreement or agency: its 287(g) model and its status. */
import type { RenderCtx } from '../context.ts';
import { label, MODEL_LABEL, STATUS_LABEL } from '../i18n.ts';

export function ModelBadge({ ctx, model }: { ctx: RenderCtx; model: string }) {
  return (
    <abbr class={`badge m-${model}`} title={label(MODEL_LABEL, ctx.lang, model)}>
      {model}
    </abbr>
  );
}

export function StatusBadge({ ctx, status }: { ctx: RenderCtx; status: string }) {
  return <span class={`status st-${status}`}>{label(STATUS_LABEL, ctx.lang, status)}</span>;
}
