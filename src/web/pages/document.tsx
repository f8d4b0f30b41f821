/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * One archived agreement document (`/document/<sha256>/`): what it is (file, agency, model, template, pages and
 * OCR), the archived PDF beside ICE's link, the signatures and the fields with their evidence, the agreements that
 * link it, its differences from its template, and its text page by page.
 */
import type { DocumentDetail } from '../../read/documents.ts';
import { Section } from '../components/section.tsx';
import { href, type PageResult, type RenderCtx, rootHref } from '../context.ts';
import { formatDate } from '../i18n.ts';
import { Deviations } from './document/deviations.tsx';
import { FieldsTable, SignaturesTable } from './document/fields-table.tsx';
import { dt } from './document/messages.ts';
import { PageTexts } from './document/page-texts.tsx';

export const documentPaths = {
  list: '/documents/',
  one: (sha256: string) => `/document/${sha256}/`,
  pdf: (sha256: string) => `/documents/${sha256}.pdf`,
};

function Summary({ ctx, d }: { ctx: RenderCtx; d: DocumentDetail }) {
  const l = ctx.lang;
  return (
    <dl class="facts">
      <dt>{dt(l, 'file')}</dt>
      <dd>
        <a href={rootHref(ctx, documentPaths.pdf(d.sha256))}>{dt(l, 'archived')}</a> ·{' '}
        <code>{d.fileName}</code> · sha256 <code>{d.sha256}</code>
      </dd>
      <dt>{dt(l, 'links')}</dt>
      <dd>
        {d.links.map((x, i) => (
          <span key={x.url}>
            {i > 0 ? ' · ' : ''}
            <a href={x.url} rel="noopener noreferrer">
              {x.kind === 'file' ? x.url.split('/').pop() : `${x.kind.toUpperCase()} ${dt(l, 'iceLink')}`}
            </a>
            {x.firstSeen ? ` (${dt(l, 'firstSeen', { date: formatDate(l, x.firstSeen.slice(0, 10)) })})` : ''}
          </span>
        ))}
      </dd>
      <dt>{dt(l, 'pages')}</dt>
      <dd>
        {dt(l, 'pagesRead', { read: d.pagesRead, all: d.pages ?? 0 })}
        {d.pendingPages > 0 ? ` · ${dt(l, 'ocrPending', { n: d.pendingPages })}` : ''}
        {d.ocrPages > 0 && d.pendingPages === 0 ? ` · ${dt(l, 'ocrRead', { n: d.ocrPages })}` : ''}
      </dd>
      <dt>{dt(l, 'template')}</dt>
      <dd>{d.template ?? '—'}</dd>
    </dl>
  );
}

function Agreements({ ctx, d }: { ctx: RenderCtx; d: DocumentDetail }) {
  if (d.agencyIds.length === 0) return <p>{dt(ctx.lang, 'noAgreements')}</p>;
  return (
    <ul>
      {d.agencyIds.map((id) => {
        const a = ctx.data.agencyById.get(id);
        return (
          <li key={id}>
            <a href={href(ctx, `/agency/${encodeURIComponent(id)}/`)}>{a ? `${a.name} (${a.state})` : id}</a>
          </li>
        );
      })}
    </ul>
  );
}

export function documentPage(ctx: RenderCtx, d: DocumentDetail): PageResult {
  const l = ctx.lang;
  const name = d.party ?? d.fileName;
  return {
    title: `${name} — ${dt(l, 'title')}`,
    description: `${dt(l, 'title')}: ${name}${d.model ? `, ${d.model}` : ''}`,
    main: (
      <>
        <p>
          <a href={href(ctx, documentPaths.list)}>{dt(l, 'listTitle')}</a>
        </p>
        <h1>{name}</h1>
        {d.status === 'refused' ? <p role="alert">{dt(l, 'refused', { reason: d.refusal ?? '' })}</p> : null}
        <Summary ctx={ctx} d={d} />
        {d.fields ? (
          <>
            <Section id="signatures" title={dt(l, 'signatures')}>
              <SignaturesTable ctx={ctx} fields={d.fields} />
            </Section>
            <Section id="fields" title={dt(l, 'fields')}>
              <FieldsTable ctx={ctx} fields={d.fields} />
            </Section>
          </>
        ) : null}
        <Section id="agreements" title={dt(l, 'agreements')}>
          <Agreements ctx={ctx} d={d} />
        </Section>
        <Section id="comparison" title={dt(l, 'comparison')}>
          <Deviations ctx={ctx} list={d.deviationList} template={d.template} />
        </Section>
        <Section id="pages" title={dt(l, 'pageText')}>
          <PageTexts ctx={ctx} pages={d.pageTexts} />
        </Section>
        <Section id="methods" title={dt(l, 'methods')}>
          <p>{dt(l, 'methodsText')}</p>
        </Section>
      </>
    ),
  };
}
