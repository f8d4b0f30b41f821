/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** One entry of a `<dl class="facts">`: a term and what it is. */
import type { ComponentChildren } from 'preact';

export function Fact({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
