/** The projected national geometry: every county of us-atlas, closed rings, insets that do not overlap. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { decodeArcs, nationalGeometry, pathOf } from './geometry.ts';

const require = createRequire(import.meta.url);
const topo = JSON.parse(readFileSync(require.resolve('us-atlas/counties-10m.json'), 'utf8')) as {
  objects: { counties: { geometries: { id: string }[] } };
};

const REGION: Record<string, string> = {
  '02': 'AK',
  '15': 'HI',
  '72': 'PR',
  '78': 'PR',
  '66': 'PAC',
  '69': 'PAC',
  '60': 'AS',
};

describe('national geometry', () => {
  const geo = nationalGeometry();
  const pts = decodeArcs(geo.arcs);

  it('has every county of the us-atlas file, each with a drawable path', () => {
    expect(geo.c.map((c) => c[0]).sort()).toEqual(topo.objects.counties.geometries.map((g) => g.id).sort());
    for (const c of geo.c) expect(pathOf(c[2], pts), c[0]).toMatch(/^M-?\d+ -?\d+(l-?\d+ -?\d+)+z/);
  });

  it('closes every ring: each arc starts where the previous one ended', () => {
    for (const [fips, , polys] of geo.c)
      for (const poly of polys)
        for (const ring of poly) {
          const ends = ring.map((a) => {
            const arc = pts[a < 0 ? ~a : a] ?? [];
            const first = arc[0];
            const last = arc[arc.length - 1];
            return a < 0 ? [last, first] : [first, last];
          });
          ends.forEach(([, end], i) => {
            const next = ends[(i + 1) % ends.length]?.[0];
            expect(next, fips).toEqual(end);
          });
        }
  });

  it('keeps the insets (Alaska, Hawaii, Puerto Rico, Pacific islands, American Samoa) apart', () => {
    const boxes = new Map<string, [number, number, number, number]>();
    for (const [fips, , polys] of geo.c) {
      const r = REGION[fips.slice(0, 2)] ?? 'L48';
      const b = boxes.get(r) ?? [Infinity, Infinity, -Infinity, -Infinity];
      for (const poly of polys)
        for (const ring of poly)
          for (const a of ring)
            for (const [x, y] of pts[a < 0 ? ~a : a] ?? []) {
              b[0] = Math.min(b[0], x);
              b[1] = Math.min(b[1], y);
              b[2] = Math.max(b[2], x);
              b[3] = Math.max(b[3], y);
            }
      boxes.set(r, b);
    }
    expect([...boxes.keys()].sort()).toEqual(['AK', 'AS', 'HI', 'L48', 'PAC', 'PR']);
    const insets = [...boxes].filter(([r]) => r !== 'L48');
    for (let i = 0; i < insets.length; i++)
      for (let j = i + 1; j < insets.length; j++) {
        const [ra, a] = insets[i] as [string, number[]];
        const [rb, b] = insets[j] as [string, number[]];
        const overlap =
          (a[0] as number) < (b[2] as number) &&
          (b[0] as number) < (a[2] as number) &&
          (a[1] as number) < (b[3] as number) &&
          (b[1] as number) < (a[3] as number);
        expect(overlap, `${ra} / ${rb}`).toBe(false);
      }
    // Puerto Rico sits east of Florida's tip, clear of the mainland's counties of Florida.
    const florida = geo.c.filter((c) => c[0].startsWith('12'));
    const maxX = Math.max(
      ...florida.flatMap((c) => c[2].flat(2).flatMap((a) => (pts[a < 0 ? ~a : a] ?? []).map((p) => p[0]))),
    );
    expect((boxes.get('PR') as number[])[0]).toBeGreaterThan(maxX);
  });
});
