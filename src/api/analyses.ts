/** The bodies of the stop-analysis routes (issue 17): datasets, analyses filtered, one analysis. */
import type { z } from '@hono/zod-openapi';
import type { LedgerView } from '../read/model.ts';
import type { AnalysisList, AnalysisResponse, StopDatasetList } from './analysis-schemas.ts';
import { meta } from './envelope.ts';

export interface AnalysisFilter {
  dataset?: string | undefined;
  agency?: string | undefined;
  method?: string | undefined;
  status?: 'reported' | 'withheld' | undefined;
}

export async function stopDatasetsBody(view: LedgerView): Promise<z.infer<typeof StopDatasetList>> {
  const a = await view.analyses();
  return { data: a.datasets, meta: meta(view, { count: a.datasets.length }) };
}

export async function analysesBody(
  view: LedgerView,
  f: AnalysisFilter,
): Promise<z.infer<typeof AnalysisList>> {
  const a = await view.analyses();
  const ofAgency = f.agency ? new Set(a.ofAgency(f.agency).map((d) => d.datasetId)) : null;
  const items = a.analyses.filter(
    (x) =>
      (!f.dataset || x.datasetId === f.dataset) &&
      (!ofAgency || ofAgency.has(x.datasetId)) &&
      (!f.method || x.method === f.method) &&
      (!f.status || x.status === f.status),
  );
  return { data: items, meta: meta(view, { count: items.length }) };
}

export async function analysisBody(
  view: LedgerView,
  id: number,
): Promise<z.infer<typeof AnalysisResponse> | undefined> {
  const x = (await view.analyses()).analyses.find((a) => a.analysisId === id);
  return x ? { data: x, meta: meta(view) } : undefined;
}
