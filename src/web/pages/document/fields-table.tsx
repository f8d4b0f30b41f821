/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** The fields read from a document, each with its value, the page and words it was read from, and a confidence. */
import type { DocumentFields, Field, PointOfContact } from '../../../domain/document.ts';
import type { RenderCtx } from '../../context.ts';
import { formatDate } from '../../i18n.ts';
import { type DocKey, dt } from './messages.ts';

const ORDER: (keyof Omit<DocumentFields, 'signatures'>)[] = [
  'agencyName',
  'model',
  'templateRevision',
  'effectiveDate',
  'duration',
  'pointsOfContact',
  'complaintAppendix',
  'publicInformationAppendix',
  'trainingClause',
  'supervisionClause',
];

function shown(ctx: RenderCtx, f: Field<unknown>): string {
  const v = f.value;
  if (v === null) return dt(ctx.lang, 'notRead', { reason: f.reason ?? '' });
  if (typeof v === 'boolean') return dt(ctx.lang, v ? 'yes' : 'no');
  if (Array.isArray(v))
    return (v as PointOfContact[]).map((c) => `${c.party}: ${c.lines.join(', ')}`).join(' · ');
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(ctx.lang, v);
  return String(v);
}

export function Evidence({ ctx, f }: { ctx: RenderCtx; f: Field<unknown> }) {
  if (!f.evidence) return <>{f.value === false && f.reason ? f.reason : '—'}</>;
  return (
    <>
      <a href={`#page-${f.evidence.page}`}>{dt(ctx.lang, 'page', { n: f.evidence.page })}</a>:{' '}
      <q>{f.evidence.text.length > 160 ? `${f.evidence.text.slice(0, 160)}…` : f.evidence.text}</q>
    </>
  );
}

export function FieldsTable({ ctx, fields }: { ctx: RenderCtx; fields: DocumentFields }) {
  const l = ctx.lang;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{dt(l, 'field')}</th>
            <th scope="col">{dt(l, 'value')}</th>
            <th scope="col">{dt(l, 'evidence')}</th>
            <th scope="col">{dt(l, 'confidence')}</th>
          </tr>
        </thead>
        <tbody>
          {ORDER.map((k) => {
            const f = fields[k] as Field<unknown>;
            return (
              <tr key={k}>
                <th scope="row">{dt(l, `f_${k}` as DocKey)}</th>
                <td>{shown(ctx, f)}</td>
                <td>
                  <Evidence ctx={ctx} f={f} />
                </td>
                <td>{f.value === null ? '—' : `${Math.round(f.confidence * 100)}%`}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function SignaturesTable({ ctx, fields }: { ctx: RenderCtx; fields: DocumentFields }) {
  const l = ctx.lang;
  const cell = (f: Field<string>, date = false) =>
    f.value === null ? (
      <span class="muted">{dt(l, 'notRead', { reason: f.reason ?? '' })}</span>
    ) : (
      <>
        {date ? formatDate(l, f.value) : f.value}{' '}
        {f.evidence ? (
          <a href={`#page-${f.evidence.page}`}>({dt(l, 'page', { n: f.evidence.page })})</a>
        ) : null}
      </>
    );
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{dt(l, 'signedFor')}</th>
            <th scope="col">{dt(l, 'name')}</th>
            <th scope="col">{dt(l, 'titleCol')}</th>
            <th scope="col">{dt(l, 'date')}</th>
          </tr>
        </thead>
        <tbody>
          {fields.signatures.map((s) => (
            <tr key={s.party}>
              <th scope="row">{s.party}</th>
              <td>{cell(s.name)}</td>
              <td>{cell(s.title)}</td>
              <td>{cell(s.date, true)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
