/**
 * Choosing the units of a before/after design (§8) from metadata only (the agreement registry, the units a
 * dataset has and the months each covers) and recording the choice in the ledger before any outcome is read.
 * The same design asked again (same dataset, design, unit column, treated units, agreements, window) reuses the
 * recorded set, so the comparison cannot be re-chosen after the results are seen.
 */
import { createHash } from 'node:crypto';
import { monthIndex } from '../stats/did.ts';
import type { AgreementRegistry, RegistryEntry } from '../store/agreement-registry.ts';
import { findComparisonSet, saveComparisonSet } from '../store/stop-comparison-sets.ts';
import { finishStopRun, startStopRun } from '../store/stop-datasets.ts';
import type { DatasetContext } from './dataset-context.ts';
import { isoNow } from './deps.ts';

export interface UnitCoverage {
  unit: string;
  first: string;
  last: string;
  months: number;
}

export interface TreatedUnit {
  unit: string;
  agreementId: string;
  signed: string;
}

export interface ComparisonSet {
  treated: TreatedUnit[];
  controls: string[];
  rationale: string;
  chosenAt: string;
  reused: boolean;
}

/** Lower-case words only: how unit values and agency names are compared. */
export const nameKey = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** ≥ `months` months of data before the signing month and from it on. */
export function coversBothSides(c: UnitCoverage, signed: string, months = 12): boolean {
  const s = monthIndex(signed.slice(0, 7));
  return monthIndex(c.first) <= s - months && monthIndex(c.last) >= s + months - 1;
}

/** Registry agencies whose name is the unit's name or starts with it (a conservative match). */
export function agreementsOfUnit(unit: string, registry: AgreementRegistry): RegistryEntry[] {
  const k = nameKey(unit);
  return registry.filter((r) => {
    const a = nameKey(r.agencyName);
    return a === k || a.startsWith(`${k} `);
  });
}

export async function recordedComparison(
  ctx: DatasetContext,
  design: string,
  keyParts: Record<string, unknown>,
  choose: () => Omit<ComparisonSet, 'chosenAt' | 'reused'>,
): Promise<ComparisonSet> {
  const db = ctx.deps.ledger.db;
  const key = createHash('sha256')
    .update(
      JSON.stringify({ dataset: ctx.dataset.datasetId, sha256: ctx.dataset.sha256, design, ...keyParts }),
    )
    .digest('hex');
  const found = await findComparisonSet(db, key);
  if (found)
    return {
      treated: found.treated as unknown as TreatedUnit[],
      controls: found.comparison.map((c) => String(c.unit)),
      rationale: found.rationale,
      chosenAt: found.chosenAt,
      reused: true,
    };
  const chosen = choose();
  const chosenAt = isoNow(ctx.deps);
  const runId = await startStopRun(db, `stops before-after: comparison set (${design})`, chosenAt);
  await saveComparisonSet(db, {
    datasetId: ctx.dataset.datasetId,
    design,
    key,
    treated: chosen.treated as unknown as Record<string, unknown>[],
    comparison: chosen.controls.map((unit) => ({ unit })),
    rationale: chosen.rationale,
    chosenAt,
    runId,
  });
  await finishStopRun(db, runId, isoNow(ctx.deps), {
    dataset: ctx.dataset.datasetId,
    design,
    key,
    ...chosen,
  });
  return { ...chosen, chosenAt, reused: false };
}
