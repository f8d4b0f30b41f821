/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * The national map's controls, hidden until the home island shows them: a toggle per model and per status, and the
 * time control (a slider over the lists, the date shown, a play button).
 */
import { MODELS, STATUSES } from '../../../read/timeline.ts';
import type { RenderCtx } from '../../context.ts';
import { formatDate, label, MODEL_LABEL, STATUS_LABEL } from '../../i18n.ts';
import { DEFAULT_STATUSES } from '../../map-layers.ts';

export function MapControls({ ctx, last }: { ctx: RenderCtx; last: number }) {
  const { t, lang } = ctx;
  return (
    <div class="map-controls" id="map-controls" hidden>
      <fieldset>
        <legend>{t('layerModels')}</legend>
        {MODELS.map((m) => (
          <label key={m} class="toggle">
            <input type="checkbox" name="model" value={m} checked />
            <span class={`key m-${m}`} aria-hidden="true" /> {m}
            <span class="visually-hidden"> — {label(MODEL_LABEL, lang, m)}</span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('layerStatus')}</legend>
        {STATUSES.map((s) => (
          <label key={s} class="toggle">
            <input type="checkbox" name="status" value={s} checked={DEFAULT_STATUSES.includes(s)} />
            {label(STATUS_LABEL, lang, s)}
          </label>
        ))}
      </fieldset>
      <TimeControl ctx={ctx} last={last} />
    </div>
  );
}

function TimeControl({ ctx, last }: { ctx: RenderCtx; last: number }) {
  const { t, lang } = ctx;
  const date = ctx.data.timeline.dates[last];
  return (
    <div class="time-control">
      <label for="time">{t('timeLabel')}</label>
      <input
        type="range"
        id="time"
        min="0"
        max={String(last)}
        value={String(last)}
        step="1"
        aria-valuetext={formatDate(lang, date)}
      />
      <output id="time-out" for="time">
        {formatDate(lang, date)}
      </output>
      <button type="button" id="play" class="button" aria-pressed="false">
        {t('play')}
      </button>
    </div>
  );
}
