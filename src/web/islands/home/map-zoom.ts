/**
 * Wires the zoom controller (zoom.ts) to the national map: the view comes from the URL (`view=x,y,k`) and goes back
 * to it; the map box takes keyboard focus; the buttons zoom about the centre; a tap or click selects what is under
 * it. On touch a tap always selects the county under the finger (a dot never covers it: the county's panel lists
 * its agencies); with a mouse the dot under the pointer is selected, else the county. After each zoom the dots are
 * drawn again for the new scale (map.ts), so they keep about the same size on screen and stop covering counties.
 */
import type { NationalMap } from './map.ts';
import type { Selection } from './names.ts';
import { selectionOf } from './pointer.ts';
import { type Frame, fullView, parseView, type View, viewText, zoomAt } from './view.ts';
import { zoomable } from './zoom.ts';

interface UrlLike {
  get: (key: string) => string | null;
  set: (key: string, value: string) => void;
}

/** What is drawn at a screen point: the dot (mouse only) or the county. */
export function hitAt(x: number, y: number, pointerType: string): Selection | null {
  for (const el of document.elementsFromPoint(x, y)) {
    const s = selectionOf(el);
    if (s && (s.kind === 'county' || pointerType === 'mouse')) return s;
  }
  return null;
}

function frameOf(svg: SVGSVGElement): Frame {
  const b = svg.viewBox.baseVal;
  return { x: b.x, y: b.y, w: b.width, h: b.height };
}

/** Makes the map zoomable; returns the view now shown. */
export function wireZoom(
  mapEl: HTMLElement,
  map: NationalMap,
  url: UrlLike,
  select: (s: Selection | null) => void,
  wheelHint: string,
): () => View {
  const frame = frameOf(map.svg);
  mapEl.tabIndex = 0;
  mapEl.setAttribute('aria-describedby', 'map-zoom-help');
  const hint = document.createElement('p');
  hint.className = 'map-hint';
  hint.hidden = true;
  hint.setAttribute('role', 'status');
  mapEl.append(hint);
  let hintTimer: ReturnType<typeof setTimeout> | null = null;
  const zoom = zoomable(mapEl, map.svg, frame, parseView(frame, url.get('view')), {
    commit: (v) => {
      url.set('view', viewText(v));
      map.scale(v.k);
    },
    tap: (e, type) => select(hitAt(e.clientX, e.clientY, type)),
    hint: () => {
      hint.textContent = wheelHint;
      hint.hidden = false;
      if (hintTimer) clearTimeout(hintTimer);
      hintTimer = setTimeout(() => {
        hint.hidden = true;
      }, 1500);
    },
  });
  map.scale(zoom.view().k);
  watchButtons(frame, zoom);
  return () => zoom.view();
}

function watchButtons(frame: Frame, zoom: ReturnType<typeof zoomable>): void {
  const box = document.getElementById('map-zoom');
  if (!box) return;
  box.hidden = false;
  box.addEventListener('click', (e) => {
    const which = (e.target as Element | null)?.closest('button')?.getAttribute('data-zoom');
    const v = zoom.view();
    if (which === 'in') zoom.set(zoomAt(frame, v, 2, v.cx, v.cy));
    else if (which === 'out') zoom.set(zoomAt(frame, v, 0.5, v.cx, v.cy));
    else if (which === 'reset') zoom.set(fullView(frame));
  });
}
