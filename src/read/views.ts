/**
 * In-memory views of the ledger for the API, the snapshots and the web pages: every agency's detail, the
 * listings and the search index, built once per ledger version (the latest run id) with a handful of bulk
 * queries, instead of querying per request. `LedgerViews.current()` checks the version at most once per interval.
 */
import {
  type CountyFiguresResult,
  countyFigures,
  coverage,
  fbiRows,
  listCounties,
  listPlacements,
} from '../api/geo.ts';
import type {
  TAgencyDetail,
  TAgencySummary,
  TAgreement,
  TEvent,
  TPlacement,
  TPopulation,
  TPublication,
  TSourceRef,
} from '../api/schemas.ts';
import type { Coverage, Placement } from '../domain/geography.ts';
import { unpackRefs } from '../domain/listing-refs.ts';
import { decisionView } from '../identify/review.ts';
import { reviewedDecisions } from '../ingest/review-queue.ts';
import { loadReference } from '../reference/load.ts';
import { allStates, stateByUsps } from '../reference/us-states.ts';
import type { Db } from '../store/db.ts';
import { DECISION_COLUMNS } from '../store/identity.ts';
import { latestSightings, listAgreements, listChanges, listSnapshots } from '../store/queries.ts';
import { countyLabel, eventTitle } from './describe.ts';
import { type SearchEntry, SearchIndex } from './search.ts';

type ModelName = 'JEM' | 'WSO' | 'TFM';

export interface Sighting {
  id: number;
  date: string;
}

export interface Sightings {
  participating: Sighting | null;
  pending: Sighting | null;
}

export interface CountyInfo {
  fips: string;
  state: string;
  /** The name as in the county shapes (`St. Johns`). */
  name: string;
  /** With its kind word (`St. Johns County`). */
  label: string;
  population: TPopulation | null;
}

export interface LedgerView {
  /** The latest run id: any ingest makes a new version. */
  version: string;
  /** When the latest run finished (ISO), or null for an empty ledger. */
  lastUpdated: string | null;
  sightings: Sightings;
  /** Newest first. */
  publications: TPublication[];
  publicationById: Map<number, TPublication>;
  /** By state, name, id. */
  agencies: TAgencySummary[];
  /** By agency id, merged ids included. */
  details: Map<string, TAgencyDetail>;
  /** By state, name, model, id. */
  agreements: TAgreement[];
  /** Newest first. */
  events: TEvent[];
  placements: Map<string, Placement>;
  counties: Map<string, CountyInfo>;
  search: SearchIndex;
  /** Per-county figures on a date (default: the latest), memoized. */
  figures(on?: string): Promise<CountyFiguresResult>;
  coverage(on?: string): Promise<Coverage>;
}

/** Sort keys: plain code-unit comparison, so cursors compare the same way everywhere. */
export const sortKey = {
  agency: (a: { state: string; name: string; agencyId: string }) =>
    `${a.state}\u0000${a.name.toLowerCase()}\u0000${a.agencyId}`,
  agreement: (a: { state: string; name: string; model: string; agreementId: string }) =>
    `${a.state}\u0000${a.name.toLowerCase()}\u0000${a.model}\u0000${a.agreementId}`,
  /** Descending. */
  event: (e: { date: string; eventId: string }) => `${e.date}\u0000${e.eventId}`,
  /** Descending. */
  publication: (p: { asOf: string; publicationId: number }) =>
    `${p.asOf}\u0000${String(p.publicationId).padStart(12, '0')}`,
  county: (c: { fips: string }) => c.fips,
};

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function ledgerVersion(db: Db): Promise<string> {
  const r = await db
    .selectFrom('runs')
    .select((eb) => eb.fn.max('run_id').as('v'))
    .executeTakeFirst();
  return String(r?.v ?? 0);
}

function memoByDate<T>(fn: (on?: string) => Promise<T>): (on?: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (on?: string) => {
    const k = on ?? '';
    let p = cache.get(k);
    if (!p) {
      p = fn(on);
      p.catch(() => cache.delete(k));
      if (cache.size >= 64) cache.delete(cache.keys().next().value as string);
      cache.set(k, p);
    }
    return p;
  };
}

