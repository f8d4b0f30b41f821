/**
 * What each endpoint answers, as plain functions of a ledger view and validated parameters: the HTTP app and the
 * static snapshots (src/publish/api-snapshots.ts) both call these, so both give the same bodies.
 */
import type { z } from '@hono/zod-openapi';
import type { CountyFigure } from '../domain/geography.ts';
import { type LedgerView, sortKey } from '../read/model.ts';
import type { SearchEntry, SearchOptions, SearchType } from '../read/search.ts';
import { stateByUsps } from '../reference/us-states.ts';
import { type ErrorEnvelope, errorBody, meta, paginate } from './envelope.ts';
import type {
  AgencyList,
  AgencyResponse,
  AgreementList,
  AgreementResponse,
  CountyList,
  EventList,
  PublicationList,
  SearchResponse,
  StateList,
  StatsResponse,
  TAgreement,
  TStateFigure,
  TStats,
} from './schemas.ts';

type ModelName = 'JEM' | 'WSO' | 'TFM';
const MODELS: ModelName[] = ['JEM', 'WSO', 'TFM'];

export interface Page {
  cursor?: string | undefined;
  limit: number;
}

const upper = (s: string | undefined) => (s === undefined ? undefined : s.toUpperCase());

// Agency name words, for the `q` filter of /agencies (per view).
const haystacks = new WeakMap<LedgerView, Map<string, string>>();
function haystack(view: LedgerView, agencyId: string, names: string[]): string {
  let m = haystacks.get(view);
  if (!m) {
    m = new Map();
    haystacks.set(view, m);
  }
  let h = m.get(agencyId);
  if (h === undefined) {
    h = ` ${names.map((n) => view.search.normalize(n).join(' ')).join(' ')} `;
    m.set(agencyId, h);
  }
  return h;
}

export function agenciesBody(
  view: LedgerView,
  p: Page & { state?: string; status?: string; model?: string; level?: string; q?: string },
): z.infer<typeof AgencyList> {
  const state = upper(p.state);
  const words = p.q ? view.search.normalize(p.q) : [];
  const items = view.agencies.filter((a) => {
    if (state && a.state !== state) return false;
    if (p.status && a.status !== p.status) return false;
    if (p.level && a.level !== p.level) return false;
    if (p.model) {
      const m = p.model as ModelName;
      if (p.status === 'active' && !a.models.includes(m)) return false;
      if (p.status === 'pending' && !a.pendingModels.includes(m)) return false;
      if (p.status !== 'active' && p.status !== 'pending') {
        const all = view.details.get(a.agencyId)?.agreements ?? [];
        if (!all.some((g) => g.model === m)) return false;
      }
    }
    if (words.length > 0) {
      const h = haystack(view, a.agencyId, a.names);
      if (!words.every((w) => h.includes(` ${w}`))) return false;
    }
    return true;
  });
  const { page, next } = paginate(items, sortKey.agency, p.cursor, p.limit);
  return { data: page, meta: meta(view, { next_cursor: next, count: items.length }) };
}

export function agencyBody(view: LedgerView, id: string): z.infer<typeof AgencyResponse> | null {
  const d = view.details.get(id);
  if (!d) return null;
  return { data: d, meta: meta(view, { geo: true }) };
}

/**
 * One agreement by ID; a retired ID answers the agreement that holds its listings now (as a merged agency ID answers
 * its agency), listed in `formerIds` with its reason; one with no successor is gone (410, with the reason).
 */
