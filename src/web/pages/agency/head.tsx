/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * The head of an agency's page: its state and counties (links), its name, its status, where it is in words
 * ("Sheriff or county jail of Bexar County, Texas") and the population of its counties with their source.
 */
import type { AgencyDetailRecord } from '../../../read/records.ts';
import { stateByUsps } from '../../../reference/us-states.ts';
import { StatusBadge } from '../../components/badges.tsx';
import { Defined } from '../../components/defined.tsx';
import { num } from '../../components/format.ts';
import { href, type RenderCtx } from '../../context.ts';
import { LEVEL_LABEL, label } from '../../i18n.ts';
import { pagePaths } from '../../paths.ts';
import { populationSource } from '../../population-words.ts';

export function CountyLinks({ ctx, fips }: { ctx: RenderCtx; fips: string[] }) {
  return (
    <>
      {fips.map((f, i) => {
        const c = ctx.model.view.counties.get(f);
        return (
          <span key={f}>
            {i > 0 ? ', ' : ''}
            <a href={href(ctx, pagePaths.county(f))}>{c ? c.label : f}</a>
          </span>
        );
      })}
    </>
  );
}

function Where({ ctx, d }: { ctx: RenderCtx; d: AgencyDetailRecord }) {
  const { t, lang } = ctx;
  const view = ctx.data.agencyById.get(d.agencyId);
  const level = view?.level ?? '';
  const stateName = stateByUsps(d.state)?.name ?? d.state;
  const counties = d.placement?.countyFips ?? [];
  if (!d.placement || (counties.length === 0 && level !== 'state')) return <p>{t('agencyUnplaced')}</p>;
  return (
    <p class="where">
      {label(LEVEL_LABEL, lang, level)}
      {d.placement.place ? ` — ${d.placement.place}` : ''}
      {counties.length > 0 ? (
        <>
          {` ${t('agencyIn')} `}
          <CountyLinks ctx={ctx} fips={counties} />, {stateName}
        </>
      ) : (
        ` — ${stateName}`
      )}
      .
    </p>
  );
}

export function AgencyHead({ ctx, d }: { ctx: RenderCtx; d: AgencyDetailRecord }) {
  const { t } = ctx;
  const stateName = stateByUsps(d.state)?.name ?? d.state;
  const counties = d.placement?.countyFips ?? [];
  return (
    <>
      <p class="crumbs">
        <a href={href(ctx, pagePaths.state(d.state))}>{stateName}</a>
        {counties.length > 0 ? (
          <>
            {' › '}
            <CountyLinks ctx={ctx} fips={counties} />
          </>
        ) : null}
      </p>
      <h1>{d.name}</h1>
      <p class="status-line">
        <StatusBadge ctx={ctx} status={d.status} />
      </p>
      <Where ctx={ctx} d={d} />
      {d.population && counties.length > 0 ? (
        <p>
          <Defined
            id="agency-pop"
            def={`${t('defCountiesPopulation')} ${populationSource(t, ctx.model.acsVintage)}`}
          >
            {t('agencyResidents', { n: d.population.total, hispanic: num(ctx, d.population.hispanic) })}
          </Defined>
        </p>
      ) : null}
    </>
  );
}
