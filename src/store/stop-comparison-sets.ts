/**
 * Comparison sets of before/after designs (issue 17, §8): chosen from metadata only (the registry and the units
 * a dataset has), recorded with their rationale before any outcome is read, and reused as recorded afterwards,
 * so a design cannot be re-chosen after seeing its results.
 */
import type { Db } from './db.ts';

export interface ComparisonSetRecord {
  datasetId: string;
  design: string;
  /** What identifies the design: dataset, design, treated units and agreement (hashed by the caller). */
  key: string;
  treated: Record<string, unknown>[];
  comparison: Record<string, unknown>[];
  rationale: string;
  chosenAt: string;
  runId: number;
}

export async function findComparisonSet(db: Db, key: string): Promise<ComparisonSetRecord | null> {
  const r = await db.selectFrom('stop_comparison_sets').selectAll().where('key', '=', key).executeTakeFirst();
  if (!r) return null;
  return {
    datasetId: r.dataset_id,
    design: r.design,
    key: r.key,
    treated: r.treated,
    comparison: r.comparison,
    rationale: r.rationale,
    chosenAt: r.chosen_at,
    runId: r.run_id,
  };
}

export async function saveComparisonSet(db: Db, s: ComparisonSetRecord): Promise<void> {
  await db
    .insertInto('stop_comparison_sets')
    .values({
      dataset_id: s.datasetId,
      design: s.design,
      key: s.key,
      treated: JSON.stringify(s.treated),
      comparison: JSON.stringify(s.comparison),
      rationale: s.rationale,
      chosen_at: s.chosenAt,
      run_id: s.runId,
    })
    .execute();
}
