/**
 * The compact history the home map replays, and the state of the program on any date computed from it. Pure:
 * the server computes the first figures with the same code the browser runs when the time control moves, so the
 * two cannot disagree.
 *
 * An agreement is active on a date when one of its participating intervals covers it (an interval still open
 * reaches every later date), pending when a pending interval covers it and it is not active, and removed when it
 * was listed before the date but is neither — the rule of `listAgreements({ activeOn })` in the store queries.
 */

export type Model = 'JEM' | 'WSO' | 'TFM';
export const MODELS: readonly Model[] = ['JEM', 'WSO', 'TFM'];
export type Status = 'active' | 'pending' | 'removed';
export const STATUSES: readonly Status[] = ['active', 'pending', 'removed'];

/**
 * [agency id, name, state, level, county FIPS codes]: level `sheriff` for a sheriff or county jail (they shade
 * their county), else the placement's level ('' when not placed).
 */
export type TimelineAgency = [string, string, string, string, string[]];
/** [list: 'p' participating | 'n' pending, from (date index), to (date index), open (1 = still listed)] */
export type TimelineInterval = ['p' | 'n', number, number, 0 | 1];
/** [agency index, model, intervals] */
export type TimelineAgreement = [number, string, TimelineInterval[]];

export interface TimelineJson {
  v: 1;
  /** Every date a list was published (ICE's list dates, quarantined lists excluded), ascending. */
  dates: string[];
  agencies: TimelineAgency[];
  agreements: TimelineAgreement[];
  /** County FIPS → [total population, Hispanic or Latino]; empty when no ACS table is loaded. */
  pop: Record<string, [number, number]>;
  /** County FIPS → [name, state] for the counties agencies are placed in. */
  counties: Record<string, [string, string]>;
  /** Each agency's point on the national map in map units, or 0 when it shades its county (set by the pages). */
  xy?: ([number, number] | 0)[];
}

export interface IntervalIn {
  list: string;
  from: string;
  to: string | null;
  open: boolean;
}

export interface AgreementIn {
  agencyId: string;
  model: string;
  intervals: IntervalIn[];
}

export interface AgencyIn {
  agencyId: string;
  name: string;
  state: string;
  level: string;
  countyFips: string[];
}

export function buildTimeline(
  publicationDates: string[],
  agencies: AgencyIn[],
  agreements: AgreementIn[],
  pop: Record<string, [number, number]>,
  counties: Record<string, [string, string]>,
): TimelineJson {
  const dateSet = new Set(publicationDates);
  for (const a of agreements)
    for (const i of a.intervals) {
      dateSet.add(i.from);
      if (i.to) dateSet.add(i.to);
    }
  const dates = [...dateSet].sort();
  const dateIndex = new Map(dates.map((d, i) => [d, i]));
  const agencyIndex = new Map<string, number>();
  const outAgencies: TimelineAgency[] = [];
  for (const a of agencies) {
    agencyIndex.set(a.agencyId, outAgencies.length);
    outAgencies.push([a.agencyId, a.name, a.state, a.level, a.countyFips]);
  }
  const outAgreements: TimelineAgreement[] = [];
  for (const a of agreements) {
    const idx = agencyIndex.get(a.agencyId);
    if (idx === undefined) continue;
    outAgreements.push([
      idx,
      a.model,
      a.intervals.map((i) => [
        i.list === 'pending' ? 'n' : 'p',
        dateIndex.get(i.from) ?? 0,
        dateIndex.get(i.to ?? i.from) ?? 0,
        i.open ? 1 : 0,
      ]),
    ]);
  }
  const usedCounties: Record<string, [string, string]> = {};
  for (const a of outAgencies) for (const f of a[4]) if (counties[f]) usedCounties[f] = counties[f];
  return { v: 1, dates, agencies: outAgencies, agreements: outAgreements, pop, counties: usedCounties };
}

/** Status of an agreement on the date of index `d`, or null when it was not yet listed. */
export function statusOn(intervals: TimelineInterval[], d: number): Status | null {
  let listedBefore = false;
  let pending = false;
  for (const [list, from, to, open] of intervals) {
    if (from > d) continue;
    listedBefore = true;
    if (to >= d || open === 1) {
      if (list === 'p') return 'active';
      pending = true;
    }
  }
  if (pending) return 'pending';
  return listedBefore ? 'removed' : null;
}

export interface AgencyState {
  index: number;
  status: Status;
  /** Models of the agreements with the agency's best status. */
  models: Model[];
}

export interface Figures {
  date: string;
  active: number;
  pending: number;
  agencies: number;
  states: number;
  byModel: Record<Model, number>;
  /** Counties whose sheriff or county jail holds an active agreement. */
  sheriffCounties: string[];
  residents: number;
  hispanic: number;
  /** Of those counties, how many have no population figure. */
  countiesWithoutPopulation: number;
}

