/**
 * Zoom and pan of the national map, by mouse (wheel once the map has focus, or with Ctrl; drag), touch (drag when
 * zoomed in, pinch) and keyboard (+ and − zoom, arrows pan, 0 resets), and by its buttons. While a gesture lasts
 * the drawn map only moves (a CSS transform the compositor applies, so it stays smooth on slow machines); when it
 * ends, the view is committed: the SVG's viewBox changes and the map redraws its points for the new zoom.
 * A tap or click that did not move reports where it happened, for the map to open what is there.
 */
import { clampView, type Frame, type View, viewBox, zoomAt } from './view.ts';

export interface ZoomHooks {
  /** A new view is in place (after a gesture, a key or a button). */
  commit: (v: View) => void;
  /** A tap or click that did not move: the event and its pointer type. */
  tap: (e: PointerEvent, pointerType: string) => void;
  /** A wheel over the map while it does not zoom with the wheel: say how to zoom. */
  hint: () => void;
}

export interface Zoom {
  view: () => View;
  set: (v: View) => void;
  /** Map units per screen pixel at the committed view. */
  unitsPerPixel: () => number;
  /** The map point under a screen point. */
  toMap: (clientX: number, clientY: number) => [number, number];
}

interface Gesture {
  start: View;
  points: Map<number, { x: number; y: number; x0: number; y0: number }>;
  moved: boolean;
  pinch: { d0: number; mx: number; my: number } | null;
}

const TAP_SLOP = 6;

export function zoomable(
  box: HTMLElement,
  svg: SVGSVGElement,
  frame: Frame,
  initial: View,
  hooks: ZoomHooks,
): Zoom {
  let committed = clampView(frame, initial);
  let live = committed;
  let frameReq = 0;
  let idle: ReturnType<typeof setTimeout> | null = null;

  const rect = () => svg.getBoundingClientRect();
  const scaleOf = (v: View) => (box.clientWidth || rect().width || 1) / (frame.w / v.k);
  const toMapAt = (v: View, clientX: number, clientY: number): [number, number] => {
    const r = box.getBoundingClientRect();
    const [x0, y0] = viewBox(frame, v);
    const s = scaleOf(v);
    return [x0 + (clientX - r.left) / s, y0 + (clientY - r.top) / s];
  };
  const apply = (v: View) => {
    const [x, y, w, h] = viewBox(frame, v);
    svg.setAttribute('viewBox', `${x} ${y} ${w} ${h}`);
    svg.style.transform = '';
    box.dataset.zoom = v.k.toFixed(2);
    box.classList.toggle('zoomed', v.k > 1.001);
  };
  const commit = (v: View) => {
    if (idle) clearTimeout(idle);
    idle = null;
    committed = clampView(frame, v);
    live = committed;
    apply(committed);
    hooks.commit(committed);
  };
  /** Moves the drawn map to show `v` without redrawing (until the next commit). */
  const preview = (v: View) => {
    live = clampView(frame, v);
    if (frameReq) return;
    frameReq = requestAnimationFrame(() => {
      frameReq = 0;
      const sl = scaleOf(live);
      const r = live.k / committed.k;
      const [cx0, cy0] = viewBox(frame, committed);
      const [lx0, ly0] = viewBox(frame, live);
      svg.style.transform = `translate(${(cx0 - lx0) * sl}px, ${(cy0 - ly0) * sl}px) scale(${r})`;
    });
  };
  const settle = (ms: number) => {
    if (idle) clearTimeout(idle);
    idle = setTimeout(() => commit(live), ms);
  };

  const ops: Ops = { live: () => live, preview, commit, settle, toMapAt, scaleOf, hooks, frame };
  watchWheel(box, ops);
  watchPointers(box, ops);
  watchKeys(box, ops);

  apply(committed);
  return {
    view: () => committed,
    set: (v) => commit(v),
    unitsPerPixel: () => 1 / scaleOf(committed),
    toMap: (x, y) => toMapAt(committed, x, y),
  };
}

interface Ops {
  live: () => View;
  preview: (v: View) => void;
  commit: (v: View) => void;
  settle: (ms: number) => void;
  toMapAt: (v: View, clientX: number, clientY: number) => [number, number];
  scaleOf: (v: View) => number;
  hooks: ZoomHooks;
  frame: Frame;
}

