/** The map view's arithmetic: clamping, zooming about a point, and its URL form. */
import { describe, expect, it } from 'vitest';
import { clampView, type Frame, fullView, parseView, viewBox, viewText, zoomAt } from './view.ts';

const F: Frame = { x: 0, y: 0, w: 1000, h: 600 };

describe('map view', () => {
  it('keeps the map in the frame and the zoom between 1 and the maximum', () => {
    expect(clampView(F, { cx: -500, cy: 9999, k: 0.2 })).toEqual({ cx: 500, cy: 300, k: 1 });
    expect(clampView(F, { cx: 0, cy: 0, k: 4 })).toEqual({ cx: 125, cy: 75, k: 4 });
  });

  it('zooms about a point, which stays where it is on screen', () => {
    const v = zoomAt(F, fullView(F), 2, 250, 150);
    expect(v).toEqual({ cx: 375, cy: 225, k: 2 });
    const [x, y, w, h] = viewBox(F, v);
    // The point was at 25 % across and down; it still is.
    expect((250 - x) / w).toBeCloseTo(0.25);
    expect((150 - y) / h).toBeCloseTo(0.25);
  });

  it('round-trips through the URL', () => {
    const v = clampView(F, { cx: 401.4, cy: 222.6, k: 3.456 });
    expect(viewText(v)).toBe('401,223,3.46');
    expect(parseView(F, viewText(v))).toEqual({ cx: 401, cy: 223, k: 3.46 });
    expect(viewText(fullView(F))).toBe('');
    expect(parseView(F, 'garbage')).toEqual(fullView(F));
  });
});
