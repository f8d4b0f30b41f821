/**
 * The national map: draws every county from the pre-projected geometry, shades them and places the agency dots
 * from the timeline for the chosen date, model and status layers; updates the headline numbers and the table;
 * hover shows a county's or agency's name, a click or tap shows its agencies below the map; the map zooms and pans
 * (home/map-zoom.ts). This file wires the
 * pieces in home/ (map, pointer, details, layers, time control, table, figures) to one state: the date index.
 * The date, the layers and the view are read from the URL (`/?on=2025-05-02&status=active&view=x,y,k`) and
 * written back to it.
 */

import { pageText } from '../../domain/display-text.ts';
import type { TimelineJson } from '../../read/timeline.ts';
import type { CompactGeometry } from '../geometry-decode.ts';
import { initLang, readJson } from './common.ts';
import type { HomeConfig } from './home/config.ts';
import { detailsPanel } from './home/details.ts';
import { showFigures } from './home/figures.ts';
import { checked, watchLayers } from './home/layers.ts';
import { drawMap } from './home/map.ts';
import { wireZoom } from './home/map-zoom.ts';
import { type Selection, selectionName } from './home/names.ts';
import { watchPointer } from './home/pointer.ts';
import { mapTable } from './home/table.ts';
import { timeControl } from './home/time-control.ts';
import { dateIndex, dateText, layerText, parseLayers } from './home/url.ts';
import { urlState } from './url-state.ts';

initLang();
const cfg = readJson<HomeConfig>('home-config');

async function start(c: HomeConfig) {
  const m = c.messages;
  const locale = m.lang === 'es' ? 'es-US' : 'en-US';
  const fmtN = new Intl.NumberFormat(locale);
  const fmtD = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const date = (iso: string | undefined) => (iso ? fmtD.format(new Date(`${iso}T00:00:00Z`)) : '');
  const [geo, tl] = await Promise.all([
    fetch(c.geometry).then((r) => r.json() as Promise<CompactGeometry>),
    fetch(c.timeline).then((r) => r.json() as Promise<TimelineJson>),
  ]);
  // Names as pages show them (controls out, right-to-left text isolated: domain/display-text.ts).
  for (const a of tl.agencies) a[1] = pageText(a[1]);
  const mapEl = document.getElementById('map');
  if (!mapEl) return;
  const map = drawMap(mapEl, geo, tl, c.stateXY);
  const name = (s: Selection) => selectionName(tl, map.countyName, s);
  const last = tl.dates.length - 1;
  const url = urlState();
  const state = { d: dateIndex(tl.dates, url.get('on')) ?? last };
  const defaults = { model: checked('model'), status: checked('status') };
  for (const name of ['model', 'status'] as const) restoreLayers(name, url.get(name));
  let selected: Selection | null = null;
  const showDetails = detailsPanel(tl, m, name);
  const showTable = mapTable(tl, m, map.countyName, update);
  const showTime = timeControl(state, last, m, update, schedule);
  watchLayers(schedule);

  function update() {
    const models = checked('model');
    const statuses = checked('status');
    const day = date(tl.dates[state.d]);
    map.paint(state.d, models, statuses);
    showFigures(tl, state.d, m, fmtN, day);
    showTime(day);
    showTable(state.d, models, statuses, day);
    showDetails(selected, state.d);
    url.set('on', dateText(tl.dates, state.d));
    url.set('model', layerText(models, defaults.model));
    url.set('status', layerText(statuses, defaults.status));
  }

  let frame = 0;
  function schedule() {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      update();
    });
  }

  watchPointer(mapEl, map.svg, name);
  wireZoom(
    mapEl,
    map,
    url,
    (s) => {
      selected = s;
      showDetails(selected, state.d);
    },
    m.mapWheelHint,
  );
  mapEl.dataset.ready = 'true';
  update();
}

/** Checks the boxes of a layer as its URL text says (nothing changes without one). */
function restoreLayers(name: string, text: string | null) {
  const boxes = Array.from(
    document.querySelectorAll<HTMLInputElement>(`#map-controls input[name="${name}"]`),
  );
  const want = parseLayers(
    text,
    boxes.map((b) => b.value),
  );
  if (want) for (const b of boxes) b.checked = want.has(b.value);
}

if (cfg)
  start(cfg).catch((e) => {
    const mapEl = document.getElementById('map');
    if (mapEl) mapEl.textContent = String(e);
  });
