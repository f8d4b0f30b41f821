/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * An agency: status with dates, each agreement (model, signed date as published and as corrected with its rule,
 * MOA and addendum links, listing intervals), the timeline of events, jurisdiction and population, ORI, the names
 * ICE listed it under, the publication each fact came from, and a way to report a correction.
 */

import type { agencyDetail } from '../../read/agencies.ts';
import { stateByUsps } from '../../reference/us-states.ts';
import { ChangeKind, changeDetail, ModelBadge, num, StatusBadge } from '../components.tsx';
import { href, type PageResult, type RenderCtx, rootHref } from '../context.ts';
import { formatDate, LEVEL_LABEL, LIST_LABEL, label, MODEL_LABEL, STATUS_LABEL } from '../i18n.ts';
import { pagePaths } from '../paths.ts';

export type AgencyDetail = NonNullable<Awaited<ReturnType<typeof agencyDetail>>>;

/**
 * Where corrections go: REASSESS_CORRECTIONS, a GitHub repository (its new-issue form) or a `mailto:` address. Empty
 * by default: a copy of Reassess does not know its operator, so without it the page shows the report to copy.
 */
export const DEFAULT_CORRECTIONS = '';

export function correctionLink(target: string, subject: string, body: string): string {
  if (target.startsWith('mailto:'))
    return `${target}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
  return `${target.replace(/\/$/, '')}/issues/new?title=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}

function PubRef({ ctx, id }: { ctx: RenderCtx; id: number | null | undefined }) {
  if (id === null || id === undefined) return null;
  const p = ctx.data.publications.get(id);
  if (!p) return <span class="source">#{id}</span>;
  return (
    <span class="source">
      {ctx.t('agencySource', {
        kind:
          ctx.lang === 'en' ? p.kind : p.kind === 'pending' ? ctx.t('pendingList') : ctx.t('participating'),
        date: formatDate(ctx.lang, p.date),
      })}
      {p.label ? ` (${p.label})` : ''}
    </span>
  );
}

