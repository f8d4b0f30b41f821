import { describe, expect, it } from 'vitest';
import { naturalSplineRow, splineKnots, splineKnotsFromCounts } from './spline.ts';

describe('natural spline basis', () => {
  const knots = { interior: [2, 4, 6], boundary: [0, 10] as [number, number] };

  it('is linear beyond the boundary knots (natural)', () => {
    const at = (x: number) => Array.from(naturalSplineRow(x, knots));
    for (const [a, b, c] of [
      [10, 12, 14],
      [-6, -4, -2],
    ] as const) {
      const [ra, rb, rc] = [at(a), at(b), at(c)];
      ra.forEach((v, j) => {
        expect((rc[j] as number) - (rb[j] as number)).toBeCloseTo((rb[j] as number) - v, 10);
      });
    }
  });

  it('has df columns, the first being the scaled x', () => {
    const row = naturalSplineRow(5, knots);
    expect(row.length).toBe(4);
    expect(row[0]).toBeCloseTo(0.5, 15);
  });

  it('refuses coincident knots (heaped values) with a clear error', () => {
    const heaped = Float64Array.from([...new Array(50).fill(1020), ...new Array(50).fill(1050), 1100]);
    expect(() => naturalSplineRow(1030, splineKnots(heaped, 6))).toThrow(/strictly increasing/);
  });

  it('knots from counts equal knots from the expanded values', () => {
    const values = [1011, 1020, 1033, 1100, 1263];
    const counts = [3, 1, 7, 2, 5];
    const expanded = Float64Array.from(values.flatMap((v, i) => new Array(counts[i]).fill(v) as number[]));
    expect(splineKnotsFromCounts(values, counts, 4)).toEqual(splineKnots(expanded, 4));
  });

  it('refuses df outside 1–20', () => {
    expect(() => splineKnots(Float64Array.from([1, 2, 3]), 0)).toThrow(/df/);
  });
});
