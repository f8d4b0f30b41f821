/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** A document's text page by page, each page saying where its text came from (text layer, OCR and its confidence). */
import type { DocumentDetail } from '../../../read/documents.ts';
import type { RenderCtx } from '../../context.ts';
import { dt } from './messages.ts';

export function PageTexts({ ctx, pages }: { ctx: RenderCtx; pages: DocumentDetail['pageTexts'] }) {
  const l = ctx.lang;
  return (
    <>
      {pages.map((p) => (
        <details key={p.page} id={`page-${p.page}`} class="page-text">
          <summary>
            {dt(l, 'page', { n: p.page })} ·{' '}
            {p.source === 'text'
              ? dt(l, 'fromText')
              : p.source === 'ocr'
                ? dt(l, 'fromOcr', { pct: Math.round((p.confidence ?? 0) * 100) })
                : dt(l, 'fromNone')}
          </summary>
          <pre>{p.text}</pre>
        </details>
      ))}
    </>
  );
}
