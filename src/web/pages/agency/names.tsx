/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** The names ICE listed an agency under (state, first and last seen), and the identity decisions behind them. */
import { TableHead } from '../../components/table-head.tsx';
import type { RenderCtx } from '../../context.ts';
import { formatDate } from '../../i18n.ts';
import type { AgencyDetail } from '../agency.tsx';

export function NamesSection({ ctx, d }: { ctx: RenderCtx; d: AgencyDetail }) {
  const { t, lang } = ctx;
  return (
    <section aria-labelledby="names-title">
      <h2 id="names-title">{t('agencyNames')}</h2>
      <div class="table-wrap">
        <table>
          <TableHead columns={[t('colAgency'), t('colState'), t('filterFrom'), t('filterTo')]} />
          <tbody>
            {d.names.map((n) => (
              <tr key={`${n.state}|${n.name}|${n.first_seen}`}>
                <td>{n.name}</td>
                <td>{n.state}</td>
                <td>{formatDate(lang, n.first_seen)}</td>
                <td>{formatDate(lang, n.last_seen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {d.identity.length > 0 ? <IdentityDecisions ctx={ctx} identity={d.identity} /> : null}
    </section>
  );
}

function IdentityDecisions({ ctx, identity }: { ctx: RenderCtx; identity: AgencyDetail['identity'] }) {
  const { t, lang } = ctx;
  return (
    <details>
      <summary>{t('agencyIdentity')}</summary>
      <ul>
        {identity.map((i) => (
          <li key={`${i.state}|${i.name}|${i.decidedOn}`}>
            {formatDate(lang, i.decidedOn)}: “{i.name}” ({i.state}) — {i.method}, {i.confidence.toFixed(2)}
            {i.needsReview ? ' ⚑' : ''}: {i.explanation}
            {i.reviewed ? ` (${t('identityReviewed')}: ${i.reviewed})` : ''}
          </li>
        ))}
      </ul>
    </details>
  );
}
