/**
 * Stop-data analyses as the API, the pages and the downloads show them (issue 17): each dataset (its source,
 * licence, place, period and row counts; never the scratch table or the path it was loaded from) and its
 * published analyses — the latest per method and contrast from a finished run report, with the input checksums
 * the result was computed from, its gates and caveats. Withheld results are shown with their reason, never with
 * numbers.
 */
import { basename } from 'node:path';
import type { Db } from '../store/db.ts';
import { type PublishedAnalysis, publishedAnalyses } from '../store/stop-analyses.ts';
import { listStopDatasets, type StopDatasetRecord } from '../store/stop-datasets.ts';

export interface StopDatasetView {
  datasetId: string;
  name: string;
  file: string;
  sha256: string;
  source: string;
  licence: string;
  location: string;
  state: string | null;
  countyFips: string | null;
  agencyId: string | null;
  period: { from: string | null; to: string | null };
  rows: { read: number; loaded: number; quarantined: number };
  quarantine: { reason: string; rows: number }[];
  ingestedAt: string;
}

export interface EffectView {
  name: string;
  scale: string;
  estimate: number | null;
  se: number | null;
  ci: [number, number] | null;
  ciMethod: string;
  p: number | null;
}

export interface AnalysisView {
  analysisId: number;
  datasetId: string;
  method: string;
  contrast: string;
  status: 'reported' | 'withheld';
  withheldReason: string | null;
  effect: EffectView | null;
  period: { from: string; to: string } | null;
  rows: { in: number; used: number } | null;
  gates: PublishedAnalysis['gates'];
  caveats: { id: string; text: string }[];
  /** The result in words, as the CLI prints it (English). */
  text: string[];
  tables: Record<string, Record<string, unknown>[]>;
  diagnostics: Record<string, unknown>;
  options: Record<string, unknown>;
  inputs: { role: string; sha256: string; file: string }[];
  specVersion: string;
  runId: number;
  createdAt: string;
}

export interface AnalysesView {
  /** By dataset id. */
  datasets: StopDatasetView[];
  /** Newest first. */
  analyses: AnalysisView[];
  dataset(id: string): StopDatasetView | undefined;
  ofDataset(id: string): AnalysisView[];
  /** The datasets tied to an agency. */
  ofAgency(agencyId: string): StopDatasetView[];
}

function datasetView(d: StopDatasetRecord): StopDatasetView {
  return {
    datasetId: d.datasetId,
    name: d.name,
    file: basename(d.file),
    sha256: d.sha256,
    source: d.source,
    licence: d.licence,
    location: d.location,
    state: d.state,
    countyFips: d.countyFips,
    agencyId: d.agencyId,
    period: d.period,
    rows: d.rows,
    quarantine: d.quarantine,
    ingestedAt: d.ingestedAt,
  };
}

const obj = (x: unknown): Record<string, unknown> =>
  x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : {};

function effectOf(result: Record<string, unknown>, withheld: boolean): EffectView | null {
  const e = obj(result.effect);
  if (withheld || typeof e.name !== 'string') return null;
  return {
    name: e.name,
    scale: String(e.scale ?? ''),
    estimate: typeof e.estimate === 'number' ? e.estimate : null,
    se: typeof e.se === 'number' ? e.se : null,
    ci: Array.isArray(e.ci) ? (e.ci as [number, number]) : null,
    ciMethod: String(e.ciMethod ?? ''),
    p: typeof e.p === 'number' ? e.p : null,
  };
}

function analysisView(a: PublishedAnalysis): AnalysisView {
  const r = a.result;
  const withheld = a.status !== 'reported';
  const diagnostics = obj(r.diagnostics);
  const n = obj(r.n);
  const period = obj(r.period);
  return {
    analysisId: a.analysisId,
    datasetId: a.datasetId,
    method: a.method,
    contrast: a.contrast,
    status: withheld ? 'withheld' : 'reported',
    withheldReason: withheld ? String(diagnostics.withheld_reason ?? 'a blocking gate failed') : null,
    effect: effectOf(r, withheld),
    period: typeof period.from === 'string' ? { from: period.from, to: String(period.to) } : null,
    rows: typeof n.rowsIn === 'number' ? { in: n.rowsIn, used: Number(n.rowsUsed ?? 0) } : null,
    gates: a.gates,
    caveats: Array.isArray(r.caveats) ? (r.caveats as AnalysisView['caveats']) : [],
    text: Array.isArray(r.text) ? (r.text as string[]) : [],
    tables: obj(r.tables) as AnalysisView['tables'],
    diagnostics,
    options: a.options,
    inputs: a.inputs.map((i) => ({ role: i.role, sha256: i.sha256, file: basename(i.file) })),
    specVersion: a.specVersion,
    runId: a.runId,
    createdAt: a.createdAt,
  };
}

/** Every stop dataset and its published analyses, read now. */
export async function loadAnalyses(db: Db): Promise<AnalysesView> {
  const datasets = (await listStopDatasets(db)).map(datasetView);
  datasets.sort((x, y) => (x.datasetId < y.datasetId ? -1 : 1));
  const analyses = (await publishedAnalyses(db)).map(analysisView);
  const byId = new Map(datasets.map((d) => [d.datasetId, d]));
  return {
    datasets,
    analyses,
    dataset: (id) => byId.get(id),
    ofDataset: (id) => analyses.filter((a) => a.datasetId === id),
    ofAgency: (agencyId) => datasets.filter((d) => d.agencyId === agencyId),
  };
}
