/**
 * Analyses of stop datasets in the ledger (issue 17): each method result stored as a run report (the options,
 * the inputs with their checksums, the MethodResult with its gates), its gates also one row each, and the latest
 * result per method and contrast read back. Only a `reported` result may be published.
 */
import type { Db } from './db.ts';

export interface GateRow {
  id: string;
  passed: boolean;
  blocking: boolean;
  reason: string;
  metric: number | null;
  threshold: number | null;
  excluded: string[];
}

export interface AnalysisRecord {
  datasetId: string;
  method: string;
  contrast: string;
  options: Record<string, unknown>;
  status: 'reported' | 'withheld';
  result: Record<string, unknown>;
  inputs: { role: string; sha256: string; file: string }[];
  specVersion: string;
  gates: GateRow[];
  runId: number;
  createdAt: string;
}

export async function saveAnalysis(db: Db, a: AnalysisRecord): Promise<number> {
  const r = await db
    .insertInto('stop_analyses')
    .values({
      dataset_id: a.datasetId,
      method: a.method,
      contrast: a.contrast,
      options: JSON.stringify(a.options),
      status: a.status,
      result: JSON.stringify(a.result),
      inputs: JSON.stringify(a.inputs),
      spec_version: a.specVersion,
      run_id: a.runId,
      created_at: a.createdAt,
    })
    .returning('analysis_id')
    .executeTakeFirstOrThrow();
  if (a.gates.length > 0)
    await db
      .insertInto('stop_gates')
      .values(
        a.gates.map((g) => ({
          analysis_id: r.analysis_id,
          gate_id: g.id,
          passed: g.passed,
          blocking: g.blocking,
          reason: g.reason,
          metric: g.metric,
          threshold: g.threshold,
          excluded: JSON.stringify(g.excluded),
        })),
      )
      .execute();
  return r.analysis_id;
}

export interface StoredAnalysis {
  analysisId: number;
  method: string;
  contrast: string;
  status: string;
  result: Record<string, unknown>;
  gates: GateRow[];
  createdAt: string;
}

/** The latest analysis per method and contrast of a dataset, with its stored gates. */
export async function latestAnalyses(db: Db, datasetId: string): Promise<StoredAnalysis[]> {
  const rows = await db
    .selectFrom('stop_analyses')
    .select(['analysis_id', 'method', 'contrast', 'status', 'result', 'created_at'])
    .where('dataset_id', '=', datasetId)
    .orderBy('analysis_id', 'desc')
    .execute();
  const seen = new Set<string>();
  const latest = rows.filter((r) => {
    const k = `${r.method}\0${r.contrast}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const gates = await gatesOf(
    db,
    latest.map((r) => r.analysis_id),
  );
  return latest.map((r) => ({
    analysisId: r.analysis_id,
    method: r.method,
    contrast: r.contrast,
    status: r.status,
    result: r.result,
    createdAt: r.created_at,
    gates: gates.get(r.analysis_id) ?? [],
  }));
}

/** A published analysis: the latest of its dataset, method and contrast, from a finished run. */
export interface PublishedAnalysis extends StoredAnalysis {
  datasetId: string;
  options: Record<string, unknown>;
  inputs: { role: string; sha256: string; file: string }[];
  specVersion: string;
  runId: number;
}

/**
 * Every dataset's latest analysis per method and contrast, from runs that finished (a run report exists), newest
 * first, with their gates. Withheld results are included: what was refused is shown with its reason.
 */
export async function publishedAnalyses(db: Db): Promise<PublishedAnalysis[]> {
  const rows = await db
    .selectFrom('stop_analyses as a')
    .innerJoin('stop_runs as r', 'r.run_id', 'a.run_id')
    .select([
      'a.analysis_id',
      'a.dataset_id',
      'a.method',
      'a.contrast',
      'a.status',
      'a.result',
      'a.options',
      'a.inputs',
      'a.spec_version',
      'a.run_id',
      'a.created_at',
    ])
    .where('r.finished_at', 'is not', null)
    .orderBy('a.analysis_id', 'desc')
    .execute();
  const seen = new Set<string>();
  const latest = rows.filter((r) => {
    const k = `${r.dataset_id}\0${r.method}\0${r.contrast}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const gates = await gatesOf(
    db,
    latest.map((r) => r.analysis_id),
  );
  return latest.map((r) => ({
    analysisId: r.analysis_id,
    datasetId: r.dataset_id,
    method: r.method,
    contrast: r.contrast,
    status: r.status,
    result: r.result,
    options: r.options,
    inputs: r.inputs as unknown as PublishedAnalysis['inputs'],
    specVersion: r.spec_version,
    runId: r.run_id,
    createdAt: r.created_at,
    gates: gates.get(r.analysis_id) ?? [],
  }));
}

/** The stored gates of some analyses, by analysis id, in gate order. */
async function gatesOf(db: Db, ids: number[]): Promise<Map<number, GateRow[]>> {
  const out = new Map<number, GateRow[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('stop_gates')
    .selectAll()
    .where('analysis_id', 'in', ids)
    .orderBy('gate_id')
    .execute();
  for (const g of rows) {
    const list = out.get(g.analysis_id) ?? [];
    list.push({
      id: g.gate_id,
      passed: g.passed,
      blocking: g.blocking,
      reason: g.reason,
      metric: g.metric === null ? null : Number(g.metric),
      threshold: g.threshold === null ? null : Number(g.threshold),
      excluded: g.excluded,
    });
    out.set(g.analysis_id, list);
  }
  return out;
}
