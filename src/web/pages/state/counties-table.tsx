/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * Every county of a state, with or without an agreement, linked to its page: its listed (not removed) agencies and
 * its population (sortable, filterable, downloadable as shown).
 */
import type { StateInfo } from '../../../reference/us-states.ts';
import { DataTable } from '../../components/data-table.tsx';
import { num } from '../../components/format.ts';
import { Section } from '../../components/section.tsx';
import { href, type RenderCtx } from '../../context.ts';
import { pagePaths } from '../../paths.ts';
import type { ListedShade } from './agencies-table.tsx';

export function StateCounties({ ctx, st, listed }: { ctx: RenderCtx; st: StateInfo; listed: ListedShade }) {
  const { t, data } = ctx;
  const countyRows = [...data.counties.values()]
    .filter((c) => c.state === st.usps)
    .sort((a, b) => a.name.localeCompare(b.name));
  if (countyRows.length === 0) return null;
  const countyAgencies = new Map<string, string[]>();
  for (const a of data.agencies)
    for (const fips of a.countyFips)
      countyAgencies.set(fips, [...(countyAgencies.get(fips) ?? []), a.agencyId]);
  return (
    <Section id="counties-title" title={t('stateCounties')}>
      <DataTable
        ctx={ctx}
        id="state-counties"
        file={`counties-${st.usps}`}
        columns={[
          { label: t('colCounty') },
          { label: t('stateAgencies') },
          { label: t('agencyPopulation'), kind: 'number', num: true },
        ]}
        rows={countyRows.map((c) => {
          const ids = (countyAgencies.get(c.fips) ?? []).filter((id) => {
            const s = listed(id);
            return s && s.status !== 'removed';
          });
          return {
            key: c.fips,
            attrs: { id: `c${c.fips}` },
            cells: [
              { content: <a href={href(ctx, pagePaths.county(c.fips))}>{c.name}</a>, head: true },
              { content: ids.length === 0 ? t('stateCountyNone') : <AgencyLinks ctx={ctx} ids={ids} /> },
              {
                content: c.population ? num(ctx, c.population.total) : '—',
                value: c.population?.total ?? '',
              },
            ],
          };
        })}
      />
    </Section>
  );
}

function AgencyLinks({ ctx, ids }: { ctx: RenderCtx; ids: string[] }) {
  return (
    <>
      {ids.map((id, i) => (
        <span key={id}>
          {i > 0 ? '; ' : ''}
          <a href={href(ctx, pagePaths.agency(id))}>{ctx.data.agencyById.get(id)?.name ?? id}</a>
        </span>
      ))}
    </>
  );
}
