/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * The national county map's section: its controls, the box the home island draws the map in (a placeholder and a
 * note without script), the details panel, the legend and the table alternative.
 */
import { Legend } from '../../components/legend.tsx';
import type { RenderCtx } from '../../context.ts';
import { MapControls } from './map-controls.tsx';
import { MapTable } from './map-table.tsx';

export function MapSection({ ctx, last }: { ctx: RenderCtx; last: number }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="map-title" class="map-section">
      <h2 id="map-title">{t('mapTitle')}</h2>
      <p id="map-desc">{t('mapDesc')}</p>
      <MapControls ctx={ctx} last={last} />
      <div class="map-zoom" id="map-zoom" hidden>
        <button type="button" class="button" data-zoom="in" aria-controls="map">
          <span aria-hidden="true">+</span> {t('mapZoomIn')}
        </button>
        <button type="button" class="button" data-zoom="out" aria-controls="map">
          <span aria-hidden="true">−</span> {t('mapZoomOut')}
        </button>
        <button type="button" class="button" data-zoom="reset" aria-controls="map">
          {t('mapZoomReset')}
        </button>
        <p id="map-zoom-help" class="note">
          {t('mapZoomHelp')}
        </p>
      </div>
      <div id="map" class="map" data-loading={t('mapLoading')}>
        <p class="map-placeholder">{t('mapLoading')}</p>
      </div>
      <noscript>
        <p class="note">{t('mapNoScript')}</p>
      </noscript>
      <div id="map-details" class="map-details" aria-live="polite">
        <p>{t('detailsHint')}</p>
      </div>
      <Legend ctx={ctx} />
      <MapTable ctx={ctx} last={last} />
    </section>
  );
}
