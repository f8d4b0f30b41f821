/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** A table's head: one row of column headers. */

export function TableHead({ columns }: { columns: string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th key={c} scope="col">
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}
