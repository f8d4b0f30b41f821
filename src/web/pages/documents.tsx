/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * The archived agreement documents (`/documents/`): a search form (words, "phrases", prefixes; filters by model
 * and by difference from the template) with its hits on the server, and the table of every document. The static
 * export has no search (a static host cannot run it): its page says how to search instead.
 */
import type { DocumentSummary, SearchHit } from '../../read/documents.ts';
import { href, type PageResult, type RenderCtx } from '../context.ts';
import { formatDate } from '../i18n.ts';
import { dt } from './document/messages.ts';
import { documentPaths } from './document.tsx';

export interface DocumentsQuery {
  q: string;
  model: string;
  deviations: boolean;
}

/** The query of the documents page, from the URL (invalid values ignored). */
export function documentsQuery(query: URLSearchParams): DocumentsQuery {
  const model = (query.get('model') ?? '').toUpperCase();
  return {
    q: (query.get('q') ?? '').slice(0, 300),
    model: ['JEM', 'WSO', 'TFM'].includes(model) ? model : '',
    deviations: query.get('deviations') === 'true',
  };
}

function SearchForm({ ctx, q }: { ctx: RenderCtx; q: DocumentsQuery }) {
  const l = ctx.lang;
  return (
    <form method="get" action={href(ctx, documentPaths.list)} class="filters">
      <label>
        {dt(l, 'searchLabel')} <input type="search" name="q" value={q.q} />
      </label>
      <label>
        {dt(l, 'model')}{' '}
        <select name="model">
          <option value="">{dt(l, 'anyModel')}</option>
          {['JEM', 'WSO', 'TFM'].map((m) => (
            <option key={m} value={m} selected={q.model === m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input type="checkbox" name="deviations" value="true" checked={q.deviations} />{' '}
        {dt(l, 'onlyDeviating')}
      </label>
      <button type="submit">{dt(l, 'searchButton')}</button>
    </form>
  );
}

function Hits({ ctx, hits, total }: { ctx: RenderCtx; hits: SearchHit[]; total: number }) {
  if (hits.length === 0) return <p>{dt(ctx.lang, 'noHits')}</p>;
  return (
    <>
      <p>{dt(ctx.lang, 'hits', { n: total })}</p>
      <ol class="hits">
        {hits.map((h) => (
          <li key={`${h.sha256}-${h.page}`}>
            <a href={`${href(ctx, documentPaths.one(h.sha256))}#page-${h.page}`}>
              {h.fileName}, {dt(ctx.lang, 'page', { n: h.page })}
            </a>
            <p>
              {h.snippet
                .split(/(«[^»]*»)/)
                .map((part, i) =>
                  part.startsWith('«') ? (
                    <mark key={i}>{part.slice(1, -1)}</mark>
                  ) : (
                    <span key={i}>{part}</span>
                  ),
                )}
            </p>
          </li>
        ))}
      </ol>
    </>
  );
}

function Table({ ctx, docs }: { ctx: RenderCtx; docs: DocumentSummary[] }) {
  const l = ctx.lang;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{dt(l, 'document')}</th>
            <th scope="col">{dt(l, 'model')}</th>
            <th scope="col">{dt(l, 'template')}</th>
            <th scope="col">{dt(l, 'date')}</th>
            <th scope="col">{dt(l, 'pages')}</th>
            <th scope="col">{dt(l, 'deviations')}</th>
          </tr>
        </thead>
        <tbody>
          {docs.map((d) => (
            <tr key={d.sha256}>
              <th scope="row">
                <a href={href(ctx, documentPaths.one(d.sha256))}>{d.party ?? d.fileName}</a>
              </th>
              <td>{d.model ?? '—'}</td>
              <td>{d.templateRevision ?? '—'}</td>
              <td>{d.signedOn ? formatDate(l, d.signedOn) : '—'}</td>
              <td>
                {d.pagesRead}/{d.pages ?? '?'}
              </td>
              <td>{d.deviations ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function documentsPage(
  ctx: RenderCtx,
  docs: DocumentSummary[],
  q: DocumentsQuery,
  search: { hits: SearchHit[]; total: number } | null,
): PageResult {
  const l = ctx.lang;
  return {
    title: dt(l, 'listTitle'),
    description: dt(l, 'listIntro'),
    main: (
      <>
        <h1>{dt(l, 'listTitle')}</h1>
        <p>{dt(l, 'listIntro')}</p>
        {/* A static host cannot run the full-text search: the static copy says how to search instead. */}
        {ctx.mode === 'server' ? (
          <SearchForm ctx={ctx} q={q} />
        ) : (
          <p class="note" id="documents-static-search">
            {dt(l, 'staticSearch')}
          </p>
        )}
        {search ? <Hits ctx={ctx} hits={search.hits} total={search.total} /> : null}
        <Table ctx={ctx} docs={docs} />
      </>
    ),
  };
}