export function agreementBody(
  view: LedgerView,
  id: string,
): { status: 200; body: z.infer<typeof AgreementResponse> } | { status: 404 | 410; body: ErrorEnvelope } {
  const retired = view.retired.get(id);
  const a = view.agreementById.get(retired?.into ?? id);
  if (retired && !a)
    return {
      status: 410,
      body: errorBody(410, 'gone', `Agreement ${id} no longer exists: ${retired.reason}`, {
        agreementId: id,
        reason: retired.reason,
        date: retired.date,
      }),
    };
  if (!a) return { status: 404, body: errorBody(404, 'not_found', `No agreement with id ${id}`) };
  const formerIds = [...view.retired.values()]
    .filter((r) => r.into === a.agreementId)
    .map((r) => ({
      agreementId: r.agreementId,
      kind: r.kind as 'absorbed' | 'rebuilt',
      reason: r.reason,
      date: r.date,
    }));
  return { status: 200, body: { data: { ...a, formerIds }, meta: meta(view) } };
}

/** Listed on the participating list on `on` (within an interval, gaps included). */
export function activeOn(a: TAgreement, on: string): boolean {
  return a.intervals.some((i) => i.list === 'participating' && i.from <= on && (i.to >= on || i.open));
}

export function pendingOn(a: TAgreement, on: string): boolean {
  return (
    !activeOn(a, on) &&
    a.intervals.some((i) => i.list === 'pending' && i.from <= on && (i.to >= on || i.open))
  );
}

export function agreementsBody(
  view: LedgerView,
  p: Page & { state?: string; status?: string; model?: string; active_on?: string; agency?: string },
): z.infer<typeof AgreementList> {
  const state = upper(p.state);
  const items = view.agreements.filter(
    (a) =>
      (!state || a.state === state) &&
      (!p.status || a.status === p.status) &&
      (!p.model || a.model === p.model) &&
      (!p.agency || a.agencyId === p.agency) &&
      (!p.active_on || activeOn(a, p.active_on)),
  );
  const { page, next } = paginate(items, sortKey.agreement, p.cursor, p.limit);
  return { data: page, meta: meta(view, { next_cursor: next, count: items.length }) };
}

/**
 * Whether an event stands under a model: its agreement's model, or, for an event about the agency itself (no
 * agreement, so no model), a model its agency held on that list that day (read/event-models.ts), as the Changes
 * page filters.
 */
function underModel(view: LedgerView, e: { eventId: string; model: string | null }, model: string): boolean {
  return e.model ? e.model === model : !!view.eventModels.get(e.eventId)?.includes(model);
}

export function eventsBody(
  view: LedgerView,
  p: Page & {
    since?: string;
    until?: string;
    state?: string;
    kind?: string;
    agency?: string;
    list?: string;
    model?: string;
  },
): z.infer<typeof EventList> {
  const state = upper(p.state);
  const agency = p.agency ? (view.details.get(p.agency)?.agencyId ?? p.agency) : undefined;
  const items = view.events.filter(
    (e) =>
      (!p.since || e.date >= p.since) &&
      (!p.until || e.date <= p.until) &&
      (!state || e.state === state) &&
      (!p.kind || e.kind === p.kind) &&
      (!p.list || e.list === p.list) &&
      (!p.model || underModel(view, e, p.model)) &&
      (!agency || e.agencyId === agency),
  );
  const { page, next } = paginate(items, sortKey.event, p.cursor, p.limit, true);
  return { data: page, meta: meta(view, { next_cursor: next, count: items.length }) };
}

export function publicationsBody(
  view: LedgerView,
  p: Page & { kind?: string; status?: string },
): z.infer<typeof PublicationList> {
  const items = view.publications.filter(
    (x) => (!p.kind || x.kind === p.kind) && (!p.status || x.status === p.status),
  );
  const { page, next } = paginate(items, sortKey.publication, p.cursor, p.limit, true);
  return { data: page, meta: meta(view, { next_cursor: next, count: items.length }) };
}

function toCountyFigure(c: CountyFigure) {
  return {
    fips: c.fips,
    name: c.name,
    state: c.state,
    agreements: { JEM: c.agreements.JEM, WSO: c.agreements.WSO, TFM: c.agreements.TFM },
    agencies: c.agencies,
    sheriff: { holds: c.sheriff.holds, models: c.sheriff.models, agencyIds: c.sheriff.agencyIds },
    population: c.population,
  };
}

