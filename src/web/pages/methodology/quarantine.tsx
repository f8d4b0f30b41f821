/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** The quarantined ICE lists: kept but never applied, each with its date, kind, hash and reason. */
import { TableHead } from '../../components/table-head.tsx';
import type { RenderCtx } from '../../context.ts';
import { formatDate } from '../../i18n.ts';

export function QuarantineSection({ ctx }: { ctx: RenderCtx }) {
  const { t, lang } = ctx;
  const quarantined = ctx.data.snapshots.filter((s) => s.status === 'quarantined');
  return (
    <section aria-labelledby="quarantine-title">
      <h2 id="quarantine-title">{t('methQuarantined')}</h2>
      <p>{t('methQuarantinedText')}</p>
      {quarantined.length === 0 ? (
        <p>{t('methQuarantinedNone')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <TableHead columns={[t('colDate'), t('filterKind'), 'SHA-256', t('dataDescription')]} />
            <tbody>
              {quarantined.map((q) => (
                <tr key={q.publication}>
                  <td>{formatDate(lang, q.date)}</td>
                  <td>{q.kind}</td>
                  <td>
                    <code>{q.sha256.slice(0, 16)}</code>
                  </td>
                  <td>{q.statusReason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
