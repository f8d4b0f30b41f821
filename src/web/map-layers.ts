/**
 * What the maps show: the statuses drawn by default, and the rows of the home map's table (the agencies shown on a
 * date, by state then name). Shared by the pages and the home island, so it imports only the timeline.
 */
import { agenciesShown, type TimelineJson } from '../read/timeline.ts';

export const DEFAULT_STATUSES = ['active', 'pending'];

/** Rows of the map's table: agencies shown on date index `d`, by state then name. */
export function tableRows(t: TimelineJson, d: number, models: Set<string>, statuses: Set<string>) {
  const shown = agenciesShown(t, d, models, statuses);
  return [...shown]
    .map(([i, shade]) => ({ a: t.agencies[i] as TimelineJson['agencies'][number], shade }))
    .filter((r) => r.a)
    .sort((x, y) => x.a[2].localeCompare(y.a[2]) || x.a[1].localeCompare(y.a[1]));
}
