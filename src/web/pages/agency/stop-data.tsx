/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** The agency page's link to the stop-data analyses of its stops (issue 17), when any dataset is tied to it. */
import type { StopDatasetView } from '../../../read/analyses.ts';
import { href, type RenderCtx } from '../../context.ts';
import { pagePaths } from '../../paths.ts';

export function StopDataSection({ ctx, datasets }: { ctx: RenderCtx; datasets: StopDatasetView[] }) {
  if (datasets.length === 0) return null;
  return (
    <section aria-labelledby="stop-data-title">
      <h2 id="stop-data-title">{ctx.t('anAgencyLink')}</h2>
      <ul>
        {datasets.map((d) => (
          <li key={d.datasetId}>
            <a href={href(ctx, pagePaths.analysis(d.datasetId))}>{d.name}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
