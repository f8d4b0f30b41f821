/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * "How we know", one click away from the plain words: for each agreement, the lists that showed it (each linked
 * to ICE's workbook) and its signed date as ICE published it over time, with how each value was read; the names
 * ICE listed the agency under; how it was placed on the map and its FBI identifier; how its identity was decided;
 * and the ledger's IDs. The methodology page explains the rules.
 */
import type { AgencyDetailRecord, AgreementRecord } from '../../../read/records.ts';
import { TableHead } from '../../components/table-head.tsx';
import { href, type RenderCtx } from '../../context.ts';
import { formatDate, LIST_LABEL, label, MESSAGES, type MessageKey, MODEL_LABEL } from '../../i18n.ts';
import { pagePaths } from '../../paths.ts';
import { PubRef } from './pub-ref.tsx';

/** What a rule of the signed-date reader, the placement or the identity resolver did, in words. */
function ruleWords(ctx: RenderCtx, kind: 'signed' | 'place' | 'identity', rule: string | null): string {
  if (!rule) return '';
  const key = `${kind}Rule_${rule.replace(/[^a-z0-9]+/gi, '_')}` as MessageKey;
  return key in MESSAGES.en ? ctx.t(key) : ctx.t(`${kind}RuleOther` as MessageKey);
}

function Listings({ ctx, d, a }: { ctx: RenderCtx; d: AgencyDetailRecord; a: AgreementRecord }) {
  const { t, lang } = ctx;
  return (
    <ul class="intervals">
      {a.intervals.map((i) => (
        <li key={`${i.list}${i.from}`}>
          {t(i.open ? 'knowListedOpen' : 'knowListed', {
            list: label(LIST_LABEL, lang, i.list),
            from: formatDate(lang, i.from),
            to: formatDate(lang, i.to),
          })}
          {i.gaps > 0 ? ` (${t('agencyGaps', { n: i.gaps })})` : ''}:{' '}
          <PubRef ctx={ctx} d={d} id={i.fromPublication} />
          {/* An open listing names the list that began it; "still on it" is the latest list (the data page). */}
          {!i.open && i.toPublication !== i.fromPublication ? (
            <>
              {' → '}
              <PubRef ctx={ctx} d={d} id={i.toPublication} />
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function SignedDates({ ctx, d, a }: { ctx: RenderCtx; d: AgencyDetailRecord; a: AgreementRecord }) {
  const { t, lang } = ctx;
  if (a.signedHistory.length === 0) return null;
  return (
    <div class="table-wrap">
      <table>
        <caption>{t('signedHistory')}</caption>
        <TableHead
          columns={[t('colPublication'), t('agencySignedPublished'), t('agencySigned'), t('knowHowRead')]}
        />
        <tbody>
          {a.signedHistory.map((h) => (
            <tr key={`${h.publication}`}>
              <td>
                <PubRef ctx={ctx} d={d} id={h.publication} />
              </td>
              <td>
                {h.published ? formatDate(lang, h.published) : '—'}
                {h.raw && h.rule !== 'serial' && h.raw !== h.published ? (
                  <span class="raw"> (“{h.raw}”)</span>
                ) : null}
              </td>
              <td>{h.corrected ? formatDate(lang, h.corrected) : '—'}</td>
              <td>{ruleWords(ctx, 'signed', h.rule)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Names({ ctx, d }: { ctx: RenderCtx; d: AgencyDetailRecord }) {
  const { t, lang } = ctx;
  // A name seen on the date of ICE's latest list is "still listed": the page does not print the latest list's date.
  const latest = new Set([ctx.data.fresh.participating?.date, ctx.data.fresh.pending?.date]);
  return (
    <div class="table-wrap">
      <table>
        <caption>{t('agencyNames')}</caption>
        <TableHead columns={[t('colAgency'), t('colState'), t('filterFrom'), t('filterTo')]} />
        <tbody>
          {d.names.map((n) => (
            <tr key={`${n.state}|${n.name}|${n.firstSeen}`}>
              <td>{n.name}</td>
              <td>{n.state}</td>
              <td>{formatDate(lang, n.firstSeen)}</td>
              <td>{latest.has(n.lastSeen) ? t('knowStillListed') : formatDate(lang, n.lastSeen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Placement({ ctx, d }: { ctx: RenderCtx; d: AgencyDetailRecord }) {
  const { t } = ctx;
  const p = d.placement;
  if (!p) return <p>{t('agencyUnplaced')}</p>;
  return (
    <ul>
      <li>
        {t('knowPlaced', {
          how: p.method === 'override' ? t('placeRuleOverride') : ruleWords(ctx, 'place', p.rule),
        })}
        {p.reason ? ` — ${p.reason}` : ''}
      </li>
      <li>
        {t('agencyOri')}:{' '}
        {p.ori ? (
          <code>{p.ori}</code>
        ) : p.oriStatus === 'ambiguous' ? (
          t('agencyOriAmbiguous', { list: p.oriCandidates.join(', ') })
        ) : (
          t('agencyOriNone')
        )}
        {d.fbi ? ` (${d.fbi.name}, ${d.fbi.type}, FBI ${d.fbi.year})` : ''}
      </li>
    </ul>
  );
}

function Identity({ ctx, d }: { ctx: RenderCtx; d: AgencyDetailRecord }) {
  const { t, lang } = ctx;
  if (d.identity.length === 0) return null;
  return (
    <ul>
      {d.identity.map((i) => (
        <li key={`${i.state}|${i.name}|${i.decidedOn}`}>
          {formatDate(lang, i.decidedOn)}: “{i.name}” ({i.state}) — {ruleWords(ctx, 'identity', i.method)}
          {i.needsReview && !i.reviewed ? ` (${t('knowAwaitingReview')})` : ''}
          {i.reviewed ? ` (${t('identityReviewed')}: ${i.reviewed})` : ''}
        </li>
      ))}
    </ul>
  );
}

export function HowWeKnow({ ctx, d }: { ctx: RenderCtx; d: AgencyDetailRecord }) {
  const { t, lang } = ctx;
  return (
    <details class="how-we-know" id="how-we-know">
      <summary>{t('knowTitle')}</summary>
      <p>
        {t('knowIntro')} <a href={href(ctx, pagePaths.methodology)}>{t('navMethodology')}</a>.
      </p>
      {d.agreements.map((a) => (
        <section key={a.agreementId} aria-labelledby={`know-${a.agreementId}`}>
          <h3 id={`know-${a.agreementId}`}>
            {label(MODEL_LABEL, lang, a.model)} — <code>{a.agreementId}</code>
          </h3>
          <Listings ctx={ctx} d={d} a={a} />
          <SignedDates ctx={ctx} d={d} a={a} />
        </section>
      ))}
      <Names ctx={ctx} d={d} />
      <h3>{t('agencyJurisdiction')}</h3>
      <Placement ctx={ctx} d={d} />
      {d.identity.length > 0 ? <h3>{t('agencyIdentity')}</h3> : null}
      <Identity ctx={ctx} d={d} />
      <p>
        {t('agencyId')}: <code>{d.agencyId}</code>
        {d.mergedIds.length > 0 ? ` (${d.mergedIds.join(', ')})` : ''}
      </p>
    </details>
  );
}