export function agencyPage(ctx: RenderCtx, d: AgencyDetail, pageUrl: string): PageResult {
  const { t, lang, data } = ctx;
  const view = data.agencyById.get(d.agencyId);
  const placement = view?.placement ?? null;
  const stateName = stateByUsps(d.state)?.name ?? d.state;
  const counties = placement?.countyFips ?? [];
  const pop = { total: 0, hispanic: 0, missing: false };
  for (const f of counties) {
    const p = data.counties.get(f)?.population;
    if (!p) pop.missing = true;
    else {
      pop.total += p.total;
      pop.hispanic += p.hispanic;
    }
  }
  const subject = `Correction: ${d.name} (${d.state}) ${d.agencyId}`;
  const body = `Page: ${pageUrl}\n\nWhat is wrong:\n\nEvidence (link):\n`;
  const sorted = [...d.agreements].sort((a, b) => (a.firstListed < b.firstListed ? -1 : 1));
  const firstActive = sorted.find((a) => a.firstParticipating)?.firstParticipating;
  const main = (
    <>
      <p class="crumbs">
        <a href={href(ctx, pagePaths.state(d.state))}>{stateName}</a>
      </p>
      <h1>{d.name}</h1>
      <dl class="facts">
        <div>
          <dt>{t('agencyStatus')}</dt>
          <dd>
            <StatusBadge ctx={ctx} status={d.status} />{' '}
            {t('agencyFirstSeen', { date: formatDate(lang, d.firstSeen) })}
            {firstActive ? ` · ${label(STATUS_LABEL, lang, 'active')}: ${formatDate(lang, firstActive)}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('colState')}</dt>
          <dd>
            <a href={href(ctx, pagePaths.state(d.state))}>{stateName}</a>
          </dd>
        </div>
        <div>
          <dt>{t('agencyId')}</dt>
          <dd>
            <code>{d.agencyId}</code>
          </dd>
        </div>
      </dl>

      <section aria-labelledby="agreements-title">
        <h2 id="agreements-title">{t('agencyAgreements')}</h2>
        {sorted.map((a) => (
          <article class="agreement" key={a.agreementId} aria-labelledby={`agr-${a.agreementId}`}>
            <h3 id={`agr-${a.agreementId}`}>
              <ModelBadge ctx={ctx} model={a.model} /> {label(MODEL_LABEL, lang, a.model)}{' '}
              <StatusBadge ctx={ctx} status={a.status} />
            </h3>
            <dl class="facts">
              <div>
                <dt>{t('agencySignedPublished')}</dt>
                <dd>{a.signedPublished ? formatDate(lang, a.signedPublished) : '—'}</dd>
              </div>
              <div>
                <dt>{t('agencySigned')}</dt>
                <dd>
                  {a.signed ? formatDate(lang, a.signed) : '—'}
                  {a.signedRule ? (
                    <span class="rule"> · {t('agencySignedRule', { rule: a.signedRule })}</span>
                  ) : null}
                </dd>
              </div>
              {a.daysPendingToSigned !== null && a.daysPendingToSigned !== undefined ? (
                <div>
                  <dt>{label(STATUS_LABEL, lang, 'pending')}</dt>
                  <dd>{t('agencyDaysToSign', { n: a.daysPendingToSigned })}</dd>
                </div>
              ) : null}
              <div>
                <dt>MOA</dt>
                <dd>
                  {a.moaUrl ? (
                    <a href={a.moaUrl} rel="noopener noreferrer">
                      {t('agencyMoa')}
                    </a>
                  ) : (
                    t('agencyNoMoa')
                  )}
                  {a.addendumUrl ? (
                    <>
                      {' · '}
                      <a href={a.addendumUrl} rel="noopener noreferrer">
                        {t('agencyAddendum')}
                      </a>
                    </>
                  ) : null}
                </dd>
              </div>
              {a.supersedes ? (
                <div>
                  <dt>{label(STATUS_LABEL, lang, 'superseded')}</dt>
                  <dd>{t('agencySupersedes', { id: a.supersedes })}</dd>
                </div>
              ) : null}
              {a.supersededBy ? (
                <div>
                  <dt>{label(STATUS_LABEL, lang, 'superseded')}</dt>
                  <dd>{t('agencySupersededBy', { id: a.supersededBy })}</dd>
                </div>
              ) : null}
              <div>
                <dt>ID</dt>
                <dd>
                  <code>{a.agreementId}</code>
                </dd>
              </div>
            </dl>
            <h4>{t('agencyListings')}</h4>
            <ul class="intervals">
              {a.intervals.map((i) => (
                <li key={`${i.list}${i.from}`}>
                  <strong>{label(LIST_LABEL, lang, i.list)}</strong>:{' '}
                  {i.open
                    ? t('agencyListedOpen', { from: formatDate(lang, i.from) })
                    : t('agencyListedRange', { from: formatDate(lang, i.from), to: formatDate(lang, i.to) })}
                  {i.gaps > 0 ? ` (${t('agencyGaps', { n: i.gaps })})` : ''} —{' '}
                  <PubRef ctx={ctx} id={i.fromPublication} />
                  {i.toPublication && i.toPublication !== i.fromPublication ? (
                    <>
                      {' → '}
                      <PubRef ctx={ctx} id={i.toPublication} />
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
            {(a.signedHistory as SignedEntry[]).length > 0 ? (
              <details>
                <summary>{t('signedHistory')}</summary>
                <div class="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('colPublication')}</th>
                        <th scope="col">{t('agencySignedPublished')}</th>
                        <th scope="col">{t('agencySigned')}</th>
                        <th scope="col">{t('agencySignedRule', { rule: '' }).replace(/[:\s]+$/, '')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {(a.signedHistory as SignedEntry[]).map((h) => (
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
            ) : null}
          </article>
        ))}
      </section>

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('agencyTimeline')}</h2>
        {d.events.length === 0 ? <p>{t('agencyNoEvents', { date: formatDate(lang, d.firstSeen) })}</p> : null}
        {d.events.length > 0 ? (
          <ol class="timeline">
            {d.events.map((e) => {
              const detail = changeDetail({ kind: e.kind, details: e.details as Record<string, unknown> });
              const agreement = d.agreements.find((a) => a.agreementId === e.agreementId);
              return (
                <li key={e.eventId}>
                  <time datetime={e.date}>{formatDate(lang, e.date)}</time>{' '}
                  <ChangeKind ctx={ctx} kind={e.kind} list={e.list} />
                  {agreement ? (
                    <>
                      {' '}
                      <ModelBadge ctx={ctx} model={agreement.model} />
                    </>
                  ) : null}
                  {detail ? <span class="detail"> {detail}</span> : null} —{' '}
                  <PubRef ctx={ctx} id={e.publication} />
                </li>
              );
            })}
          </ol>
        ) : null}
      </section>

      <section aria-labelledby="jurisdiction-title">
        <h2 id="jurisdiction-title">{t('agencyJurisdiction')}</h2>
        {placement ? (
          <dl class="facts">
            <div>
              <dt>{t('agencyLevel')}</dt>
              <dd>{label(LEVEL_LABEL, lang, view?.level ?? placement.level)}</dd>
            </div>
            {counties.length > 0 ? (
              <div>
                <dt>{t('agencyCounties')}</dt>
                <dd>
                  {counties.map((f, i) => {
                    const c = data.counties.get(f);
                    const st = c?.state ?? d.state;
                    return (
                      <span key={f}>
                        {i > 0 ? ', ' : ''}
                        <a href={`${href(ctx, pagePaths.state(st))}#c${f}`}>
                          {c ? `${c.name}, ${c.state}` : f}
                        </a>
                      </span>
                    );
                  })}
                </dd>
              </div>
            ) : null}
            {placement.place ? (
              <div>
                <dt>{t('agencyPlace')}</dt>
                <dd>{placement.place}</dd>
              </div>
            ) : null}
            {counties.length > 0 && !pop.missing ? (
              <div>
                <dt>{t('agencyPopulation')}</dt>
                <dd>
                  {num(ctx, pop.total)} ({t('agencyHispanic')}: {num(ctx, pop.hispanic)})
                </dd>
              </div>
            ) : null}
            <div>
              <dt>{t('agencyOri')}</dt>
              <dd>
                {placement.ori ? (
                  <code>{placement.ori}</code>
                ) : placement.oriStatus === 'ambiguous' ? (
                  t('agencyOriAmbiguous', { list: placement.oriCandidates.join(', ') })
                ) : (
                  t('agencyOriNone')
                )}
              </dd>
            </div>
            <div>
              <dt>{t('methTitle')}</dt>
              <dd>
                {t('agencyPlacement', {
                  method: placement.method,
                  rule: placement.rule,
                  confidence: placement.confidence.toFixed(2),
                })}
                {placement.reason ? ` — ${placement.reason}` : ''}
              </dd>
            </div>
          </dl>
        ) : (
          <p>{t('agencyUnplaced')}</p>
        )}
      </section>

      <section aria-labelledby="names-title">
        <h2 id="names-title">{t('agencyNames')}</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('colAgency')}</th>
                <th scope="col">{t('colState')}</th>
                <th scope="col">{t('filterFrom')}</th>
                <th scope="col">{t('filterTo')}</th>
              </tr>
            </thead>
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
        {d.identity.length > 0 ? (
          <details>
            <summary>{t('agencyIdentity')}</summary>
            <ul>
              {d.identity.map((i) => (
                <li key={`${i.state}|${i.name}|${i.decidedOn}`}>
                  {formatDate(lang, i.decidedOn)}: “{i.name}” ({i.state}) — {i.method},{' '}
                  {i.confidence.toFixed(2)}
                  {i.needsReview ? ' ⚑' : ''}: {i.explanation}
                  {i.reviewed ? ` (${t('identityReviewed')}: ${i.reviewed})` : ''}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="correction-title" class="correction">
        <h2 id="correction-title">{t('agencyCorrection')}</h2>
        <p>{t('agencyCorrectionText')}</p>
        {ctx.corrections ? (
          <p>
            <a class="button" href={correctionLink(ctx.corrections, subject, body)} rel="noopener noreferrer">
              {t('agencyCorrection')}
            </a>
          </p>
        ) : (
          <details>
            <summary>{t('agencyCorrectionCopy')}</summary>
            <pre class="correction-text">{`${subject}\n\n${body}`}</pre>
          </details>
        )}
        <p>
          <a href={rootHref(ctx, `/feeds/agency/${d.agencyId}.atom`)}>Atom</a>
        </p>
      </section>
    </>
  );
  return {
    title: `${d.name} (${d.state})`,
    main,
    feed: { href: `/feeds/agency/${d.agencyId}.atom`, title: `${d.name} (Atom)` },
  };
}

interface SignedEntry {
  publication: number;
  date: string;
  raw: string | null;
  published: string | null;
  corrected: string | null;
  rule: string | null;
}

export function mergedAgencyPage(ctx: RenderCtx, id: string, into: string): PageResult {
  const target = ctx.data.agencyById.get(into);
  const url = href(ctx, pagePaths.agency(into));
  return {
    title: target?.name ?? into,
    redirect: url,
    main: (
      <>
        <h1>{target?.name ?? into}</h1>
        <p>
          <code>{id}</code>: {ctx.t('agencyMerged', { name: target?.name ?? into })}{' '}
          <a href={url}>{target?.name ?? into}</a>
        </p>
      </>
    ),
  };
}
