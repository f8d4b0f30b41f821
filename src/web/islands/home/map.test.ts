/** The national map's frame around the geometry. */
import { describe, expect, it } from 'vitest';
import { viewBoxOf } from './map.ts';

describe('viewBoxOf', () => {
  it('frames every point of every arc with a margin', () => {
    const arcs: [number, number][][] = [
      [
        [0, 0],
        [10, 5],
      ],
      [[-2, 3]],
    ];
    expect(viewBoxOf(arcs, 8)).toBe('-10 -8 28 21');
  });
});
