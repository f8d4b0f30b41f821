/**
 * The ORI crosswalk: each agency linked to its FBI ORI where exactly one FBI row fits. Several candidates (two
 * cities of one name in a state, a sheriff and a jail listed apart) are flagged with the candidates, not guessed;
 * an ORI that two of our agencies would share is flagged on both.
 */

import type { OriStatus, Placement } from '../domain/geography.ts';
import type { FbiAgency } from '../sources/fbi-lee/read-lee.ts';
import type { CountyIndex } from './counties.ts';
import { countyKey } from './county-name.ts';
import type { FbiIndex } from './fbi-index.ts';
import { parseAgencyName } from './name-parser.ts';

type Draft = Omit<Placement, 'ori' | 'oriStatus' | 'oriCandidates'>;

/** FBI county names: `RICHMOND CITY` for an independent city, `RICHMOND` for the county. */
function fbiCountyName(c: { name: string; city: boolean }): string {
  return `${c.name}${c.city && !/city$/i.test(c.name) ? ' City' : ''}`;
}

function candidates(d: Draft, fbi: FbiIndex, counties: CountyIndex): FbiAgency[] {
  const parsed = parseAgencyName(d.name, d.state);
  const inState = fbi.inState(d.state);
  const exact = fbi.byName(d.state, d.name);
  if (exact.length > 0) return exact;
  const fips = d.countyFips.length === 1 ? d.countyFips[0] : undefined;
  const county = fips ? counties.byFips.get(fips) : undefined;
  if (d.level === 'county' && county) {
    const want = countyKey(fbiCountyName(county));
    const inCounty = inState.filter((a) =>
      a.counties.some((c) => {
        const k = countyKey(c);
        return k.key === want.key && (k.city ?? false) === county.city;
      }),
    );
    if (parsed.role === 'sheriff')
      return inCounty.filter(
        (a) => /sheriff/i.test(a.name) || (a.type === 'County' && countyKey(a.name).key === want.key),
      );
    if (parsed.role === 'jail' || parsed.role === 'corrections')
      return inCounty.filter((a) => /jail|detention|correction/i.test(a.name));
    if (parsed.role === 'police') return inCounty.filter((a) => /police/i.test(a.name));
    return [];
  }
  if (d.level === 'municipal' && d.place) {
    let cities = fbi.cities(d.state, d.place);
    if (cities.length > 1 && county) {
      const inCounty = cities.filter((a) =>
        a.counties.some((c) => countyKey(c).key === countyKey(fbiCountyName(county)).key),
      );
      if (inCounty.length > 0) cities = inCounty;
    }
    return cities;
  }
  return [];
}

/** Adds the ORI link to each placement; flags ORIs that more than one agency would take. */
export function linkOris(drafts: Draft[], fbi: FbiIndex, counties: CountyIndex): Placement[] {
  const found = drafts.map((d) => candidates(d, fbi, counties));
  const takers = new Map<string, string[]>();
  found.forEach((c, i) => {
    if (c.length === 1 && c[0])
      takers.set(c[0].ori, [...(takers.get(c[0].ori) ?? []), drafts[i]?.agencyId ?? '']);
  });
  return drafts.map((d, i) => {
    const c = found[i] ?? [];
    let status: OriStatus = c.length === 1 ? 'matched' : c.length > 1 ? 'ambiguous' : 'none';
    const ori = c.length === 1 && c[0] ? c[0].ori : null;
    const inputs = { ...d.inputs };
    if (c.length > 1)
      inputs.oriNote = `${c.length} FBI agencies fit: ${c.map((a) => `${a.ori} ${a.name}`).join('; ')}`;
    const sharers = ori ? (takers.get(ori) ?? []) : [];
    if (ori && sharers.length > 1) {
      status = 'ambiguous';
      inputs.oriNote = `ORI ${ori} would be shared by ${sharers.join(', ')}`;
    }
    return {
      ...d,
      inputs,
      ori: status === 'matched' ? ori : null,
      oriStatus: status,
      oriCandidates: status === 'ambiguous' ? (c.length > 1 ? c.map((a) => a.ori) : ori ? [ori] : []) : [],
    };
  });
}
