/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * One analysis on its dataset's page: what was tested, the result in plain words (or why it is withheld), the
 * estimate with its interval, a chart, the checks (gates) and caveats; the options, method version and the inputs'
 * checksums behind a "How we know" disclosure.
 */
import type { AnalysisView } from '../../../read/analyses.ts';
import type { RenderCtx } from '../../context.ts';
import { formatDate } from '../../i18n.ts';
import { AnalysisChart } from './chart.tsx';
import { groupName, methodName, num, pValue, shown } from './words.ts';

function Estimate({ ctx, a }: { ctx: RenderCtx; a: AnalysisView }) {
  if (!a.effect) return <p class="withheld">{ctx.t('anWithheld', { reason: a.withheldReason ?? '' })}</p>;
  const s = shown(a.effect);
  return (
    <dl class="facts">
      <dt>{ctx.t('anEstimate')}</dt>
      <dd>{num(ctx, s.estimate, s.digits)}</dd>
      <dt>{ctx.t('anInterval')}</dt>
      <dd>{s.ci ? `${num(ctx, s.ci[0], s.digits)} – ${num(ctx, s.ci[1], s.digits)}` : '—'}</dd>
      <dt>{ctx.t('anP')}</dt>
      <dd>{pValue(a.effect.p)}</dd>
    </dl>
  );
}

function Checks({ ctx, a }: { ctx: RenderCtx; a: AnalysisView }) {
  if (a.gates.length === 0) return null;
  return (
    <>
      <h4>{ctx.t('anChecks')}</h4>
      <ul class="gates">
        {a.gates.map((g) => (
          <li key={g.id} class={g.passed ? 'gate-passed' : 'gate-failed'}>
            <strong>{g.passed ? ctx.t('anPassed') : ctx.t('anFailed')}</strong>
            {g.blocking ? ` (${ctx.t('anBlocking')})` : ''}: {g.reason}
          </li>
        ))}
      </ul>
    </>
  );
}

function HowWeKnow({ ctx, a }: { ctx: RenderCtx; a: AnalysisView }) {
  return (
    <details>
      <summary>{ctx.t('anHowWeKnow')}</summary>
      <p>
        {ctx.t('anOptions', {
          options: JSON.stringify(a.options),
          spec: a.specVersion,
          run: a.runId,
          at: formatDate(ctx.lang, a.createdAt),
        })}
      </p>
      <p>{ctx.t('anInputs')}</p>
      <ul>
        {a.inputs.map((i) => (
          <li key={`${i.role}-${i.sha256}`}>
            {i.role}: {i.file} <code>{i.sha256}</code>
          </li>
        ))}
      </ul>
      {a.effect && (
        <p>
          <code>{a.effect.name}</code> ({a.effect.scale}, {a.effect.ciMethod})
        </p>
      )}
    </details>
  );
}

export function AnalysisResult({ ctx, a }: { ctx: RenderCtx; a: AnalysisView }) {
  const id = `analysis-${a.analysisId}`;
  return (
    <article aria-labelledby={id} class={`analysis analysis-${a.status}`}>
      <h3 id={id}>
        {methodName(ctx, a.method)} — {ctx.t('anVs', { group: groupName(ctx, a.contrast) })}
      </h3>
      {ctx.lang === 'en' && a.text.map((line) => <p key={line}>{line}</p>)}
      <Estimate ctx={ctx} a={a} />
      <AnalysisChart ctx={ctx} a={a} />
      <Checks ctx={ctx} a={a} />
      {a.caveats.length > 0 && (
        <>
          <h4>{ctx.t('anCaveats')}</h4>
          <ul>
            {a.caveats.map((c) => (
              <li key={c.id}>{c.text}</li>
            ))}
          </ul>
        </>
      )}
      <HowWeKnow ctx={ctx} a={a} />
    </article>
  );
}
