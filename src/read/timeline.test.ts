/**
 * The timeline the home map replays gives, on every list date, the same figures as the ledger's own queries:
 * agreements in force (`listAgreements({ activeOn })`) and the counties whose sheriff or jail holds one
 * (`countyFigures`, the geography stage).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW, webLedger } from '../../test/browser/fixture.ts';
import { listAgreements } from '../store/agreements.ts';
import { countyFigures, coverage } from './geography.ts';
import { loadSiteData } from './model.ts';
import { figuresOn, shadeOn, statusOn } from './timeline.ts';

let fx: Awaited<ReturnType<typeof webLedger>>;
beforeAll(async () => {
  fx = await webLedger();
});
afterAll(async () => {
  await fx?.dispose();
});

describe('timeline', () => {
  it('matches the ledger queries and the county figures on every date', async () => {
    const { timeline: t } = await loadSiteData(fx.ledger.db, NOW);
    expect(t.dates.length).toBeGreaterThan(3);
    const seen = new Set<number>();
    for (let d = 0; d < t.dates.length; d++) {
      const date = t.dates[d] as string;
      const active = await listAgreements(fx.ledger.db, { activeOn: date });
      const f = figuresOn(t, d);
      seen.add(f.active);
      expect(f.active, date).toBe(active.length);
      expect(f.agencies, date).toBe(new Set(active.map((a) => a.agencyId)).size);
      expect(f.states, date).toBe(new Set(active.map((a) => a.state)).size);
      const counties = (await countyFigures(fx.ledger.db, date)).counties;
      expect(f.sheriffCounties, date).toEqual(
        counties
          .filter((c) => c.sheriff.holds)
          .map((c) => c.fips)
          .sort(),
      );
      const cov = await coverage(fx.ledger.db, date);
      expect(f.residents, date).toBe(cov.national.sheriffCounties.residents);
      expect(f.hispanic, date).toBe(cov.national.sheriffCounties.hispanic);
      // Shading with every layer on is the sheriff counties' (active ones).
      const shades = shadeOn(t, d, new Set(['JEM', 'WSO', 'TFM']), new Set(['active']));
      expect([...shades.keys()].sort()).toEqual(f.sheriffCounties);
    }
    // The history moves: the figures are not the same on every date.
    expect(seen.size).toBeGreaterThan(1);
  });

  it('reads interval status: active, pending, removed, not yet listed', () => {
    const iv: ['p' | 'n', number, number, 0 | 1][] = [
      ['n', 1, 2, 0],
      ['p', 3, 5, 0],
    ];
    expect([0, 1, 2, 3, 5, 6].map((d) => statusOn(iv, d))).toEqual([
      null,
      'pending',
      'pending',
      'active',
      'active',
      'removed',
    ]);
    expect(statusOn([['p', 3, 3, 1]], 9)).toBe('active');
  });
});
