/**
 * Randomization (placebo) inference for a difference-in-differences with few units (§8.1): the treatment is
 * moved to comparison units that were never treated, keeping the real signing dates, and the effect is
 * re-estimated each time. The p-value is the share of placebo effects at least as large in absolute value
 * (counting the real one); the interval follows Conley & Taber (2011): β̂ minus the 97.5% and 2.5% quantiles
 * of the placebo effects. With one treated unit every comparison unit is used once; with several, up to
 * `draws` random assignments from a seeded generator.
 */
import type { PanelCell, StackOptions, Treatment } from './did.ts';
import { stackedDid } from './did.ts';
import { quantile7 } from './quantile.ts';
import { createRng } from './random.ts';

export interface RandomizationResult {
  p: number;
  ci: [number, number] | null;
  placebos: number[];
  assignments: number;
}

function assignments(treated: Treatment[], controls: string[], draws: number, seed: number): Treatment[][] {
  if (treated.length === 1) return controls.map((unit) => [{ unit, start: (treated[0] as Treatment).start }]);
  if (controls.length < treated.length) return [];
  const rng = createRng(seed);
  return Array.from({ length: draws }, () => {
    const pool = [...controls];
    return treated.map((t) => {
      const j = Math.floor(rng.uniform() * pool.length);
      const unit = pool.splice(j, 1)[0] as string;
      return { unit, start: t.start };
    });
  });
}

export function placeboInference(
  cells: PanelCell[],
  treated: Treatment[],
  controls: string[],
  estimate: number,
  o: StackOptions & { draws: number; seed: number },
): RandomizationResult {
  const placebos: number[] = [];
  for (const fake of assignments(treated, controls, o.draws, o.seed)) {
    const fakeUnits = new Set(fake.map((t) => t.unit));
    const rest = controls.filter((c) => !fakeUnits.has(c));
    try {
      const b = stackedDid(cells, fake, rest, { window: o.window, event: null }).effects[0]?.beta;
      if (b !== null && b !== undefined && Number.isFinite(b)) placebos.push(b);
    } catch {
      // A placebo unit without data in the window gives no estimate.
    }
  }
  const extreme = placebos.filter((b) => Math.abs(b) >= Math.abs(estimate)).length;
  const p = (1 + extreme) / (1 + placebos.length);
  const ci: [number, number] | null =
    placebos.length >= 2
      ? [estimate - quantile7(placebos, 0.975), estimate - quantile7(placebos, 0.025)]
      : null;
  return { p, ci, placebos, assignments: placebos.length };
}