/** The wheel zooms about the pointer once the map has focus (or with Ctrl); otherwise it says how. */
function watchWheel(box: HTMLElement, o: Ops) {
  box.addEventListener(
    'wheel',
    (e) => {
      if (!(e.ctrlKey || e.metaKey || document.activeElement === box)) {
        o.hooks.hint();
        return;
      }
      e.preventDefault();
      const [mx, my] = o.toMapAt(o.live(), e.clientX, e.clientY);
      o.preview(zoomAt(o.frame, o.live(), Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.002)), mx, my));
      o.settle(150);
    },
    { passive: false },
  );
}

/** Drag pans, two fingers pinch; a pointer that did not move is a tap. */
function watchPointers(box: HTMLElement, o: Ops) {
  let gesture: Gesture | null = null;
  box.addEventListener('pointerdown', (e) => {
    if (e.button !== 0 && e.pointerType === 'mouse') return;
    if (!gesture) gesture = { start: o.live(), points: new Map(), moved: false, pinch: null };
    gesture.points.set(e.pointerId, { x: e.clientX, y: e.clientY, x0: e.clientX, y0: e.clientY });
    box.setPointerCapture?.(e.pointerId);
    if (gesture.points.size === 2) {
      const [a, b] = [...gesture.points.values()];
      if (!a || !b) return;
      const [mx, my] = o.toMapAt(o.live(), (a.x + b.x) / 2, (a.y + b.y) / 2);
      gesture.start = o.live();
      gesture.pinch = { d0: Math.hypot(a.x - b.x, a.y - b.y) || 1, mx, my };
      gesture.moved = true;
    }
  });

  box.addEventListener('pointermove', (e) => {
    const g = gesture;
    const p = g?.points.get(e.pointerId);
    if (!g || !p) return;
    p.x = e.clientX;
    p.y = e.clientY;
    if (!g.moved && Math.hypot(p.x - p.x0, p.y - p.y0) < TAP_SLOP) return;
    g.moved = true;
    const pts = [...g.points.values()];
    if (g.pinch && pts.length >= 2) {
      const [a, b] = pts;
      if (!a || !b) return;
      const factor = Math.hypot(a.x - b.x, a.y - b.y) / g.pinch.d0;
      const zoomed = zoomAt(o.frame, g.start, factor, g.pinch.mx, g.pinch.my);
      const [mx, my] = o.toMapAt(zoomed, (a.x + b.x) / 2, (a.y + b.y) / 2);
      o.preview({ ...zoomed, cx: zoomed.cx + (g.pinch.mx - mx), cy: zoomed.cy + (g.pinch.my - my) });
    } else if (!g.pinch) {
      const s = o.scaleOf(g.start);
      o.preview({ ...g.start, cx: g.start.cx - (p.x - p.x0) / s, cy: g.start.cy - (p.y - p.y0) / s });
    }
  });

  const end = (e: PointerEvent) => {
    const g = gesture;
    if (!g?.points.has(e.pointerId)) return;
    g.points.delete(e.pointerId);
    if (g.points.size > 0) {
      // One finger of a pinch lifted: go on panning from here.
      const [rest] = [...g.points.values()];
      if (rest) {
        rest.x0 = rest.x;
        rest.y0 = rest.y;
      }
      g.start = o.live();
      g.pinch = null;
      return;
    }
    gesture = null;
    if (g.moved) o.commit(o.live());
    else if (e.type === 'pointerup') o.hooks.tap(e, e.pointerType);
  };
  box.addEventListener('pointerup', end);
  box.addEventListener('pointercancel', end);
}

/** + and − zoom about the centre, arrows pan by an eighth, 0 shows the whole map. */
function watchKeys(box: HTMLElement, o: Ops) {
  box.addEventListener('keydown', (e) => {
    const live = o.live();
    const [x, y, w, h] = viewBox(o.frame, live);
    const c = { x: x + w / 2, y: y + h / 2 };
    let next: View | null = null;
    if (e.key === '+' || e.key === '=') next = zoomAt(o.frame, live, 1.5, c.x, c.y);
    else if (e.key === '-' || e.key === '_') next = zoomAt(o.frame, live, 1 / 1.5, c.x, c.y);
    else if (e.key === '0') next = { ...live, k: 1 };
    else if (e.key === 'ArrowLeft') next = { ...live, cx: live.cx - w / 8 };
    else if (e.key === 'ArrowRight') next = { ...live, cx: live.cx + w / 8 };
    else if (e.key === 'ArrowUp') next = { ...live, cy: live.cy - h / 8 };
    else if (e.key === 'ArrowDown') next = { ...live, cy: live.cy + h / 8 };
    if (!next) return;
    e.preventDefault();
    o.commit(next);
  });
}
