/** What the search index holds: one entry per agency, county and state, built from the read model's records. */
import { allStates, stateByUsps } from '../reference/us-states.ts';
import { type CountyInfo, MODEL_ORDER, sortModels } from './agency-views.ts';
import type { CountyFiguresResult } from './geography.ts';
import type { AgencySummaryRecord, AgreementRecord } from './records.ts';
import type { SearchEntry } from './search.ts';

const stateName = (s: string) => stateByUsps(s)?.name ?? s;

function agencyEntries(agencies: AgencySummaryRecord[], counties: Map<string, CountyInfo>): SearchEntry[] {
  return agencies.map((a) => {
    const countyWords = a.countyFips.map((f) => counties.get(f)?.label ?? '').filter(Boolean);
    return {
      type: 'agency',
      id: a.agencyId,
      name: a.name,
      label: `${a.name}, ${a.state}`,
      state: a.state,
      aliases: a.names.filter((n) => n !== a.name),
      context: [a.state, stateName(a.state), ...countyWords, ...(a.place ? [a.place] : [])],
      status: a.status,
      models: a.models,
      agencyIds: [],
      hasAgreement: a.status === 'active',
      path: `/agency/${a.agencyId}/`,
    };
  });
}

function countyEntries(counties: Map<string, CountyInfo>, figures: CountyFiguresResult): SearchEntry[] {
  const figureByFips = new Map(figures.counties.map((c) => [c.fips, c]));
  return [...counties.values()].map((c) => {
    const f = figureByFips.get(c.fips);
    const models = f ? MODEL_ORDER.filter((m) => (f.agreements[m] ?? 0) > 0) : [];
    return {
      type: 'county',
      id: c.fips,
      name: c.label,
      label: `${c.label}, ${c.state}`,
      state: c.state,
      aliases: c.label === c.name ? [] : [c.name],
      context: [c.state, stateName(c.state)],
      status: null,
      models,
      agencyIds: f?.agencies ?? [],
      hasAgreement: (f?.agencies.length ?? 0) > 0,
      path: `/county/${c.fips}/`,
    };
  });
}

function stateEntries(agreements: AgreementRecord[]): SearchEntry[] {
  const activeModels = new Map<string, Set<string>>();
  for (const g of agreements)
    if (g.status === 'active') {
      const s = activeModels.get(g.state) ?? new Set<string>();
      s.add(g.model);
      activeModels.set(g.state, s);
    }
  return allStates().map((s) => {
    const models = sortModels(activeModels.get(s.usps) ?? []);
    return {
      type: 'state',
      id: s.usps,
      name: s.name,
      label: s.name,
      state: s.usps,
      aliases: [],
      context: [],
      status: null,
      models,
      agencyIds: [],
      hasAgreement: models.length > 0,
      path: `/state/${s.usps}/`,
    };
  });
}

export function searchEntries(
  agencies: AgencySummaryRecord[],
  counties: Map<string, CountyInfo>,
  figures: CountyFiguresResult,
  agreements: AgreementRecord[],
): SearchEntry[] {
  return [
    ...agencyEntries(agencies, counties),
    ...countyEntries(counties, figures),
    ...stateEntries(agreements),
  ];
}