export async function countiesBody(
  view: LedgerView,
  p: Page & { on?: string; state?: string },
): Promise<z.infer<typeof CountyList>> {
  const f = await view.figures(p.on);
  const state = upper(p.state);
  const items = f.counties
    .filter((c) => !state || c.state === state)
    .sort((a, b) => (a.fips < b.fips ? -1 : a.fips > b.fips ? 1 : 0));
  const { page, next } = paginate(items, sortKey.county, p.cursor, p.limit);
  return {
    data: { date: f.date, counties: page.map(toCountyFigure), sources: f.sources },
    meta: meta(view, { geo: true, next_cursor: next, count: items.length }),
  };
}

interface Counts {
  agenciesActive: Set<string>;
  agenciesPending: Set<string>;
  active: number;
  pending: number;
  byModel: Record<ModelName, number>;
}

/** Agreements and agencies in force (and pending) per state: now (by status) or on a date (by intervals). */
export function countsByState(view: LedgerView, on?: string): Map<string, Counts> {
  const out = new Map<string, Counts>();
  const get = (s: string) => {
    let c = out.get(s);
    if (!c) {
      c = {
        agenciesActive: new Set(),
        agenciesPending: new Set(),
        active: 0,
        pending: 0,
        byModel: { JEM: 0, WSO: 0, TFM: 0 },
      };
      out.set(s, c);
    }
    return c;
  };
  for (const a of view.agreements) {
    const c = get(a.state);
    const isActive = on ? activeOn(a, on) : a.status === 'active';
    const isPending = on ? pendingOn(a, on) : a.status === 'pending';
    if (isActive) {
      c.active++;
      c.byModel[a.model]++;
      c.agenciesActive.add(a.agencyId);
    } else if (isPending) {
      c.pending++;
      c.agenciesPending.add(a.agencyId);
    }
  }
  return out;
}

export async function statesBody(view: LedgerView, p: { on?: string }): Promise<z.infer<typeof StateList>> {
  const cov = await view.coverage(p.on);
  const counts = countsByState(view, p.on ?? undefined);
  const covBy = new Map(cov.states.map((s) => [s.state, s]));
  const codes = [...new Set([...counts.keys(), ...covBy.keys()])].sort();
  const states: TStateFigure[] = codes.map((code) => {
    const c = counts.get(code);
    const v = covBy.get(code);
    const pendingOnly = c ? [...c.agenciesPending].filter((a) => !c.agenciesActive.has(a)) : [];
    return {
      state: code,
      name: stateByUsps(code)?.name ?? code,
      agencies: { active: c?.agenciesActive.size ?? 0, pending: pendingOnly.length },
      agreements: {
        active: c?.active ?? 0,
        pending: c?.pending ?? 0,
        byModel: c?.byModel ?? { JEM: 0, WSO: 0, TFM: 0 },
      },
      coverage: v
        ? {
            sheriffCounties: v.sheriffCounties,
            anyAgreementCounties: v.anyAgreementCounties,
            agreements: v.agreements,
            countiesWithoutPopulation: v.countiesWithoutPopulation,
          }
        : null,
    };
  });
  return {
    data: { date: cov.date, states, sources: cov.sources },
    meta: meta(view, { geo: true, count: states.length }),
  };
}

