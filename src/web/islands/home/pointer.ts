/** Pointing at the map: hover shows a tip with the county's or agency's name. */
import type { Selection } from './names.ts';

/** The county or agency dot under an event, if any. */
export function targetOf(e: Event): Selection | null {
  return selectionOf(e.target as Element | null);
}

/** The county or agency dot an element of the map draws, if any. */
export function selectionOf(t: Element | null): Selection | null {
  const fips = t?.getAttribute('data-fips');
  if (fips) return { kind: 'county' as const, fips };
  const ag = t?.getAttribute('data-agency');
  if (ag !== null && ag !== undefined) return { kind: 'agency' as const, index: Number(ag) };
  return null;
}

export function watchPointer(mapEl: HTMLElement, svg: SVGSVGElement, name: (s: Selection) => string) {
  const tip = document.createElement('div');
  tip.className = 'map-tip';
  tip.hidden = true;
  tip.setAttribute('aria-hidden', 'true');
  mapEl.append(tip);
  svg.addEventListener('pointermove', (e) => {
    const hit = targetOf(e);
    if (!hit) {
      tip.hidden = true;
      return;
    }
    tip.textContent = name(hit);
    const box = mapEl.getBoundingClientRect();
    tip.style.left = `${Math.min(e.clientX - box.left + 12, box.width - 160)}px`;
    tip.style.top = `${e.clientY - box.top + 12}px`;
    tip.hidden = false;
  });
  svg.addEventListener('pointerleave', () => {
    tip.hidden = true;
  });
  // Clicks and taps select through the zoom controller (map-zoom.ts), which tells a tap from a drag.
}
