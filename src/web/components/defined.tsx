/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * A number with its definition and source: shown on hover and on keyboard focus (a tooltip), read by screen
 * readers with the number, and repeated in words by the page's notes.
 */
import type { ComponentChildren } from 'preact';

export function Defined({ id, children, def }: { id: string; children: ComponentChildren; def: string }) {
  return (
    <span class="defined" tabindex={0} aria-describedby={`def-${id}`}>
      {children}
      <span class="def" role="tooltip" id={`def-${id}`}>
        {def}
      </span>
    </span>
  );
}