const RANK: Record<Status, number> = { active: 0, pending: 1, removed: 2 };

/** Every listed agency's state on the date of index `d`. */
export function agenciesOn(t: TimelineJson, d: number): Map<number, AgencyState> {
  const out = new Map<number, AgencyState>();
  for (const [agency, model, intervals] of t.agreements) {
    const s = statusOn(intervals, d);
    if (!s) continue;
    const cur = out.get(agency);
    if (!cur || RANK[s] < RANK[cur.status])
      out.set(agency, { index: agency, status: s, models: [model as Model] });
    else if (cur.status === s && !cur.models.includes(model as Model)) cur.models.push(model as Model);
  }
  for (const a of out.values()) a.models.sort((x, y) => MODELS.indexOf(x) - MODELS.indexOf(y));
  return out;
}

/** Headline figures on the date of index `d` (of one state when `state` is given). */
export function figuresOn(t: TimelineJson, d: number, state?: string): Figures {
  const byModel: Record<Model, number> = { JEM: 0, WSO: 0, TFM: 0 };
  let active = 0;
  let pending = 0;
  const agencies = new Set<number>();
  const states = new Set<string>();
  const sheriff = new Set<string>();
  for (const [agency, model, intervals] of t.agreements) {
    if (state && t.agencies[agency]?.[2] !== state) continue;
    const s = statusOn(intervals, d);
    if (s === 'active') {
      active++;
      if (model in byModel) byModel[model as Model]++;
      agencies.add(agency);
      const a = t.agencies[agency];
      if (a) {
        states.add(a[2]);
        if (a[3] === 'sheriff') for (const f of a[4]) sheriff.add(f);
      }
    } else if (s === 'pending') pending++;
  }
  let residents = 0;
  let hispanic = 0;
  let missing = 0;
  for (const f of sheriff) {
    const p = t.pop[f];
    if (p) {
      residents += p[0];
      hispanic += p[1];
    } else missing++;
  }
  return {
    date: t.dates[d] ?? '',
    active,
    pending,
    agencies: agencies.size,
    states: states.size,
    byModel,
    sheriffCounties: [...sheriff].sort(),
    residents,
    hispanic,
    countiesWithoutPopulation: missing,
  };
}

/** Index of the last date on or before `date` (0 when none). */
export function dateIndexOn(t: TimelineJson, date: string): number {
  let lo = 0;
  for (let i = 0; i < t.dates.length; i++) if ((t.dates[i] as string) <= date) lo = i;
  return lo;
}

export interface CountyShade {
  status: Status;
  models: Model[];
}

/**
 * How each county is shaded on date `d`: by its county-level agencies (sheriff, county jail) whose model and
 * status are switched on; the best status wins, with the models of that status.
 */
export function shadeOn(
  t: TimelineJson,
  d: number,
  models: ReadonlySet<string>,
  statuses: ReadonlySet<string>,
): Map<string, CountyShade> {
  const out = new Map<string, CountyShade>();
  for (const [agency, model, intervals] of t.agreements) {
    if (!models.has(model)) continue;
    const a = t.agencies[agency];
    if (a?.[3] !== 'sheriff') continue;
    const s = statusOn(intervals, d);
    if (!s || !statuses.has(s)) continue;
    for (const f of a[4]) {
      const cur = out.get(f);
      if (!cur || RANK[s] < RANK[cur.status]) out.set(f, { status: s, models: [model as Model] });
      else if (cur.status === s && !cur.models.includes(model as Model)) cur.models.push(model as Model);
    }
  }
  return out;
}

/** Whether an agency is drawn as a dot: all but sheriffs and county jails placed in a county (they shade it). */
export function isPoint(a: TimelineAgency): boolean {
  return !(a[3] === 'sheriff' && a[4].length > 0);
}

/**
 * Agencies on date `d` whose model and status are switched on, with their best status (and its models): all of
 * them (the table) or only those drawn as dots.
 */
export function agenciesShown(
  t: TimelineJson,
  d: number,
  models: ReadonlySet<string>,
  statuses: ReadonlySet<string>,
  onlyPoints = false,
): Map<number, CountyShade> {
  const out = new Map<number, CountyShade>();
  for (const [agency, model, intervals] of t.agreements) {
    if (!models.has(model)) continue;
    const a = t.agencies[agency];
    if (!a || (onlyPoints && !isPoint(a))) continue;
    const s = statusOn(intervals, d);
    if (!s || !statuses.has(s)) continue;
    const cur = out.get(agency);
    if (!cur || RANK[s] < RANK[cur.status]) out.set(agency, { status: s, models: [model as Model] });
    else if (cur.status === s && !cur.models.includes(model as Model)) cur.models.push(model as Model);
  }
  return out;
}
