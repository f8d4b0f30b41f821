/** What a county's page shows, gathered from the read model: the county, its agencies (sheriff first), its ZIP codes. */

import type { CountyInfo } from '../../../read/model.ts';
import type { AgencyDetailRecord } from '../../../read/records.ts';
import { stateByUsps } from '../../../reference/us-states.ts';
import type { RenderCtx } from '../../context.ts';

export interface CountyAgency {
  detail: AgencyDetailRecord;
  /** `sheriff` for a sheriff or county jail, else the placement's level. */
  level: string;
}

export interface CountyData {
  county: CountyInfo;
  stateName: string;
  /** The county's agencies that were ever listed: sheriffs and county jails first, then by status and name. */
  agencies: CountyAgency[];
  zips: { zip: string; share: number }[];
}

const STATUS_ORDER: Record<string, number> = { active: 0, pending: 1, removed: 2 };

export function countyData(ctx: RenderCtx, fips: string): CountyData | null {
  const { view } = ctx.model;
  const county = view.counties.get(fips);
  if (!county) return null;
  const agencies: CountyAgency[] = [];
  for (const id of view.countyAgencies.get(fips) ?? []) {
    const detail = view.details.get(id);
    if (!detail || detail.agencyId !== id || detail.agreements.length === 0) continue;
    agencies.push({ detail, level: ctx.data.agencyById.get(id)?.level ?? '' });
  }
  agencies.sort(
    (a, b) =>
      Number(b.level === 'sheriff') - Number(a.level === 'sheriff') ||
      (STATUS_ORDER[a.detail.status] ?? 3) - (STATUS_ORDER[b.detail.status] ?? 3) ||
      a.detail.name.localeCompare(b.detail.name),
  );
  const zips = [...(ctx.model.zipsByCounty.get(fips) ?? [])].sort((a, b) => a.zip.localeCompare(b.zip));
  return { county, stateName: stateByUsps(county.state)?.name ?? county.state, agencies, zips };
}
