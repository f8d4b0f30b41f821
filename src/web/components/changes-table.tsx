/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** A table of changes (date, event, agency, state, model); the changes page's one carries the rows' filter data. */
import type { ChangeRow } from '../../read/site-data.ts';
import { href, type RenderCtx } from '../context.ts';
import { formatDate } from '../i18n.ts';
import { pagePaths } from '../paths.ts';
import { ModelBadge } from './badges.tsx';
import { ChangeKind, changeDetail } from './change-kind.tsx';
import { TableHead } from './table-head.tsx';

export function ChangesTable({
  ctx,
  changes,
  caption,
  filterable = false,
}: {
  ctx: RenderCtx;
  changes: ChangeRow[];
  caption?: string;
  filterable?: boolean;
}) {
  const { t } = ctx;
  return (
    <div class="table-wrap">
      <table class="changes" id={filterable ? 'changes-table' : undefined}>
        {caption ? <caption>{caption}</caption> : null}
        <TableHead columns={[t('colDate'), t('colEvent'), t('colAgency'), t('colState'), t('colModels')]} />
        <tbody>
          {changes.map((c) => (
            <ChangeLine key={c.eventId} ctx={ctx} c={c} filterable={filterable} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ChangeLine({ ctx, c, filterable }: { ctx: RenderCtx; c: ChangeRow; filterable: boolean }) {
  const id = ctx.data.merged.get(c.agencyId) ?? c.agencyId;
  const detail = changeDetail(c);
  return (
    <tr
      data-date={c.date}
      data-state={c.state ?? ''}
      data-kind={c.kind}
      data-model={filterable ? (c.model ?? ctx.data.eventModels.get(c.eventId)?.join(' ') ?? '') : undefined}
    >
      <td>
        <time datetime={c.date}>{formatDate(ctx.lang, c.date)}</time>
      </td>
      <td>
        <ChangeKind ctx={ctx} kind={c.kind} list={c.list} />
        {detail ? <span class="detail">{detail}</span> : null}
      </td>
      <td>
        <a href={href(ctx, pagePaths.agency(id))}>{c.name ?? id}</a>
      </td>
      <td>{c.state ?? ''}</td>
      <td>{c.model ? <ModelBadge ctx={ctx} model={c.model} /> : ''}</td>
    </tr>
  );
}