function pushTo<K, V>(m: Map<K, V[]>, k: K, v: V) {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

const MODEL_ORDER: ModelName[] = ['JEM', 'WSO', 'TFM'];
const sortModels = (ms: Iterable<string>) => MODEL_ORDER.filter((m) => [...ms].includes(m)) as ModelName[];

function toPlacement(p: Placement): TPlacement {
  return {
    level: p.level,
    countyFips: p.countyFips,
    place: p.place,
    ori: p.ori,
    oriStatus: p.oriStatus,
    oriCandidates: p.oriCandidates,
    method: p.method,
    rule: p.rule,
    confidence: p.confidence,
    inputs: p.inputs,
    reason: p.reason,
  };
}

/** Builds every view of the ledger as it is now. */
export async function buildView(db: Db, version?: string): Promise<LedgerView> {
  const v = version ?? (await ledgerVersion(db));
  const lastRun = await db
    .selectFrom('runs')
    .select(['finished_at'])
    .where('finished_at', 'is not', null)
    .orderBy('run_id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const current = await latestSightings(db);
  const sightings: Sightings = { participating: current.participating, pending: current.pending };

  // Publications, newest first.
  const snaps = await listSnapshots(db);
  const publications: TPublication[] = snaps
    .map((s) => ({
      publicationId: s.publication,
      kind: s.kind as TPublication['kind'],
      date: s.date,
      asOf: s.asOf,
      source: s.source,
      era: s.era,
      label: s.label,
      sha256: s.sha256,
      rows: s.rows,
      agreements: s.agreements,
      models: s.models,
      states: s.states,
      hiddenRows: s.hiddenRows,
      status: s.status,
      statusReason: s.statusReason,
    }))
    .sort((a, b) => cmp(sortKey.publication(b), sortKey.publication(a)));
  const publicationById = new Map(publications.map((p) => [p.publicationId, p]));

  // Agreements.
  const agreements: TAgreement[] = (await listAgreements(db))
    .map((a) => ({
      agreementId: a.agreementId,
      agencyId: a.agencyId,
      state: a.state,
      name: a.name,
      model: a.model as ModelName,
      status: a.status as TAgreement['status'],
      signed: a.signed,
      signedPublished: a.signedPublished,
      signedRule: a.signedRule,
      signedHistory: a.signedHistory as TAgreement['signedHistory'],
      firstListed: a.firstListed,
      lastListed: a.lastListed,
      firstPublication: a.firstPublication,
      lastPublication: a.lastPublication,
      firstPending: a.firstPending,
      firstParticipating: a.firstParticipating,
      daysPendingToSigned: a.daysPendingToSigned,
      moaUrl: a.moaUrl,
      addendumUrl: a.addendumUrl,
      secondaryOnly: a.secondaryOnly,
      supersedes: a.supersedes,
      supersededBy: a.supersededBy,
      intervals: a.intervals.map((i) => ({
        list: i.list as 'participating' | 'pending',
        from: i.from,
        to: i.to ?? i.from,
        fromPublication: i.fromPublication,
        toPublication: i.toPublication ?? i.fromPublication,
        open: i.open,
        gaps: i.gaps,
      })),
    }))
    .sort((a, b) => cmp(sortKey.agreement(a), sortKey.agreement(b)));

  // Events, newest first.
  const events: TEvent[] = (await listChanges(db, '0001-01-01'))
    .map((e) => {
      const base = {
        eventId: e.eventId,
        date: e.date,
        kind: e.kind,
        list: e.list as TEvent['list'],
        agencyId: e.agencyId,
        agreementId: e.agreementId,
        state: e.state,
        name: e.name,
        model: e.model,
        publication: e.publication,
        details: e.details as Record<string, unknown>,
      };
      return { ...base, title: eventTitle(base) };
    })
    .sort((a, b) => cmp(sortKey.event(b), sortKey.event(a)));

  // Agencies and their names (with the publications that first and last listed each name).
  const agencyRows = await db.selectFrom('agencies').selectAll().execute();
  const nameRows = await db
    .selectFrom('agency_names')
    .select(['agency_id', 'state', 'name', 'first_seen', 'last_seen'])
    .orderBy('first_seen')
    .orderBy('name')
    .execute();
  const asOf = new Map(snaps.map((s) => [s.publication, s.asOf]));
  const refRows = (
    await db.selectFrom('listing_refs').select(['publication_id', 'refs', 'refs_packed']).execute()
  )
    .map((r) => ({ publication_id: r.publication_id, agencies: unpackRefs(r)?.agencies }))
    .sort((a, b) => cmp(asOf.get(a.publication_id) ?? '', asOf.get(b.publication_id) ?? ''));
  const namePubs = new Map<string, { first: number; last: number }>();
  for (const r of refRows)
    for (const [id, st, name] of r.agencies ?? []) {
      const k = `${id}\u0000${st}\u0000${name}`;
      const cur = namePubs.get(k);
      if (cur) cur.last = r.publication_id;
      else namePubs.set(k, { first: r.publication_id, last: r.publication_id });
    }
  const any = current.any ?? '';
  const namesBy = new Map<string, TAgencyDetail['names']>();
  for (const n of nameRows) {
    const p = namePubs.get(`${n.agency_id}\u0000${n.state}\u0000${n.name}`);
    pushTo(namesBy, n.agency_id, {
      name: n.name,
      state: n.state,
      firstSeen: n.first_seen,
      lastSeen: n.last_seen ?? any,
      firstPublication: p?.first ?? null,
      lastPublication: p?.last ?? null,
    });
  }
  const decisionsBy = new Map<string, TAgencyDetail['identity']>();
  const reviewed = await reviewedDecisions(db);
  for (const d of await db
    .selectFrom('identity_decisions')
    .select(['agency_id', ...DECISION_COLUMNS])
    .orderBy('decided_on')
    .orderBy('name')
    .execute())
    pushTo(decisionsBy, d.agency_id, decisionView(d, reviewed));
  const agreementsBy = new Map<string, TAgreement[]>();
  for (const a of agreements) pushTo(agreementsBy, a.agencyId, a);
  const eventsBy = new Map<string, TEvent[]>();
  for (const e of [...events].reverse()) pushTo(eventsBy, e.agencyId, e);

  // Geography: placements, counties and their population (latest figures).
  const placements = new Map((await listPlacements(db)).map((p) => [p.agencyId, p]));
  const latestFigures = await countyFigures(db);
  const figureByFips = new Map(latestFigures.counties.map((c) => [c.fips, c]));
  const counties = new Map<string, CountyInfo>();
  for (const c of await listCounties(db))
    counties.set(c.fips, {
      fips: c.fips,
      state: c.state,
      name: c.name,
      label: countyLabel(c.name, c.state, c.fips),
      population: figureByFips.get(c.fips)?.population ?? null,
    });
  for (const f of latestFigures.counties)
    if (!counties.has(f.fips))
      counties.set(f.fips, {
        fips: f.fips,
        state: f.state,
        name: f.name,
        label: countyLabel(f.name, f.state, f.fips),
        population: f.population,
      });
  const fbi = await fbiRows(
    db,
    [...placements.values()].map((p) => p.ori).filter((o): o is string => !!o),
  );
  const sources: TSourceRef[] = latestFigures.sources;

  const mergedInto = new Map<string, string>();
  for (const a of agencyRows) if (a.merged_into) mergedInto.set(a.agency_id, a.merged_into);
  const canonical = (id: string) => {
    let cur = id;
    for (let i = 0; i < 10 && mergedInto.has(cur); i++) cur = mergedInto.get(cur) as string;
    return cur;
  };

  const agencies: TAgencySummary[] = [];
  const details = new Map<string, TAgencyDetail>();
  for (const a of agencyRows) {
    if (a.merged_into) continue;
    const id = a.agency_id;
    const names = namesBy.get(id) ?? [];
    const latest = names.reduce<(typeof names)[number] | undefined>(
      (x, y) =>
        !x || y.lastSeen > x.lastSeen || (y.lastSeen === x.lastSeen && y.firstSeen > x.firstSeen) ? y : x,
      undefined,
    );
    const mine = agreementsBy.get(id) ?? [];
    const active = mine.filter((x) => x.status === 'active');
    const pending = mine.filter((x) => x.status === 'pending');
    const status = active.length > 0 ? 'active' : pending.length > 0 ? 'pending' : 'removed';
    const placement = placements.get(id);
    const lastSeen = [a.first_seen, ...names.map((n) => n.lastSeen)].sort().pop() as string;
    const name = latest?.name ?? a.first_name;
    const state = latest?.state ?? a.state;
    agencies.push({
      agencyId: id,
      name,
      state,
      status,
      models: sortModels(active.map((x) => x.model)),
      pendingModels: sortModels(pending.map((x) => x.model)),
      level: placement?.level ?? null,
      countyFips: placement?.countyFips ?? [],
      place: placement?.place ?? null,
      ori: placement?.ori ?? null,
      firstSeen: a.first_seen,
      lastSeen,
      names: [...new Set(names.map((n) => n.name))],
      agreements: { active: active.length, pending: pending.length, total: mine.length },
    });
    const countyRefs = (placement?.countyFips ?? []).map((fips) => {
      const c = counties.get(fips);
      return {
        fips,
        name: c?.label ?? fips,
        state: c?.state ?? state,
        population: c?.population ?? null,
      };
    });
    const pops = countyRefs.map((c) => c.population);
    const population =
      pops.length > 0 && pops.every((p): p is TPopulation => p !== null)
        ? pops.reduce((s, p) => ({
            total: s.total + p.total,
            hispanic: s.hispanic + p.hispanic,
            blackNonHispanic: s.blackNonHispanic + p.blackNonHispanic,
            whiteNonHispanic: s.whiteNonHispanic + p.whiteNonHispanic,
          }))
        : null;
    const myEvents = eventsBy.get(id) ?? [];
    const pubIds = new Set<number>();
    for (const n of names) {
      if (n.firstPublication !== null) pubIds.add(n.firstPublication);
      if (n.lastPublication !== null) pubIds.add(n.lastPublication);
    }
    for (const g of mine) {
      pubIds.add(g.firstPublication);
      pubIds.add(g.lastPublication);
      for (const i of g.intervals) {
        pubIds.add(i.fromPublication);
        pubIds.add(i.toPublication);
      }
      for (const s of g.signedHistory) pubIds.add(s.publication);
    }
    for (const e of myEvents) pubIds.add(e.publication);
    const pubs: TAgencyDetail['publications'] = {};
    for (const p of [...pubIds].sort((x, y) => x - y)) {
      const pub = publicationById.get(p);
      if (pub)
        pubs[String(p)] = {
          kind: pub.kind,
          date: pub.date,
          label: pub.label,
          sha256: pub.sha256,
          status: pub.status,
        };
    }
    const ori = placement?.ori ?? null;
    const f = ori ? fbi.get(ori) : undefined;
    details.set(id, {
      agencyId: id,
      mergedIds: [],
      name,
      state,
      status,
      models: sortModels(active.map((x) => x.model)),
      firstSeen: a.first_seen,
      lastSeen,
      names,
      agreements: mine,
      events: myEvents,
      placement: placement ? toPlacement(placement) : null,
      counties: countyRefs,
      ori,
      fbi: f
        ? { ori: f.ori, name: f.name, state: f.state, type: f.type, population: f.population, year: f.year }
        : null,
      population,
      identity: decisionsBy.get(id) ?? [],
      publications: pubs,
      sources: placement ? sources : [],
    });
  }
  for (const [merged] of mergedInto) {
    const target = details.get(canonical(merged));
    if (target) {
      target.mergedIds.push(merged);
      details.set(merged, target);
    }
  }
  agencies.sort((x, y) => cmp(sortKey.agency(x), sortKey.agency(y)));

  const search = new SearchIndex(
    searchEntries(agencies, counties, latestFigures, agreements),
    loadReference('nameAbbreviations').map((r) => [r.abbreviation, r.expansion] as [string, string]),
  );

  return {
    version: v,
    lastUpdated: lastRun?.finished_at ?? null,
    sightings,
    publications,
    publicationById,
    agencies,
    details,
    agreements,
    events,
    placements,
    counties,
    search,
    figures: memoByDate((on) => (on === undefined ? Promise.resolve(latestFigures) : countyFigures(db, on))),
    coverage: memoByDate((on) => coverage(db, on)),
  };
}

function searchEntries(
  agencies: TAgencySummary[],
  counties: Map<string, CountyInfo>,
  figures: CountyFiguresResult,
  agreements: TAgreement[],
): SearchEntry[] {
  const out: SearchEntry[] = [];
  const stateName = (s: string) => stateByUsps(s)?.name ?? s;
  for (const a of agencies) {
    const countyWords = a.countyFips.map((f) => counties.get(f)?.label ?? '').filter(Boolean);
    out.push({
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
    });
  }
  const figureByFips = new Map(figures.counties.map((c) => [c.fips, c]));
  for (const c of counties.values()) {
    const f = figureByFips.get(c.fips);
    const models = f ? MODEL_ORDER.filter((m) => (f.agreements[m] ?? 0) > 0) : [];
    out.push({
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
      path: `/state/${c.state}/#c${c.fips}`,
    });
  }
  const activeModels = new Map<string, Set<string>>();
  for (const g of agreements)
    if (g.status === 'active') {
      const s = activeModels.get(g.state) ?? new Set<string>();
      s.add(g.model);
      activeModels.set(g.state, s);
    }
  for (const s of allStates()) {
    const models = sortModels(activeModels.get(s.usps) ?? []);
    out.push({
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
    });
  }
  return out;
}

/**
 * The current view, rebuilt when the ledger's version changes (checked at most once per `checkIntervalMs`).
 * The first call waits for the first build; later, a new version is built in the background while the previous
 * view keeps answering (a full rebuild of the real ledger takes a second or two), unless `refresh()` is awaited.
 */
export class LedgerViews {
  private view: LedgerView | null = null;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private checking: Promise<string> | null = null;
  private building: { version: string; promise: Promise<LedgerView> } | null = null;

  constructor(
    private readonly db: Db,
    private readonly checkIntervalMs = 1000,
    private readonly log: (msg: string) => void = (m) => console.error(m),
  ) {}

  private version(): Promise<string> {
    this.checking ??= ledgerVersion(this.db).finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private build(version: string): Promise<LedgerView> {
    if (this.building?.version === version) return this.building.promise;
    const promise = buildView(this.db, version).then(
      (v) => {
        if (!this.view || Number(v.version) >= Number(this.view.version)) this.view = v;
        if (this.building?.version === version) this.building = null;
        return v;
      },
      (e: unknown) => {
        if (this.building?.version === version) this.building = null;
        throw e;
      },
    );
    this.building = { version, promise };
    return promise;
  }

  async current(): Promise<LedgerView> {
    const view = this.view;
    if (view && performance.now() - this.checkedAt < this.checkIntervalMs) return view;
    if (!view) return this.refresh();
    this.checkedAt = performance.now();
    const version = await this.version();
    if (version !== view.version)
      this.build(version).catch((e: unknown) =>
        this.log(`api: rebuilding the views failed: ${e instanceof Error ? (e.stack ?? e.message) : e}`),
      );
    return this.view ?? view;
  }

  /** The view of the ledger as it is now (waits for a rebuild when the ledger changed). */
  async refresh(): Promise<LedgerView> {
    const version = await this.version();
    this.checkedAt = performance.now();
    if (this.view?.version === version) return this.view;
    return this.build(version);
  }
}
