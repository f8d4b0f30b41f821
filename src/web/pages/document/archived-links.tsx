/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** On an agency page, beside ICE's MOA and addendum links: the archived copies and their document pages. */
import { href, type RenderCtx, rootHref } from '../../context.ts';
import { dt } from './messages.ts';

export function ArchivedLinks({
  ctx,
  docs,
}: {
  ctx: RenderCtx;
  docs: { sha256: string; kind: string }[] | undefined;
}) {
  if (!docs || docs.length === 0) return null;
  return (
    <>
      {docs.map((d) => (
        <span key={d.sha256}>
          {' · '}
          <a href={rootHref(ctx, `/documents/${d.sha256}.pdf`)}>
            {d.kind === 'addendum' ? 'Addendum' : 'MOA'}, {dt(ctx.lang, 'archivedShort')}
          </a>{' '}
          (<a href={href(ctx, `/document/${d.sha256}/`)}>{dt(ctx.lang, 'title').toLowerCase()}</a>)
        </span>
      ))}
    </>
  );
}
