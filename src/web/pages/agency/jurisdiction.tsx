/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * Where an agency is: its level, counties (linked to their state's page), place, the population of its counties
 * (when every county's is known), its ORI, and how it was placed; or a note that it is not placed.
 */
import type { AgencyView, SiteData } from '../../../read/site-data.ts';
import { Fact } from '../../components/fact.tsx';
import { num } from '../../components/format.ts';
import { href, type RenderCtx } from '../../context.ts';
import { LEVEL_LABEL, label } from '../../i18n.ts';
import { pagePaths } from '../../paths.ts';
import type { AgencyDetail } from '../agency.tsx';

/** Residents of some counties, and whether any county's population is unknown. */
export function countiesPopulation(data: SiteData, counties: string[]) {
  const pop = { total: 0, hispanic: 0, missing: false };
  for (const f of counties) {
    const p = data.counties.get(f)?.population;
    if (!p) pop.missing = true;
    else {
      pop.total += p.total;
      pop.hispanic += p.hispanic;
    }
  }
  return pop;
}

export function JurisdictionSection({ ctx, d }: { ctx: RenderCtx; d: AgencyDetail }) {
  const { t } = ctx;
  const view = ctx.data.agencyById.get(d.agencyId);
  const placement = view?.placement ?? null;
  return (
    <section aria-labelledby="jurisdiction-title">
      <h2 id="jurisdiction-title">{t('agencyJurisdiction')}</h2>
      {placement ? (
        <PlacementFacts ctx={ctx} d={d} level={view?.level ?? placement.level} placement={placement} />
      ) : (
        <p>{t('agencyUnplaced')}</p>
      )}
    </section>
  );
}

function PlacementFacts(props: {
  ctx: RenderCtx;
  d: AgencyDetail;
  level: string;
  placement: NonNullable<AgencyView['placement']>;
}) {
  const { ctx, d, placement } = props;
  const { t, lang } = ctx;
  const counties = placement.countyFips ?? [];
  const pop = countiesPopulation(ctx.data, counties);
  return (
    <dl class="facts">
      <Fact term={t('agencyLevel')}>{label(LEVEL_LABEL, lang, props.level)}</Fact>
      {counties.length > 0 ? (
        <Fact term={t('agencyCounties')}>
          <CountyLinks ctx={ctx} counties={counties} state={d.state} />
        </Fact>
      ) : null}
      {placement.place ? <Fact term={t('agencyPlace')}>{placement.place}</Fact> : null}
      {counties.length > 0 && !pop.missing ? (
        <Fact term={t('agencyPopulation')}>
          {num(ctx, pop.total)} ({t('agencyHispanic')}: {num(ctx, pop.hispanic)})
        </Fact>
      ) : null}
      <Fact term={t('agencyOri')}>
        {placement.ori ? (
          <code>{placement.ori}</code>
        ) : placement.oriStatus === 'ambiguous' ? (
          t('agencyOriAmbiguous', { list: placement.oriCandidates.join(', ') })
        ) : (
          t('agencyOriNone')
        )}
      </Fact>
      <Fact term={t('methTitle')}>
        {t('agencyPlacement', {
          method: placement.method,
          rule: placement.rule,
          confidence: placement.confidence.toFixed(2),
        })}
        {placement.reason ? ` — ${placement.reason}` : ''}
      </Fact>
    </dl>
  );
}

function CountyLinks({ ctx, counties, state }: { ctx: RenderCtx; counties: string[]; state: string }) {
  return (
    <>
      {counties.map((f, i) => {
        const c = ctx.data.counties.get(f);
        const st = c?.state ?? state;
        return (
          <span key={f}>
            {i > 0 ? ', ' : ''}
            <a href={`${href(ctx, pagePaths.state(st))}#c${f}`}>{c ? `${c.name}, ${c.state}` : f}</a>
          </span>
        );
      })}
    </>
  );
}