export async function statsBody(
  view: LedgerView,
  p: { on?: string },
): Promise<z.infer<typeof StatsResponse>> {
  const cov = await view.coverage(p.on);
  const figs = await view.figures(p.on);
  const counts = countsByState(view, p.on);
  let active = 0;
  let pending = 0;
  const byModel: Record<ModelName, number> = { JEM: 0, WSO: 0, TFM: 0 };
  const agActive = new Set<string>();
  const agPending = new Set<string>();
  let states = 0;
  for (const c of counts.values()) {
    active += c.active;
    pending += c.pending;
    for (const m of MODELS) byModel[m] += c.byModel[m];
    for (const a of c.agenciesActive) agActive.add(a);
    for (const a of c.agenciesPending) agPending.add(a);
    if (c.active > 0) states++;
  }
  const residents = (pick: (c: CountyFigure) => boolean) => {
    let counties = 0;
    let total = 0;
    let hispanic = 0;
    for (const c of figs.counties)
      if (pick(c)) {
        counties++;
        total += c.population?.total ?? 0;
        hispanic += c.population?.hispanic ?? 0;
      }
    return { counties, residents: total, hispanic };
  };
  const hasCounties = figs.counties.length > 0;
  const stats: TStats = {
    date: cov.date,
    agreements: { active, pending, byModel },
    agencies: {
      active: agActive.size,
      pending: [...agPending].filter((a) => !agActive.has(a)).length,
      total: view.agencies.length,
    },
    states,
    coverage: hasCounties
      ? {
          sheriffCounties: cov.national.sheriffCounties,
          anyAgreementCounties: cov.national.anyAgreementCounties,
          countiesWithoutPopulation: cov.national.countiesWithoutPopulation,
          byModel: {
            JEM: {
              sheriffCounties: residents((c) => c.sheriff.holds && c.sheriff.models.includes('JEM')),
              anyAgreementCounties: residents((c) => c.agreements.JEM > 0),
            },
            WSO: {
              sheriffCounties: residents((c) => c.sheriff.holds && c.sheriff.models.includes('WSO')),
              anyAgreementCounties: residents((c) => c.agreements.WSO > 0),
            },
            TFM: {
              sheriffCounties: residents((c) => c.sheriff.holds && c.sheriff.models.includes('TFM')),
              anyAgreementCounties: residents((c) => c.agreements.TFM > 0),
            },
          },
        }
      : null,
    sources: cov.sources,
  };
  return { data: stats, meta: meta(view, { geo: true }) };
}

export type SearchParams = { q: string; type?: SearchType; state?: string; limit: number };

function searchOptions(p: SearchParams): SearchOptions {
  return {
    limit: p.limit,
    ...(p.type ? { types: [p.type] } : {}),
    ...(p.state ? { state: p.state.toUpperCase() } : {}),
  };
}

/** Each entry's JSON without its closing brace, made once per entry (entries live as long as their view). */
const entryJson = new WeakMap<SearchEntry, string>();
const metaJson = new WeakMap<LedgerView, string>();

/**
 * The search answer's JSON (`{ data: hits, meta }`, `meta.count` the number of hits), made from each entry's JSON
 * made once: serializing the hits afresh was about a tenth of an uncached search request's time. The one
 * serializer of the search answer: the Hono route and the fast lane send it; `searchBody` is its value.
 */
export function searchJson(view: LedgerView, p: SearchParams): string {
  const hits = view.search.ranked(p.q, searchOptions(p));
  const parts = hits.map(({ entry, match, score }) => {
    let json = entryJson.get(entry);
    if (json === undefined) {
      json = JSON.stringify(entry).slice(0, -1);
      entryJson.set(entry, json);
    }
    return `${json},"match":${JSON.stringify(match)},"score":${JSON.stringify(score)}}`;
  });
  let head = metaJson.get(view);
  if (head === undefined) {
    // The view's meta without its closing brace; `count` is its last member.
    head = JSON.stringify(meta(view, { geo: true })).slice(0, -1);
    metaJson.set(view, head);
  }
  return `{"data":[${parts.join(',')}],"meta":${head},"count":${hits.length}}}`;
}

/** The search answer as a value: what `searchJson` serializes (a test holds it to the hits serialized afresh). */
export function searchBody(view: LedgerView, p: SearchParams): z.infer<typeof SearchResponse> {
  return JSON.parse(searchJson(view, p)) as z.infer<typeof SearchResponse>;
}
