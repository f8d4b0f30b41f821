/** The stop-analysis routes of the API (issue 17): their requests and responses, for app.ts to register. */
import { createRoute, z } from '@hono/zod-openapi';
import { AnalysisList, AnalysisResponse, StopDatasetList } from './analysis-schemas.ts';
import { ErrorBody } from './schemas.ts';

const errors = {
  400: { content: { 'application/json': { schema: ErrorBody } }, description: 'Invalid parameters' },
  429: { content: { 'application/json': { schema: ErrorBody } }, description: 'Too many requests' },
  500: { content: { 'application/json': { schema: ErrorBody } }, description: 'Server error' },
};
const DatasetId = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, 'expected a dataset id (lowercase letters, digits, _)')
  .openapi({ example: 'ct_hartford' });

export const stopDatasetsRoute = createRoute({
  method: 'get',
  path: '/stop-datasets',
  summary: 'Stop datasets loaded into the ledger: source, licence, place, period, rows and quarantine',
  responses: {
    200: { content: { 'application/json': { schema: StopDatasetList } }, description: 'Stop datasets' },
    ...errors,
  },
});

export const analysesRoute = createRoute({
  method: 'get',
  path: '/analyses',
  summary:
    'Published stop-data analyses (the latest per dataset, method and contrast), withheld ones with their reason',
  request: {
    query: z.object({
      dataset: DatasetId.optional(),
      agency: z
        .string()
        .regex(/^agy-[a-z0-9]{10}$/, 'expected an agency id like agy-0a1b2c3d4e')
        .optional(),
      method: z
        .string()
        .regex(/^[a-z_]{1,40}$/, 'expected a method name')
        .optional(),
      status: z.enum(['reported', 'withheld']).optional(),
    }),
  },
  responses: {
    200: { content: { 'application/json': { schema: AnalysisList } }, description: 'Analyses' },
    ...errors,
  },
});

export const analysisRoute = createRoute({
  method: 'get',
  path: '/analyses/{id}',
  summary: 'One analysis: its result, gates, caveats, tables and the checksums of its inputs',
  request: { params: z.object({ id: z.coerce.number().int().min(1).openapi({ example: 1 }) }) },
  responses: {
    200: { content: { 'application/json': { schema: AnalysisResponse } }, description: 'The analysis' },
    404: { content: { 'application/json': { schema: ErrorBody } }, description: 'No such analysis' },
    ...errors,
  },
});
