/**
 * The changes page's filter (from, to, state, model, kind) and its query parameters: read leniently for pages (an
 * unusable value is dropped, so `?kind=nonsense` shows every kind), written back in one canonical order for links,
 * the pager and the filtered feed. Pure and small: the page, its cache key (page-query.ts), the feed and the
 * static export's `changes` island all read the query through here.
 */
import { isCalendarDate } from '../domain/dates.ts';

export interface ChangeFilter {
  from: string;
  to: string;
  state: string;
  /** 287(g) model of the event's agreement: JEM, WSO or TFM. */
  model: string;
  kind: string;
}

/** The filter's query parameters, in the order links write them. */
export const FILTER_KEYS = ['from', 'to', 'state', 'model', 'kind'] as const;

/** Kinds of change (the API's EVENT_KINDS; a unit test holds them equal). */
export const CHANGE_KINDS: readonly string[] = [
  'added',
  'removed',
  'returned',
  'pending-to-signed',
  'model-added',
  'signed-date-changed',
  're-signed',
  'renamed',
  'moved',
];

/** 287(g) models (the API's MODELS; a unit test holds them equal). */
export const CHANGE_MODELS: readonly string[] = ['JEM', 'WSO', 'TFM'];

export const NO_FILTER: ChangeFilter = { from: '', to: '', state: '', model: '', kind: '' };

/** A calendar date written YYYY-MM-DD that exists (not 2025-02-30). */
export function isFilterDate(v: string): boolean {
  return isCalendarDate(v);
}

/** The filter a query asks for; values it cannot use are dropped (''). */
export function readFilter(q: URLSearchParams): ChangeFilter {
  const date = (v: string | null) => (v && isFilterDate(v) ? v : '');
  const one = (v: string | null, of: readonly string[]) => (v && of.includes(v) ? v : '');
  return {
    from: date(q.get('from')),
    to: date(q.get('to')),
    state: (q.get('state') ?? '')
      .toUpperCase()
      .replace(/[^A-Z]/g, '')
      .slice(0, 2),
    model: one((q.get('model') ?? '').toUpperCase(), CHANGE_MODELS),
    kind: one(q.get('kind'), CHANGE_KINDS),
  };
}

/**
 * Whether a change passes the filter. An event without a model (about the agency itself: renamed, moved) passes a
 * model filter when `held` (the models its agency had on that list that day, read/event-models.ts) holds the model.
 */
export function matches(
  c: { date: string; state: string | null; model: string | null; kind: string },
  f: ChangeFilter,
  held?: readonly string[],
): boolean {
  return (
    (!f.from || c.date >= f.from) &&
    (!f.to || c.date <= f.to) &&
    (!f.state || c.state === f.state) &&
    (!f.model || (c.model ? c.model === f.model : !!held?.includes(f.model))) &&
    (!f.kind || c.kind === f.kind)
  );
}

/** The filter as a query string ('' for no filter; else `state=TX&kind=removed`, keys in FILTER_KEYS order). */
export function filterQuery(f: ChangeFilter): string {
  const q = new URLSearchParams();
  for (const k of FILTER_KEYS) if (f[k]) q.set(k, f[k]);
  return q.toString();
}
