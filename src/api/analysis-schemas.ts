/** The API's shapes of stop datasets and their published analyses (issue 17; read/analyses.ts makes them). */
import { z } from '@hono/zod-openapi';
import { envelope } from './schemas.ts';

export const StopDataset = z
  .object({
    datasetId: z.string().openapi({ description: 'The dataset id given at `reassess stops ingest`' }),
    name: z.string(),
    file: z.string().openapi({ description: 'The stop file as loaded (its name)' }),
    sha256: z.string().openapi({ description: 'SHA-256 of the stop file, kept in the raw store' }),
    source: z.string(),
    licence: z.string(),
    location: z.string(),
    state: z.string().nullable(),
    countyFips: z.string().nullable(),
    agencyId: z.string().nullable().openapi({ description: 'The ledger agency whose stops these are' }),
    period: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
    rows: z.object({ read: z.number().int(), loaded: z.number().int(), quarantined: z.number().int() }),
    quarantine: z.array(z.object({ reason: z.string(), rows: z.number().int() })),
    ingestedAt: z.string(),
  })
  .openapi('StopDataset');

const Gate = z.object({
  id: z.string(),
  passed: z.boolean(),
  blocking: z.boolean(),
  reason: z.string(),
  metric: z.number().nullable(),
  threshold: z.number().nullable(),
  excluded: z.array(z.string()),
});

export const Analysis = z
  .object({
    analysisId: z.number().int(),
    datasetId: z.string(),
    method: z
      .string()
      .openapi({ description: 'stop_rate, search_rate, hit_rate, vod, threshold, before_after…' }),
    contrast: z.string().openapi({ description: 'The group compared with White drivers or residents' }),
    status: z.enum(['reported', 'withheld']),
    withheldReason: z
      .string()
      .nullable()
      .openapi({ description: 'Why no estimate is shown (withheld only)' }),
    effect: z
      .object({
        name: z.string(),
        scale: z.string(),
        estimate: z.number().nullable(),
        se: z.number().nullable(),
        ci: z.tuple([z.number(), z.number()]).nullable(),
        ciMethod: z.string(),
        p: z.number().nullable(),
      })
      .nullable(),
    period: z.object({ from: z.string(), to: z.string() }).nullable(),
    rows: z.object({ in: z.number(), used: z.number() }).nullable(),
    gates: z.array(Gate),
    caveats: z.array(z.object({ id: z.string(), text: z.string() })),
    text: z.array(z.string()).openapi({ description: 'The result in words (English)' }),
    tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
    diagnostics: z.record(z.string(), z.unknown()),
    options: z.record(z.string(), z.unknown()),
    inputs: z
      .array(z.object({ role: z.string(), sha256: z.string(), file: z.string() }))
      .openapi({ description: 'Every input the result was computed from, with its checksum' }),
    specVersion: z.string(),
    runId: z.number().int().openapi({ description: 'The stop run whose report holds this result' }),
    createdAt: z.string(),
  })
  .openapi('Analysis');

export const StopDatasetList = envelope(z.array(StopDataset), 'StopDatasetList');
export const AnalysisList = envelope(z.array(Analysis), 'AnalysisList');
export const AnalysisResponse = envelope(Analysis, 'AnalysisResponse');
