/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** A document's differences from its template's standard text: each section added, removed or changed, with a word diff. */
import type { SectionDeviation } from '../../../domain/document.ts';
import type { RenderCtx } from '../../context.ts';
import { dt } from './messages.ts';

export function Deviations({
  ctx,
  list,
  template,
}: {
  ctx: RenderCtx;
  list: SectionDeviation[] | null;
  template: string | null;
}) {
  const l = ctx.lang;
  if (list === null)
    return (
      <p>
        {dt(l, 'noComparison', {
          reason: template
            ? 'too few documents of this template to learn its standard text'
            : 'the template could not be read',
        })}
      </p>
    );
  if (list.length === 0) return <p>{dt(l, 'noDeviation')}</p>;
  return (
    <>
      <p>{dt(l, 'deviationsCount', { n: list.length })}</p>
      {list.map((d) => (
        <details key={d.key} class="deviation">
          <summary>
            {d.heading || d.key} — {dt(l, d.change)}
            {d.similarity !== null
              ? ` (${dt(l, 'similarity', { pct: Math.round(d.similarity * 100) })})`
              : ''}
          </summary>
          <p class="diff">
            {d.diff.map((r, i) =>
              r.op === '=' ? (
                <span key={i}>
                  {r.text.length > 400 ? `${r.text.slice(0, 180)} … ${r.text.slice(-180)}` : r.text}{' '}
                </span>
              ) : r.op === '-' ? (
                <del key={i}>{r.text} </del>
              ) : (
                <ins key={i}>{r.text} </ins>
              ),
            )}
          </p>
        </details>
      ))}
    </>
  );
}
