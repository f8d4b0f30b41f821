/**
 * The national map: draws every county from the pre-projected geometry, shades them and places the agency dots
 * from the timeline for the chosen date, model and status layers; updates the headline numbers and the table;
 * hover shows a county's or agency's name, a click or tap shows its agencies below the map. This file wires the
 * pieces in home/ (map, pointer, details, layers, time control, table, figures) to one state: the date index.
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
import { type Selection, selectionName } from './home/names.ts';
import { watchPointer } from './home/pointer.ts';
import { mapTable } from './home/table.ts';
import { timeControl } from './home/time-control.ts';

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
  const state = { d: last };
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
  }

  let frame = 0;
  function schedule() {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      update();
    });
  }

  watchPointer(mapEl, map.svg, name, (s) => {
    selected = s;
    showDetails(selected, state.d);
  });
  mapEl.dataset.ready = 'true';
  update();
}

if (cfg)
  start(cfg).catch((e) => {
    const mapEl = document.getElementById('map');
    if (mapEl) mapEl.textContent = String(e);
  });
