/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** Every signed date an agreement was published with: as published (and raw), as corrected, and the rule applied. */
import { TableHead } from '../../components/table-head.tsx';
import type { RenderCtx } from '../../context.ts';
import { PubRef } from './pub-ref.tsx';

interface SignedEntry {
  publication: number;
  date: string;
  raw: string | null;
  published: string | null;
  corrected: string | null;
  rule: string | null;
}

export function SignedHistory({ ctx, history }: { ctx: RenderCtx; history: unknown }) {
  const { t } = ctx;
  const entries = history as SignedEntry[];
  if (entries.length === 0) return null;
  return (
    <details>
      <summary>{t('signedHistory')}</summary>
      <div class="table-wrap">
        <table>
          <TableHead
            columns={[
              t('colPublication'),
              t('agencySignedPublished'),
              t('agencySigned'),
              t('agencySignedRule', { rule: '' }).replace(/[:\s]+$/, ''),
            ]}
          />
          <tbody>
            {entries.map((h) => (
              <tr key={`${h.publication}`}>
                <td>
                  <PubRef ctx={ctx} id={h.publication} />
                </td>
                <td>
                  {h.published ?? '—'}
                  {h.raw && h.raw !== h.published ? <span class="raw"> ({h.raw})</span> : null}
                </td>
                <td>{h.corrected ?? '—'}</td>
                <td>{h.rule ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
