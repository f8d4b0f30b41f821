/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * An agency: status with dates, each agreement (model, signed date as published and as corrected with its rule,
 * MOA and addendum links, listing intervals), the timeline of events, jurisdiction and population, ORI, the names
 * ICE listed it under, the publication each fact came from, and a way to report a correction. The sections are
 * in agency/.
 */
import type { agencyDetail } from '../../read/agencies.ts';
import type { PublicRecord } from '../../read/evidence.ts';
import { href, type PageResult, type RenderCtx } from '../context.ts';
import { pagePaths } from '../paths.ts';
import { AgreementsSection } from './agency/agreements.tsx';
import { CorrectionSection } from './agency/correction.tsx';
import { JurisdictionSection } from './agency/jurisdiction.tsx';
import { NamesSection } from './agency/names.tsx';
import { AgencyStatus } from './agency/status.tsx';
import { type AgencyStopData, StopDataSection } from './agency/stop-data.tsx';
import { TimelineSection } from './agency/timeline.tsx';
import { EvidenceSection } from './evidence/agency-evidence.tsx';
import { TipForm } from './evidence/tip-form.tsx';

export type AgencyDetail = NonNullable<Awaited<ReturnType<typeof agencyDetail>>>;

/**
 * Where corrections go: REASSESS_CORRECTIONS, a GitHub repository (its new-issue form) or a `mailto:` address. Empty
 * by default: a copy of Reassess does not know its operator, so without it the page shows the report to copy.
 */
export const DEFAULT_CORRECTIONS = '';

export function agencyPage(
  ctx: RenderCtx,
  d: AgencyDetail,
  pageUrl: string,
  evidence: readonly PublicRecord[] = [],
  stopData: AgencyStopData = { datasets: [], analyses: () => [] },
): PageResult {
  const sorted = [...d.agreements].sort((a, b) => (a.firstListed < b.firstListed ? -1 : 1));
  const firstActive = sorted.find((a) => a.firstParticipating)?.firstParticipating;
  const main = (
    <>
      <AgencyStatus ctx={ctx} d={d} firstActive={firstActive} />
      <AgreementsSection ctx={ctx} agreements={sorted} />
      <TimelineSection ctx={ctx} d={d} />
      <EvidenceSection ctx={ctx} agencyId={d.agencyId} records={evidence} />
      <JurisdictionSection ctx={ctx} d={d} />
      <NamesSection ctx={ctx} d={d} />
      <StopDataSection ctx={ctx} stopData={stopData} />
      {ctx.mode === 'server' ? <TipForm ctx={ctx} agencyId={d.agencyId} /> : null}
      {ctx.mode !== 'server' || ctx.corrections ? (
        <CorrectionSection ctx={ctx} name={d.name} state={d.state} agencyId={d.agencyId} pageUrl={pageUrl} />
      ) : null}
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
