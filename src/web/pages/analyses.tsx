/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * Stop-data analyses (issue 17): the index of stop datasets with their published results, and one page per
 * dataset with its source, rows and every published analysis (pages/analysis/result.tsx).
 */
import type { AnalysesView, StopDatasetView } from '../../read/analyses.ts';
import { href, type PageResult, type RenderCtx } from '../context.ts';
import { formatDate } from '../i18n.ts';
import { pagePaths } from '../paths.ts';
import { AnalysisResult } from './analysis/result.tsx';
import { count } from './analysis/words.ts';
import { notFoundPage } from './not-found.tsx';

const period = (ctx: RenderCtx, d: StopDatasetView) =>
  d.period.from ? `${formatDate(ctx.lang, d.period.from)} – ${formatDate(ctx.lang, d.period.to)}` : '—';

function DatasetRow({ ctx, d, all }: { ctx: RenderCtx; d: StopDatasetView; all: AnalysesView }) {
  const results = all.ofDataset(d.datasetId);
  const reported = results.filter((a) => a.status === 'reported').length;
  return (
    <tr>
      <th scope="row">
        <a href={href(ctx, pagePaths.analysis(d.datasetId))}>{d.name}</a>
      </th>
      <td>{d.location}</td>
      <td>{period(ctx, d)}</td>
      <td>{count(ctx, d.rows.loaded)}</td>
      <td>{ctx.t('anResultCount', { reported, withheld: results.length - reported })}</td>
    </tr>
  );
}

export function analysesPage(ctx: RenderCtx, all: AnalysesView): PageResult {
  const { t } = ctx;
  return {
    title: t('anTitle'),
    main: (
      <>
        <h1>{t('anTitle')}</h1>
        <p class="lede">{t('anIntro')}</p>
        {all.datasets.length === 0 ? (
          <p>{t('anNone')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('anDataset')}</th>
                <th scope="col">{t('anPlace')}</th>
                <th scope="col">{t('anPeriod')}</th>
                <th scope="col">{t('anRows')}</th>
                <th scope="col">{t('anResults')}</th>
              </tr>
            </thead>
            <tbody>
              {all.datasets.map((d) => (
                <DatasetRow key={d.datasetId} ctx={ctx} d={d} all={all} />
              ))}
            </tbody>
          </table>
        )}
        <p>{t('anMethodLink')}</p>
      </>
    ),
  };
}

function DatasetFacts({ ctx, d }: { ctx: RenderCtx; d: StopDatasetView }) {
  const agency = d.agencyId ? ctx.data.agencyById.get(d.agencyId) : undefined;
  return (
    <>
      <p>
        {d.location} · {period(ctx, d)}
      </p>
      <p>{ctx.t('anSource', { source: d.source, licence: d.licence })}</p>
      <p>
        {ctx.t('anLoaded', {
          loaded: d.rows.loaded,
          read: d.rows.read,
          quarantined: d.rows.quarantined,
        })}
      </p>
      {agency && d.agencyId && (
        <p>
          {ctx.t('anAgency')} <a href={href(ctx, pagePaths.agency(d.agencyId))}>{agency.name}</a>
        </p>
      )}
      <p class="small">{ctx.t('anFile', { file: d.file, sha256: d.sha256 })}</p>
    </>
  );
}

export function analysisPage(ctx: RenderCtx, all: AnalysesView, id: string): PageResult {
  const d = all.dataset(id);
  if (!d) return notFoundPage(ctx, ctx.t('anNotFound', { id }));
  const results = all.ofDataset(id);
  return {
    title: `${d.name} · ${ctx.t('anTitle')}`,
    main: (
      <>
        <p>
          <a href={href(ctx, pagePaths.analyses)}>{ctx.t('anTitle')}</a>
        </p>
        <h1>{d.name}</h1>
        <DatasetFacts ctx={ctx} d={d} />
        <h2>{ctx.t('anResults')}</h2>
        {results.length === 0 && <p>{ctx.t('anNone')}</p>}
        {results.map((a) => (
          <AnalysisResult key={a.analysisId} ctx={ctx} a={a} />
        ))}
      </>
    ),
  };
}
