/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * The agency's stop-data analyses (issue 17) on its page, when a stop dataset is tied to it: per dataset, each
 * published result in one line (what was tested, for which group, the estimate and its interval, or that it was
 * withheld), linking to the dataset's page for the words, checks and caveats.
 */
import type { AnalysisView, StopDatasetView } from '../../../read/analyses.ts';
import { href, type RenderCtx } from '../../context.ts';
import { pagePaths } from '../../paths.ts';
import { groupName, methodName, num, shown } from '../analysis/words.ts';

export interface AgencyStopData {
  datasets: StopDatasetView[];
  analyses: (datasetId: string) => AnalysisView[];
}

function ResultLine({ ctx, a }: { ctx: RenderCtx; a: AnalysisView }) {
  const what = `${methodName(ctx, a.method)} — ${ctx.t('anVs', { group: groupName(ctx, a.contrast) })}`;
  if (!a.effect) return <li>{`${what}: ${ctx.t('anWithheld', { reason: a.withheldReason ?? '' })}`}</li>;
  const s = shown(a.effect);
  const ci = s.ci ? ` (${num(ctx, s.ci[0], s.digits)} – ${num(ctx, s.ci[1], s.digits)})` : '';
  return <li>{`${what}: ${num(ctx, s.estimate, s.digits)}${ci}`}</li>;
}

export function StopDataSection({ ctx, stopData }: { ctx: RenderCtx; stopData: AgencyStopData }) {
  if (stopData.datasets.length === 0) return null;
  return (
    <section aria-labelledby="stop-data-title">
      <h2 id="stop-data-title">{ctx.t('anAgencyLink')}</h2>
      {stopData.datasets.map((d) => (
        <div key={d.datasetId}>
          <h3>
            <a href={href(ctx, pagePaths.analysis(d.datasetId))}>{d.name}</a>
          </h3>
          <ul>
            {stopData.analyses(d.datasetId).map((a) => (
              <ResultLine key={a.analysisId} ctx={ctx} a={a} />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
