/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** A page section named by its heading (`aria-labelledby` pointing at the `h2`). */
import type { ComponentChildren } from 'preact';

export function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
