/**
 * Records a command's method results as one run report (stop_runs) with each result stored beside its options,
 * its input checksums and its gates (stop_analyses, stop_gates). A withheld result is stored too, with its
 * reason, so that what was refused is as visible as what was reported.
 */
import { saveAnalysis } from '../store/stop-analyses.ts';
import { finishStopRun, startStopRun } from '../store/stop-datasets.ts';
import { type AnalyzeDeps, isoNow } from './deps.ts';
import type { MethodReport } from './method-result.ts';

export async function recordReports(
  deps: AnalyzeDeps,
  datasetId: string,
  command: string,
  options: Record<string, unknown>,
  reports: MethodReport[],
): Promise<number[]> {
  const db = deps.ledger.db;
  const runId = await startStopRun(db, command, isoNow(deps));
  const ids: number[] = [];
  for (const r of reports) {
    const inputs = [
      { role: 'stops', file: datasetId, sha256: r.result.provenance.sha256 },
      ...(r.inputs ?? []),
    ];
    ids.push(
      await saveAnalysis(db, {
        datasetId,
        method: r.result.method,
        contrast: r.result.contrast.group,
        options,
        status: r.result.status,
        result: { ...r.result, tables: r.tables, text: r.text } as unknown as Record<string, unknown>,
        inputs,
        specVersion: r.result.specVersion,
        gates: r.result.gates,
        runId,
        createdAt: isoNow(deps),
      }),
    );
  }
  await finishStopRun(db, runId, isoNow(deps), {
    dataset: datasetId,
    options,
    analyses: ids,
    statuses: reports.map((r) => `${r.result.method}:${r.result.contrast.group}:${r.result.status}`),
  });
  return ids;
}
