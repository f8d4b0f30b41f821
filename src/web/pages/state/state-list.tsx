/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** Links to every state and territory with an agency. */
import { stateByUsps } from '../../../reference/us-states.ts';
import { href, type RenderCtx } from '../../context.ts';
import { pagePaths } from '../../paths.ts';

export function StateList({ ctx }: { ctx: RenderCtx }) {
  const codes = [...new Set(ctx.data.agencies.map((a) => a.state))].sort();
  return (
    <nav aria-labelledby="states-title" class="state-list">
      <h2 id="states-title">{ctx.t('allStates')}</h2>
      <ul>
        {codes.map((c) => (
          <li key={c}>
            <a href={href(ctx, pagePaths.state(c))}>{stateByUsps(c)?.name ?? c}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
