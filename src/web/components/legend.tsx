/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** The map legend: a swatch per model, several models, pending and removed. */
import { MODELS } from '../../read/timeline.ts';
import type { RenderCtx } from '../context.ts';
import { label, MODEL_LABEL, STATUS_LABEL } from '../i18n.ts';

export function Legend({ ctx }: { ctx: RenderCtx }) {
  const { t } = ctx;
  const item = (cls: string, text: string) => (
    <li key={cls}>
      <svg class="swatch" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
        <rect class={cls} width="16" height="16" />
      </svg>
      {text}
    </li>
  );
  return (
    <div class="legend">
      <h3 class="legend-title">{t('legend')}</h3>
      <ul>
        {MODELS.map((m) => item(`s-active m-${m}`, `${m}: ${label(MODEL_LABEL, ctx.lang, m)}`))}
        {item('s-active m-several', t('several'))}
        {item('s-pending m-several', label(STATUS_LABEL, ctx.lang, 'pending'))}
        {item('s-removed', label(STATUS_LABEL, ctx.lang, 'removed'))}
      </ul>
    </div>
  );
}
