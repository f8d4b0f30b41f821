/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * A table the `tables` script makes sortable (a button in each column head), filterable (a box above it) and
 * downloadable as CSV or JSON of exactly the rows and columns shown; its sort and filter live in the page's URL
 * (`?{id}.sort=2-desc&{id}.q=harris`). Without script it is a plain table. A cell's `value` (an ISO date, a number)
 * is what it sorts by; what it shows is what the downloads hold.
 */
import type { ComponentChildren } from 'preact';
import type { RenderCtx } from '../context.ts';

export interface Column {
  label: string;
  /** How the column sorts. */
  kind?: 'text' | 'number' | 'date';
  num?: boolean;
}

export interface Cell {
  content: ComponentChildren;
  /** The value the column sorts by, when the text is not it (ISO date, number). */
  value?: string | number;
  /** A row header (`<th scope="row">`). */
  head?: boolean;
}

export interface Row {
  key: string;
  cells: Cell[];
  attrs?: Record<string, string>;
}

export function DataTable(props: {
  ctx: RenderCtx;
  id: string;
  caption?: string;
  columns: Column[];
  rows: Row[];
  /** Base of the downloaded files' names. */
  file: string;
}) {
  const { ctx, id, columns } = props;
  const { t } = ctx;
  return (
    <div class="data-table-box">
      <div class="table-tools" data-for={id} hidden>
        <label for={`${id}-q`}>{t('tableFilter')}</label>
        <input type="search" id={`${id}-q`} class="table-filter" autocomplete="off" />
        <span class="table-count" aria-live="polite" data-template={t('tableRows')} />
        <button type="button" class="button table-csv" data-file={`${props.file}.csv`}>
          {t('tableCsv')}
        </button>
        <button type="button" class="button table-json" data-file={`${props.file}.json`}>
          {t('tableJson')}
        </button>
      </div>
      <div class="table-wrap">
        <table id={id} class="data-table" data-sort-label={t('tableSortBy')}>
          {props.caption ? <caption>{props.caption}</caption> : null}
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.label} scope="col" data-kind={c.kind ?? 'text'} class={c.num ? 'num' : undefined}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={r.key} {...(r.attrs ?? {})}>
                {r.cells.map((c, i) => {
                  const attrs = {
                    key: `${r.key}-${i}`,
                    'data-value': c.value === undefined ? undefined : String(c.value),
                    class: columns[i]?.num ? 'num' : undefined,
                  };
                  return c.head ? (
                    <th scope="row" {...attrs}>
                      {c.content}
                    </th>
                  ) : (
                    <td {...attrs}>{c.content}</td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
