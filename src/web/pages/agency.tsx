/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * An agency, in plain words: where it is (linked to its county's page) and its status, each agreement in one
 * sentence with its MOA, the timeline of changes, the population of its counties with their source, and then,
 * behind "How we know", the evidence: the lists each fact came from, the signed dates as ICE published them, the
 * names it was listed under, how it was placed and how its identity was decided. A way to report a correction and
 * its feed close the page. Built from the read model's detail record (no query per page). Sections in agency/.
 */

import type { PublicRecord } from '../../read/evidence.ts';
import type { AgencyDetailRecord } from '../../read/records.ts';
import { href, type PageResult, type RenderCtx } from '../context.ts';
import { pagePaths } from '../paths.ts';
import { AgencyAgreements } from './agency/agreements.tsx';
import { CORRECTION_TIP, CorrectionSection } from './agency/correction.tsx';
import { AgencyHead } from './agency/head.tsx';
import { HowWeKnow } from './agency/how-we-know.tsx';
import { type AgencyStopData, StopDataSection } from './agency/stop-data.tsx';
import { AgencyTimeline } from './agency/timeline.tsx';
import { EvidenceSection } from './evidence/agency-evidence.tsx';
import { TipForm } from './evidence/tip-form.tsx';

/**
 * An operator's address for corrections: REASSESS_CORRECTIONS, a GitHub repository (its new-issue form) or a
 * `mailto:` address. Empty by default: a copy of Reassess does not know its operator. On the server the correction
 * link opens the tip form (corrections join the tip queue) and the address, when set, is offered beside it; the
 * static export links the address, or without it shows the report to copy.
 */
export const DEFAULT_CORRECTIONS = '';

export function agencyPage(
  ctx: RenderCtx,
  d: AgencyDetailRecord,
  pageUrl: string,
  evidence: readonly PublicRecord[] = [],
  stopData: AgencyStopData = { datasets: [], analyses: () => [] },
): PageResult {
  const main = (
    <>
      <AgencyHead ctx={ctx} d={d} />
      <AgencyAgreements ctx={ctx} d={d} />
      <AgencyTimeline ctx={ctx} d={d} />
      <EvidenceSection ctx={ctx} agencyId={d.agencyId} records={evidence} />
      <HowWeKnow ctx={ctx} d={d} />
      <StopDataSection ctx={ctx} stopData={stopData} />
      {ctx.mode === 'server' ? (
        <TipForm
          ctx={ctx}
          agencyId={d.agencyId}
          values={ctx.query.get('tip') === CORRECTION_TIP ? { kind: CORRECTION_TIP } : {}}
        />
      ) : null}
      <CorrectionSection ctx={ctx} name={d.name} state={d.state} agencyId={d.agencyId} pageUrl={pageUrl} />
    </>
  );
  return {
    title: `${d.name} (${d.state})`,
    main,
    feed: { href: `/feeds/agency/${d.agencyId}.atom`, title: `${d.name} (Atom)` },
  };
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
