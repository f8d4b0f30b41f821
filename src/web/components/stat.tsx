/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * One headline number of a `<dl class="stats">`; `name` marks it for the island that updates it; `def` (its
 * definition and source) shows on hover and focus.
 */
import { Defined } from './defined.tsx';

export function Stat({
  term,
  value,
  name,
  def,
}: {
  term: string;
  value: string;
  name?: string;
  def?: string;
}) {
  const shown = <span data-stat={name}>{value}</span>;
  return (
    <div class="stat">
      <dt>{term}</dt>
      <dd>
        {def ? (
          <Defined id={`stat-${name ?? term.replace(/\W+/g, '-')}`} def={def}>
            {shown}
          </Defined>
        ) : (
          shown
        )}
      </dd>
    </div>
  );
}
