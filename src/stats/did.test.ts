import { describe, expect, it } from 'vitest';
import {
  clusterInferenceValid,
  leadTest,
  monthIndex,
  monthLabel,
  type PanelCell,
  stackedDid,
  type Treatment,
} from './did.ts';
import { Z95 } from './intervals.ts';
import { createRng } from './random.ts';
import { placeboInference } from './randomization.ts';

/** A synthetic before/after world: logit p = α_unit + λ_month + β·(treated and after), binomial counts. */
function world(seed: number, units: number, treated: Treatment[], beta: number, perMonth = 150): PanelCell[] {
  const rng = createRng(seed);
  const start = monthIndex('2014-01');
  const cells: PanelCell[] = [];
  for (let u = 0; u < units; u++) {
    const unit = `U${String(u).padStart(2, '0')}`;
    const alpha = -1 + 0.3 * rng.normal();
    const t = treated.find((x) => x.unit === unit);
    for (let m = 0; m < 48; m++) {
      const period = start + m;
      const eta = alpha + 0.15 * Math.sin(m / 6) + (t && period >= t.start ? beta : 0);
      const p = 1 / (1 + Math.exp(-eta));
      let s = 0;
      for (let i = 0; i < perMonth; i++) if (rng.uniform() < p) s++;
      cells.push({ unit, period, s, n: perMonth });
    }
  }
  return cells;
}

const units = (n: number) => Array.from({ length: n }, (_, u) => `U${String(u).padStart(2, '0')}`);

describe('difference-in-differences with a planted effect', () => {
  const signing = monthIndex('2016-01');

  it('recovers β = 0.4 inside its cluster-robust interval (40 units, 12 treated, staggered signing)', () => {
    const treated: Treatment[] = units(12).map((unit, i) => ({ unit, start: signing + (i % 3) * 4 - 4 }));
    const cells = world(21, 40, treated, 0.4);
    const controls = units(40).slice(12);
    const fit = stackedDid(cells, treated, controls, { window: 18, event: null });
    const e = fit.effects[0];
    expect(fit.clusters).toBe(40);
    expect(clusterInferenceValid(fit)).toBe(true);
    expect(Math.abs((e?.beta as number) - 0.4)).toBeLessThan(Z95 * (e?.seCluster as number));
    expect(e?.seCluster).toBeGreaterThan(0);
  });

  it('finds no effect where none was planted (randomization p well above 0.05)', () => {
    const treated = [{ unit: 'U00', start: signing }];
    const cells = world(5, 25, treated, 0);
    const controls = units(25).slice(1);
    const fit = stackedDid(cells, treated, controls, { window: 18, event: null });
    expect(clusterInferenceValid(fit)).toBe(false);
    const ri = placeboInference(cells, treated, controls, fit.effects[0]?.beta as number, {
      window: 18,
      event: null,
      draws: 50,
      seed: 1,
    });
    expect(ri.p).toBeGreaterThan(0.1);
    expect(ri.ci?.[0]).toBeLessThan(0);
    expect(ri.ci?.[1]).toBeGreaterThan(0);
  });

  it('with one treated unit the cluster-robust SE collapses, so it is not used', () => {
    const treated = [{ unit: 'U00', start: signing }];
    const fit = stackedDid(world(5, 35, treated, 0), treated, units(35).slice(1), {
      window: 18,
      event: null,
    });
    expect(fit.clusters).toBe(35);
    expect(clusterInferenceValid(fit)).toBe(false);
    expect(fit.effects[0]?.seCluster).toBeLessThan((fit.effects[0]?.seModel as number) / 2);
  });

  it('with few units, randomization inference gives an interval that covers the planted effect', () => {
    const treated = [{ unit: 'U00', start: signing }];
    const cells = world(8, 12, treated, 0.5, 400);
    const controls = units(12).slice(1);
    const fit = stackedDid(cells, treated, controls, { window: 18, event: null });
    const beta = fit.effects[0]?.beta as number;
    const ri = placeboInference(cells, treated, controls, beta, {
      window: 18,
      event: null,
      draws: 50,
      seed: 1,
    });
    expect(ri.assignments).toBe(11);
    expect(ri.ci?.[0]).toBeLessThan(0.5);
    expect(ri.ci?.[1]).toBeGreaterThan(0.5);
    expect(ri.p).toBeCloseTo(1 / 12, 10);
  });

  it('event study: leads near zero (lead test passes), lags near the planted effect', () => {
    const treated = [
      { unit: 'U00', start: signing },
      { unit: 'U01', start: signing + 2 },
    ];
    const fit = stackedDid(world(13, 36, treated, 0.6, 300), treated, units(36).slice(2), {
      window: 18,
      event: { leads: 6, lags: 6 },
    });
    const lead = leadTest(fit, clusterInferenceValid(fit) ? 'cluster' : 'model');
    expect(lead?.df).toBe(5);
    expect(lead?.p).toBeGreaterThan(0.01);
    const lags = fit.effects.filter((e) => Number(e.name.slice(1)) >= 0).map((e) => e.beta as number);
    const mean = lags.reduce((s, v) => s + v, 0) / lags.length;
    expect(Math.abs(mean - 0.6)).toBeLessThan(0.2);
  });

  it('month indices round-trip', () => {
    expect(monthLabel(monthIndex('2016-09'))).toBe('2016-09');
  });
});
