/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** The ICE list a fact came from: its kind, date and label, linked to the workbook itself (by its sha256). */
import { XLSX_MEDIA_TYPE } from '../../../domain/media-types.ts';
import type { AgencyDetailRecord } from '../../../read/records.ts';
import { type RenderCtx, rootHref } from '../../context.ts';
import { formatDate, LIST_LABEL, label } from '../../i18n.ts';
import { filePath } from '../../paths.ts';

export function PubRef({
  ctx,
  d,
  id,
}: {
  ctx: RenderCtx;
  d: AgencyDetailRecord;
  id: number | null | undefined;
}) {
  if (id === null || id === undefined) return null;
  const p = d.publications[String(id)];
  if (!p) return <span class="source">#{id}</span>;
  const text = ctx.t('agencySource', {
    list: label(LIST_LABEL, ctx.lang, p.kind),
    date: formatDate(ctx.lang, p.date),
  });
  return (
    <span class="source">
      <a href={rootHref(ctx, filePath(p.sha256, XLSX_MEDIA_TYPE))}>{text}</a>
      {p.label && !p.label.includes(p.date) ? ` (“${p.label}”)` : ''}
    </span>
  );
}
