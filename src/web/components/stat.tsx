/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** One headline number of a `<dl class="stats">`; `name` marks it for the island that updates it. */

export function Stat({ term, value, name }: { term: string; value: string; name?: string }) {
  return (
    <div class="stat">
      <dt>{term}</dt>
      <dd data-stat={name}>{value}</dd>
    </div>
  );
}
