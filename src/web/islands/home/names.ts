/** What the map's pieces call things: the selected county or agency by name (with its state), an agency's link. */
import type { TimelineJson } from '../../../read/timeline.ts';
import type { HomeMessages } from './config.ts';

/** A county (by FIPS) or an agency (by its index in the timeline) on the map. */
export type Selection = { kind: 'county'; fips: string } | { kind: 'agency'; index: number };

export function selectionName(tl: TimelineJson, countyName: Map<string, string>, s: Selection): string {
  if (s.kind === 'county') {
    const st = tl.counties[s.fips]?.[1];
    return `${countyName.get(s.fips) ?? s.fips}${st ? `, ${st}` : ''}`;
  }
  const a = tl.agencies[s.index];
  return a ? `${a[1]}, ${a[2]}` : '';
}

export function agencyUrl(m: HomeMessages, id: string): string {
  return m.agencyPath.replace('__ID__', encodeURIComponent(id));
}
